import ArgumentParser
import Foundation
import RecLab
import StudyKit

extension KB {
    struct BenchReview: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bench-review",
            abstract: "Benchmark the daily commands on 100,000 cards with a year of simulated reviews.",
            discussion: """
                Writes a deck corpus of --cards cards into a temporary root, indexes it, simulates a year of \
                daily sessions (up to --new-per-day new cards a day, grades drawn from a seeded generator), \
                then prints: the whole-process time of `kb today` and of `kb review` up to its first card \
                (median and p90 of 31 runs), and the time to commit one grade (median and p95 of 500). \
                Run it on the release build the README's figures come from: \(BenchBuild.command), \
                then .build/release/kb bench-review
                """)

        @Option(help: "Cards in the corpus.")
        var cards = 100_000

        @Option(help: "Days of simulated reviews.")
        var days = 365

        @Option(help: "New cards introduced per simulated day.")
        var newPerDay = 300

        @Option(help: "Seed for the simulated grades.")
        var seed: UInt64 = 1

        @Option(help: ArgumentHelp("Build the corpus in this folder and keep it (for profiling) instead of a temporary one.", valueName: "dir"))
        var keep: String?

        func run() throws {
            let work = keep.map { URL(fileURLWithPath: $0) }
                ?? FileManager.default.temporaryDirectory.appendingPathComponent("kb-bench-review-\(getpid())")
            defer { if keep == nil { try? FileManager.default.removeItem(at: work) } }
            print(BenchBuild.describe())
            let setupStart = Date()
            try BenchDecks.write(cards: cards, into: work)
            let database = try AppDatabase.open(path: work.appendingPathComponent(".kb/kb.sqlite").path)
            let start = Day("2025-01-01") ?? Day(daysSinceEpoch: 20_089)
            let indexSeconds = try BenchClock.time { _ = try Indexer(root: work, database: database, today: start).run() }
            print(String(format: "corpus: %d cards in %d files, indexed in %.1f s", cards, (cards + 499) / 500, indexSeconds))
            var rng = SplitMix64(seed: seed)  // RecLab's generator: the same seed, the same history
            var total = 0
            for offset in 0..<days {
                let day = start + offset
                let queue = try database.reviewQueue(today: day, filter: CardFilter(), newLimit: newPerDay)
                var session = ReviewSession(today: day, cards: queue.cards, newLimit: newPerDay)
                var outcomes: [ReviewOutcome] = []
                while !session.isFinished {
                    // Mostly recalled, sometimes hard, sometimes forgotten: a plausible learner.
                    let roll = rng.next() % 100
                    let grade: Grade = roll < 8 ? .wrong : roll < 20 ? .hard : roll < 70 ? .good : .perfect
                    guard let outcome = session.grade(grade, seconds: 4) else { break }
                    outcomes.append(outcome)
                }
                try database.recordReviews(outcomes, day: day)
                total += outcomes.count
            }
            try database.compactLog()  // as after any large write; see AppDatabase.compactLog
            let today = start + days
            print(String(format: "history: %d reviews over %d days (setup %.0f s); benchmark day %@", total, days, Date().timeIntervalSince(setupStart), today.description))
            let kb = Subprocess.ownExecutable
            let env = ["KB_TODAY": today.description, "NO_COLOR": "1"]
            let todayTimes = try Self.processTimes(kb, ["today", "--root", work.path], input: nil, env: env)
            let reviewTimes = try Self.processTimes(kb, ["review", "--root", work.path], input: "q\n", env: env)
            let overview = try database.todayOverview(today: today)
            print(String(format: "kb today (whole process, %d due, %d new): median %.1f ms, p90 %.1f ms (target 50 ms)", overview.due, overview.new, todayTimes.median * 1000, todayTimes.p90 * 1000))
            print(String(format: "kb review to first card (whole process): median %.1f ms, p90 %.1f ms (target 50 ms)", reviewTimes.median * 1000, reviewTimes.p90 * 1000))
            let grading = try Self.gradeTimes(database, today: today)
            print(String(format: "grading a card (one committed transaction): median %.2f ms, p95 %.2f ms over %d grades (target 5 ms)", grading.median * 1000, grading.p95 * 1000, grading.count))
        }

        static func processTimes(_ kb: String, _ arguments: [String], input: String?, env: [String: String]) throws -> (median: Double, p90: Double) {
            var times: [Double] = []
            var environment = ProcessInfo.processInfo.environment
            for (key, value) in env { environment[key] = value }
            for _ in 0..<31 {
                var status: Int32 = 0
                times.append(BenchClock.time { status = Subprocess.run(kb, arguments, environment: environment, input: input ?? "") })
                guard status == 0 else { throw UserError("kb \(arguments.joined(separator: " ")) failed in the benchmark") }
            }
            times.sort()
            return (times[times.count / 2], times[times.count * 9 / 10])
        }

        static func gradeTimes(_ database: AppDatabase, today: Day) throws -> (median: Double, p95: Double, count: Int) {
            let queue = try database.reviewQueue(today: today, filter: CardFilter(), newLimit: 20)
            var session = ReviewSession(today: today, cards: queue.cards, newLimit: 20)
            var times: [Double] = []
            while times.count < 500, !session.isFinished {
                guard let outcome = session.grade(.good, seconds: 3) else { break }
                times.append(try BenchClock.time { _ = try database.recordReview(outcome, day: today) })
            }
            guard !times.isEmpty else { return (0, 0, 0) }
            times.sort()
            return (times[times.count / 2], times[min(times.count - 1, times.count * 95 / 100)], times.count)
        }
    }
}

/// A synthetic deck corpus: 500 basic cards per file, with a few topics.
enum BenchDecks {
    static func write(cards: Int, into root: URL) throws {
        let topics = ["retrieval", "ranking", "metrics", "serving", "features"]
        let manager = FileManager.default
        var written = 0
        var file = 0
        while written < cards {
            let folder = root.appendingPathComponent("Decks/bench/\(topics[file % topics.count])")
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            var text = "---\ntitle: Bench deck \(file)\ntopics: [\(topics[file % topics.count])]\n---\n"
            for _ in 0..<500 where written < cards {
                text += "Synthetic question number \(written) about item \(written % 977)? :: Answer \(written).\n\n"
                written += 1
            }
            try Data(text.utf8).write(to: folder.appendingPathComponent("deck-\(file).md"))
            file += 1
        }
    }
}
