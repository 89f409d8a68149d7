import Foundation

/// Brings the database up to date with the Markdown under a root, incrementally.
///
/// A stat walk finds candidates (mtime or size changed), a content hash confirms them, and only
/// those files are parsed. Everything is written in one transaction, so an interrupted index
/// leaves the previous state intact.
///
/// Parsing and writing overlap: worker threads read, hash and parse the candidates while the
/// writer stores each file as soon as its turn comes, in scan order. SQLite has one writer, so
/// the full-text index is the floor of a full index; the parse hides behind it.
public struct Indexer: Sendable {
    /// The root folder as an absolute path (see `Scanner.init(rootPath:)`).
    public let rootPath: String
    public var root: URL { URL(fileURLWithPath: rootPath, isDirectory: true) }
    public let database: AppDatabase
    /// The study day, recorded on cards created or retired in this run.
    public let today: Day

    public init(root: URL, database: AppDatabase, today: Day) {
        self.init(rootPath: root.standardizedFileURL.path, database: database, today: today)
    }

    public init(rootPath: String, database: AppDatabase, today: Day) {
        self.rootPath = rootPath
        self.database = database
        self.today = today
    }

    /// One file to (re)write into the index.
    struct Parsed: Sendable {
        var stamp: FileStamp
        /// nil when the file was skipped (binary, too large, unreadable).
        var note: ParsedNote?
        var warnings: [IndexWarning]
        /// The note's cards, extracted here so that the work runs in parallel, outside the writer.
        var cards = CardExtraction()
        /// Each section's heading path as the search stores it ("A › B"), joined here for the
        /// same reason.
        var headings: [String] = []
        /// True when only the stamp changed: the content hash is the one already indexed.
        var unchanged = false
        /// True when the file was not indexed before.
        var isNew = false
    }

