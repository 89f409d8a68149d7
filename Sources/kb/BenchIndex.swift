import ArgumentParser
import Foundation
import StudyKit

extension KB {
    struct BenchIndex: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bench-index",
            abstract: "Benchmark indexing and search on a corpus built from Notes/ (and any Markdown you add).",
            discussion: """
                Copies the Markdown under the root's Notes/ and Decks/ (plus --extra folders) into a temporary \
                corpus until it reaches --megabytes, then prints: full index time (opening a new database file and \
                indexing into it, as `kb index` on a new root) and MB/s next to `cmark` rendering the same files \
                to HTML (medians of --runs of each, alternated), the same index into an existing empty file, \
                the no-change re-index time, in-process search latency \
                (median and p95 over 100 queries), and whole-process `kb search` against `rg` at 1x and 10x. \
                Run it on the release build the README's figures come from: \(BenchBuild.command), \
                then .build/release/kb bench-index
                """)

        @OptionGroup var options: GlobalOptions

        @Option(help: "Size of the 1x corpus in MB.")
        var megabytes = 7.0

        @Option(help: ArgumentHelp("More folders of Markdown to copy into the corpus (repeatable).", valueName: "dir"))
        var extra: [String] = []

        @Flag(help: "Skip the 10x corpus (it takes a few minutes).")
        var skip10x = false

        @Option(help: "Full indexes (each into a new database) and cmark runs per corpus, alternated; medians are compared.")
        var runs = 5

        func run() throws {
            let root = try GlobalOptions.findRoot(explicit: options.root ?? environmentValue("KB_ROOT"))
            print(BenchBuild.describe())
            let sources = try Self.sourceFiles(root: root, extra: extra)
            guard !sources.isEmpty else { throw UserError("no Markdown found under \(root.path)/Notes or Decks to build a corpus from") }
            let work = FileManager.default.temporaryDirectory.appendingPathComponent("kb-bench-\(getpid())")
            defer { try? FileManager.default.removeItem(at: work) }
            let small = try BenchCorpus.build(at: work.appendingPathComponent("x1"), from: sources, megabytes: megabytes)
            print("corpus 1x: \(small.files) files, \(String(format: "%.1f", small.megabytes)) MB (copies of \(sources.count) files)")
            let smallResult = try measure(small)
            if !skip10x {
                let large = try BenchCorpus.build(at: work.appendingPathComponent("x10"), from: sources, megabytes: megabytes * 10)
                print("corpus 10x: \(large.files) files, \(String(format: "%.1f", large.megabytes)) MB")
                _ = try measure(large)
            }
            _ = smallResult
        }

        /// Indexes one corpus and prints every figure for it.
        private func measure(_ corpus: BenchCorpus) throws -> Double {
            // Full indexes alternate with cmark over the same files, each into a database of its
            // own: on a shared machine one run of each moved the ratio by up to a factor of two.
            // The full index is what `kb index` does on a root without a database: open (a new
            // file, built under another name and published at the end) and index. Beside it, for
            // comparison, the same index into an existing empty file, through its log.
            var fulls: [Double] = []
            var intoExisting: [Double] = []
            var cmarks: [Double] = []
            var fullReport = IndexReport()
            var database: AppDatabase?
            var dbPath = ""
            let today = Day(daysSinceEpoch: 20_000)
            for run in 0..<max(1, runs) {
                database = nil
                if !dbPath.isEmpty { DatabaseFiles.remove(dbPath) }
                dbPath = corpus.root.appendingPathComponent(".kb/kb-\(run).sqlite").path
                fulls.append(try BenchClock.time {
                    let opened = try AppDatabase.open(path: dbPath, building: true)
                    fullReport = try Indexer(root: corpus.root, database: opened, today: today).run()
                    database = opened
                })
                let existingPath = corpus.root.appendingPathComponent(".kb/existing-\(run).sqlite").path
                let existing = try AppDatabase.open(path: existingPath)
                intoExisting.append(try BenchClock.time { _ = try Indexer(root: corpus.root, database: existing, today: today).run() })
                DatabaseFiles.remove(existingPath)
                if let cmark = BenchCorpus.cmarkSeconds(corpus) { cmarks.append(cmark) }
            }
            guard let database else { return 0 }
            let indexer = Indexer(root: corpus.root, database: database, today: today)
            let again = try BenchClock.time { _ = try indexer.run() }
            let full = Self.median(fulls)
            print(String(
                format: "  full index      %7.3f s  %6.1f MB/s  (median of %d; %.3f-%.3f s)",
                full, corpus.megabytes / full, fulls.count, fulls.min() ?? 0, fulls.max() ?? 0))
            let phases = fullReport.phases.map { String(format: "%@ %.3f", $0.name, $0.seconds) }
            print("    phases of the last (s): \(phases.joined(separator: ", "))")
            let existing = Self.median(intoExisting)
            print(String(
                format: "    into an existing empty file (through the log): %.3f s (median; %.3f-%.3f s)",
                existing, intoExisting.min() ?? 0, intoExisting.max() ?? 0))
            if !cmarks.isEmpty {
                let cmark = Self.median(cmarks)
                print(String(
                    format: "  cmark to HTML   %7.3f s  (median; %.3f-%.3f s)  index / cmark = %.2fx, target <= 2.5x",
                    cmark, cmarks.min() ?? 0, cmarks.max() ?? 0, full / cmark))
            } else {
                print("  cmark to HTML   (cmark command not found; apt-get install cmark)")
            }
            print(String(format: "  no-change index %7.3f s  (%.1f%% of full, target < 5%%)", again, 100 * again / full))
            var latencies: [Double] = []
            let queries = BenchCorpus.queries
            for index in 0..<100 {
                let query = SearchQuery(queries[index % queries.count])
                latencies.append(try BenchClock.time { _ = try database.search(query, limit: 20) })
            }
            latencies.sort()
            print(String(format: "  search in-process median %.2f ms, p95 %.2f ms (100 queries)", latencies[49] * 1000, latencies[94] * 1000))
            let processes = try BenchCorpus.compareProcesses(corpus: corpus, db: dbPath)
            print(String(format: "  kb search process median %.1f ms; rg median %.1f ms (%@)", processes.kb * 1000, processes.rg * 1000, processes.rg > 0 ? String(format: "rg / kb = %.1fx", processes.rg / processes.kb) : "rg not found"))
            return full
        }

        private static func median(_ values: [Double]) -> Double {
            let sorted = values.sorted()
            guard !sorted.isEmpty else { return 0 }
            let middle = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        }

        static func sourceFiles(root: URL, extra: [String]) throws -> [URL] {
            var files = Scanner(root: root).scan().map { root.appendingPathComponent($0.path) }
            for folder in extra {
                let url = URL(fileURLWithPath: folder)
                guard let walker = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil) else {
                    throw UserError("--extra \(folder): not a folder")
                }
                for case let file as URL in walker where file.pathExtension.lowercased() == "md" { files.append(file) }
            }
            return files
        }
    }
}

/// How this kb binary was built, printed at the top of every benchmark: start-up time, and
/// with it every whole-process figure, depends on it.
enum BenchBuild {
    /// The command that builds the binary the README's figures come from.
    static let command = "swift build -c release -Xswiftc -static-executable"

    static func describe() -> String {
        var parts: [String] = []
        var asInREADME = true
        #if DEBUG
        parts.append("DEBUG build (figures mean little)")
        asInREADME = false
        #else
        parts.append("release build")
        #endif
        let maps = (try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8)) ?? ""
        if maps.contains("libswiftCore.so") {
            parts.append("Swift runtime shared (processes start about 10 ms slower)")
            asInREADME = false
        } else if maps.contains("libc.so") || maps.contains("libsqlite3.so") {
            parts.append("system libraries shared (processes start about 2.5 ms slower)")
            asInREADME = false
        } else {
            parts.append("fully static")
        }
        if !asInREADME { parts.append("README figures use: \(command)") }
        return "binary: " + parts.joined(separator: ", ")
    }
}

/// Wall-clock timing for benchmarks.
enum BenchClock {
    static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