    /// Runs the index. `progress` is called with (done, total) while files are parsed. Without
    /// `listWarnings`, the report carries only `warningCount`, and only when files were re-parsed:
    /// every other command indexes first, and most of those runs change nothing.
    /// `walked` is the tree's fingerprint when the caller already took it (see
    /// `Scanner.fingerprintInBackground`).
    public func run(
        listWarnings: Bool = true, walked: TreeFingerprint? = nil, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> IndexReport {
        var clock = PhaseClock()
        var report = IndexReport()
        // The common case first: nothing touched since the last run. One walk without path
        // strings, compared with the stored fingerprint, and the file table is never read.
        // A new file being built holds nothing yet: no fingerprint to compare, every file new
        // (and its schema may still be in the making: see `AppDatabase.open(path:building:)`).
        let fresh = database.isUnwrittenBuild
        let quick = fresh ? nil : walked ?? Scanner(rootPath: rootPath).fingerprint()
        if let quick, try database.treeFingerprint() == quick.text {
            report.scanned = quick.count
            report.phases.append(clock.lap("unchanged tree"))
        } else {
            try update(&report, fresh: fresh, clock: &clock, progress: progress)
        }
        if listWarnings {
            report.warnings = try database.allWarnings()
            report.warningCount = report.warnings.count
            report.phases.append(clock.lap("warnings"))
        } else if report.added + report.updated > 0 {
            report.warningCount = try database.warningCount()
        }
        // A new database file takes its name only now, with the index in it (`AppDatabase.open`).
        if let published = try database.publish() {
            // Another kb made the file while this one built its own, which is dropped: bring
            // that one up to date instead (most likely nothing is left to do).
            guard published else { return try run(listWarnings: listWarnings, walked: walked, progress: progress) }
            report.phases.append(clock.lap("publish"))
        }
        report.seconds = clock.total
        return report
    }

    /// The full incremental run: stamps against the file table, then parse and write.
    private func update(
        _ report: inout IndexReport, fresh: Bool, clock: inout PhaseClock, progress: (@Sendable (Int, Int) -> Void)?
    ) throws {
        let stamps = Scanner(rootPath: rootPath).scan()
        report.scanned = stamps.count
        let fingerprint = TreeFingerprint(stamps).text
        var known = fresh ? [:] : try database.fileStamps()

        var candidates: [FileStamp] = []
        for stamp in stamps {
            if let old = known[stamp.path], old.mtime == stamp.mtime, old.size == stamp.size { continue }
            candidates.append(stamp)
        }
        let present = Set(stamps.map(\.path))
        let removed = known.keys.filter { !present.contains($0) }.sorted()
        // A file whose duplicate of a card was dropped in favour of a changed file is read again
        // even though it did not change: if the holder lost the card, this copy takes it over.
        let holders = fresh ? [] : try database.duplicateHolders(of: candidates.map(\.path) + removed)
        let candidatePaths = Set(candidates.map(\.path))
        for stamp in stamps where holders.contains(stamp.path) && !candidatePaths.contains(stamp.path) {
            candidates.append(stamp)
            known[stamp.path]?.hash = ""  // no content hashes to "", so the file is parsed
        }
        candidates.sort { $0.path < $1.path }
        report.phases.append(clock.lap("scan"))

        guard !candidates.isEmpty || !removed.isEmpty else {
            try database.setTreeFingerprint(fingerprint)
            return
        }
        let results = ParseResults(count: candidates.count)
        startParsing(candidates, known: known, into: results, progress: progress)
        // The parse threads free what the writer is done with until it says it is finished.
        defer { results.finish() }
        let outcome = try database.applyIndex(
            removed: removed, count: candidates.count, feed: results, fingerprint: fingerprint, today: today,
            newFile: fresh)
        database.startWriteback()
        report.added = outcome.added
        report.updated = outcome.updated
        report.touched = outcome.touched
        report.removed = removed.count
        report.cards = outcome.cards
        report.phases.append(IndexReport.Phase(name: "waiting for the parser", seconds: results.waited))
        report.phases.append(contentsOf: outcome.phases)
        report.phases.append(clock.lap("write"))
        // Housekeeping only: the index is committed, so a busy or failed checkpoint changes nothing.
        try? database.compactLog()
        report.phases.append(clock.lap("log"))
    }

    /// Reads, hashes and parses the candidates on worker threads, filling `results` as they finish.
    private func startParsing(
        _ candidates: [FileStamp], known: [String: FileStamp], into results: ParseResults,
        progress: (@Sendable (Int, Int) -> Void)?
    ) {
        guard !candidates.isEmpty else { return }
        let root = self.root
        let parser = NoteParser()
        // Threads of our own, one per core: Dispatch counts the writer's queue thread against
        // its pool, so `concurrentPerform` ran the whole parse on one thread beside the writer.
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, candidates.count))
        for _ in 0..<workers {
            let thread = Thread {
                Self.yieldToWriter()
                while let index = results.claim() {
                    let parsed = Self.parse(candidates[index], known: known, root: root, parser: parser)
                    let done = results.set(index, parsed)
                    if let progress { progress(done, candidates.count) }
                    _ = results.takeRetired()
                }
                while let retired = results.waitForRetired() { _ = retired }
            }
            thread.stackSize = 16 << 20  // cmark on a 10,000-level block quote wants room
            thread.start()
        }
    }

    /// How much lower than the writer's the parse threads' priority is (nice steps).
    ///
    /// The writer is the index's critical path and the parse threads keep ahead of it. With
    /// three threads of equal weight on two cores, the scheduler gave the writer about half a
    /// core until the parse was done (`perf sched timehist` of a full index of the 7 MB corpus:
    /// 50 of every 100 ms in the first 0.4 s), then left it alone with the rest of its work. A
    /// weight of a third of the writer's each (5 steps) keeps it on a core of its own, and the
    /// parse threads share the other: median wall time 730 -> 665 ms over 40 alternated runs
    /// (in 15 runs, 19 steps did no better than 5). Since then the writer took on more of the
    /// work (a new file's cards, `NewFileCards`) and the parse threads' lead only grew its
    /// backlog: measured again, 10 steps (a weight of a tenth of the writer's) did best, median
    /// 252 -> 243 ms over 41 alternated runs, with 15 and 19 steps no better than 10. Not 19:
    /// on a machine busy with other work, the parse would all but stop.
    static let parsePriorityDrop: Int32 = 10

    /// Lowers the calling thread's priority by `parsePriorityDrop`. On Linux the nice value
    /// belongs to the thread, and PRIO_PROCESS with id 0 names the calling one (setpriority(2),
    /// BUGS), so the writer keeps its own. Best effort: a failure leaves the thread as it was.
    private static func yieldToWriter() {
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        errno = 0
        let current = getpriority(which, 0)
        guard errno == 0 else { return }
        _ = setpriority(which, 0, min(19, current + parsePriorityDrop))
    }

    static func parse(_ candidate: FileStamp, known: [String: FileStamp], root: URL, parser: NoteParser) -> Parsed {
        var parsed = parseContent(candidate, known: known, root: root, parser: parser)
        parsed.isNew = known[candidate.path] == nil
        return parsed
    }

    private static func parseContent(_ candidate: FileStamp, known: [String: FileStamp], root: URL, parser: NoteParser) -> Parsed {
        var stamp = candidate
        let data: Data
        do {
            data = try Data(contentsOf: root.appendingPathComponent(stamp.path))
        } catch {
            let warning = IndexWarning(path: stamp.path, message: "cannot read: \(error.localizedDescription)")
            return Parsed(stamp: stamp, note: nil, warnings: [warning])
        }
        stamp.hash = data.withUnsafeBytes { ContentKey.hex(ContentKey.fnv1a64(bytes: $0)) }
        if let old = known[stamp.path], old.hash == stamp.hash {
            return Parsed(stamp: stamp, note: nil, warnings: [], unchanged: true)
        }
        switch parser.parse(data: data, path: stamp.path) {
        case .note(var note):
            let cards = NoteCards.cards(for: note)
            // The blocks serve the cards only: freed here, on the thread that made them, rather
            // than held to the end of the index and freed by the writer.
            note.blocks = []
            // By index: `map` over the sections hands each one over as a copy.
            let headings = note.sections.indices.map { note.sections[$0].headingPath.joined(separator: " › ") }
            return Parsed(stamp: stamp, note: note, warnings: note.warnings, cards: cards, headings: headings)
        case .skipped(let warning):
            return Parsed(stamp: stamp, note: nil, warnings: [warning])
        }
    }
}

/// Where the writer takes the parsed files from, in order, and gives each back once stored.
protocol ParsedFeed {
    /// File `index` if it is parsed already, else nil without waiting.
    func poll(_ index: Int) -> Indexer.Parsed?
    /// File `index`, waiting for it if need be.
    func wait(for index: Int) -> Indexer.Parsed
    /// The writer is done with `parsed`.
    func retire(_ parsed: Indexer.Parsed)
}

/// The parse results, filled by worker threads in any order and taken by the writer in order;
/// and the results the writer has stored, handed back for the worker threads to free.
///
/// Freeing is the workers' job because of glibc's malloc: memory goes back to the arena of the
/// thread that allocated it, under that arena's lock. When the writer freed each parsed note, it
/// went to sleep on the locks of parse threads busy allocating about 600 times in a full index of
/// the 7 MB benchmark corpus (`perf sched`), on the one thread the index waits for.
final class ParseResults: ParsedFeed, @unchecked Sendable {
    private let condition = NSCondition()
    private var entries: [Indexer.Parsed?]
    private var done = 0
    private var claimed = 0
    private var waitedSeconds = 0.0
    private let retiredCondition = NSCondition()
    private var retired: [Indexer.Parsed] = []
    private var finished = false

    /// Seconds the writer spent waiting for a result not parsed yet.
    var waited: Double {
        condition.lock()
        defer { condition.unlock() }
        return waitedSeconds
    }

    init(count: Int) { entries = Array(repeating: nil, count: count) }

    /// The next index for a parse thread to work on, or nil when every file is taken.
    func claim() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        guard claimed < entries.count else { return nil }
        claimed += 1
        return claimed - 1
    }

    /// Stores one result and returns how many are done.
    func set(_ index: Int, _ parsed: Indexer.Parsed) -> Int {
        condition.lock()
        defer { condition.unlock() }
        entries[index] = parsed
        done += 1
        condition.broadcast()
        return done
    }

    /// Result `index` if it is parsed, handed over (the box keeps no copy); else nil at once.
    func poll(_ index: Int) -> Indexer.Parsed? {
        condition.lock()
        defer { condition.unlock() }
        let parsed = entries[index]
        entries[index] = nil
        return parsed
    }

    /// Waits for result `index`, then hands it over (the box keeps no copy).
    func wait(for index: Int) -> Indexer.Parsed {
        condition.lock()
        defer { condition.unlock() }
        if entries[index] == nil {
            let start = Date()
            while entries[index] == nil { condition.wait() }
            waitedSeconds += Date().timeIntervalSince(start)
        }
        let parsed = entries[index]!
        entries[index] = nil
        return parsed
    }

    /// The writer is done with `parsed`: a worker thread frees it.
    func retire(_ parsed: Indexer.Parsed) {
        retiredCondition.lock()
        defer { retiredCondition.unlock() }
        retired.append(parsed)
        // A waiting worker is woken for every 16, not each one: once the parse is done, a wake
        // per file was a system call and a context switch on the writer's path. `finish` wakes
        // them for the rest.
        if retired.count >= Self.retiredBatch { retiredCondition.signal() }
    }

    static let retiredBatch = 16

    /// What the writer retired so far, for the caller to drop (outside the lock).
    func takeRetired() -> [Indexer.Parsed] {
        retiredCondition.lock()
        defer { retiredCondition.unlock() }
        return retired.isEmpty ? [] : Self.swapOut(&retired)
    }

    /// Waits for something retired and returns it, or nil once the writer has finished and
    /// everything retired was taken.
    func waitForRetired() -> [Indexer.Parsed]? {
        retiredCondition.lock()
        defer { retiredCondition.unlock() }
        while retired.isEmpty && !finished { retiredCondition.wait() }
        return retired.isEmpty ? nil : Self.swapOut(&retired)
    }

    /// The writer is done: worker threads free the rest and end.
    func finish() {
        retiredCondition.lock()
        defer { retiredCondition.unlock() }
        finished = true
        retiredCondition.broadcast()
    }

    private static func swapOut(_ list: inout [Indexer.Parsed]) -> [Indexer.Parsed] {
        var taken: [Indexer.Parsed] = []
        swap(&taken, &list)
        return taken
    }
}

/// Wall-clock laps of the indexer's phases, for `kb bench-index`.
struct PhaseClock {
    private let start = Date()
    private var last = Date()

    var total: Double { Date().timeIntervalSince(start) }

    mutating func lap(_ name: String) -> IndexReport.Phase {
        let now = Date()
        defer { last = now }
        return IndexReport.Phase(name: name, seconds: now.timeIntervalSince(last))
    }
}
