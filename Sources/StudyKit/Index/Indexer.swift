import Foundation

/// Brings the database up to date with the Markdown under a root, incrementally.
///
/// A stat walk finds candidates (mtime or size changed), a content hash confirms them, and only
/// those files are parsed. Everything is written in one transaction, so an interrupted index
/// leaves the previous state intact.
public struct Indexer: Sendable {
    public let root: URL
    public let database: AppDatabase
    /// The study day, recorded on cards created or retired in this run.
    public let today: Day

    public init(root: URL, database: AppDatabase, today: Day) {
        self.root = root
        self.database = database
        self.today = today
    }

    /// One file to (re)write into the index.
    struct Parsed: Sendable {
        var stamp: FileStamp
        /// nil when the file was skipped (binary, too large, unreadable).
        var note: ParsedNote?
        var warnings: [IndexWarning]
        /// The note's cards, extracted here so that the work runs in parallel, outside the write lock.
        var cards = CardExtraction()
    }

    /// Runs the index. `progress` is called with (done, total) while files are parsed.
    public func run(progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> IndexReport {
        let start = Date()
        var report = IndexReport()
        let stamps = Scanner(root: root).scan()
        report.scanned = stamps.count
        let known = try database.fileStamps()

        var candidates: [FileStamp] = []
        var touched: [FileStamp] = []
        for stamp in stamps {
            if let old = known[stamp.path], old.mtime == stamp.mtime, old.size == stamp.size { continue }
            candidates.append(stamp)
        }
        let present = Set(stamps.map(\.path))
        let removed = known.keys.filter { !present.contains($0) }.sorted()

        let parsed = parse(candidates, known: known, touched: &touched, progress: progress)
        report.added = parsed.filter { known[$0.stamp.path] == nil }.count
        report.updated = parsed.count - report.added
        report.removed = removed.count
        report.touched = touched.count

        let batch = IndexBatch(parsed: parsed, touched: touched, removed: removed)
        if !batch.isEmpty {
            report.cards = try database.applyIndex(batch, today: today)
        }
        report.warnings = try database.allWarnings()
        report.seconds = Date().timeIntervalSince(start)
        return report
    }

    /// Reads and hashes the candidates, and parses those whose content changed, in parallel.
    private func parse(
        _ candidates: [FileStamp], known: [String: FileStamp], touched: inout [FileStamp],
        progress: (@Sendable (Int, Int) -> Void)?
    ) -> [Parsed] {
        let results = ResultBox(count: candidates.count)
        let parser = NoteParser()
        let root = self.root
        DispatchQueue.concurrentPerform(iterations: candidates.count) { index in
            var stamp = candidates[index]
            let url = root.appendingPathComponent(stamp.path)
            do {
                let data = try Data(contentsOf: url)
                stamp.hash = data.withUnsafeBytes { ContentKey.hex(ContentKey.fnv1a64(bytes: $0)) }
                if let old = known[stamp.path], old.hash == stamp.hash {
                    results.set(index, Parsed(stamp: stamp, note: nil, warnings: []), touched: true)
                } else {
                    switch parser.parse(data: data, path: stamp.path) {
                    case .note(let note):
                        let parsed = Parsed(stamp: stamp, note: note, warnings: note.warnings, cards: NoteCards.cards(for: note))
                        results.set(index, parsed, touched: false)
                    case .skipped(let warning):
                        results.set(index, Parsed(stamp: stamp, note: nil, warnings: [warning]), touched: false)
                    }
                }
            } catch {
                let warning = IndexWarning(path: stamp.path, message: "cannot read: \(error.localizedDescription)")
                results.set(index, Parsed(stamp: stamp, note: nil, warnings: [warning]), touched: false)
            }
            if let progress { progress(results.done, candidates.count) }
        }
        var parsed: [Parsed] = []
        for case let entry? in results.entries {
            if entry.touched {
                touched.append(entry.parsed.stamp)
            } else {
                parsed.append(entry.parsed)
            }
        }
        return parsed
    }
}

/// Collects the results of the parallel parse.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var entries: [(parsed: Indexer.Parsed, touched: Bool)?]
    private(set) var done = 0

    init(count: Int) { entries = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ parsed: Indexer.Parsed, touched: Bool) {
        lock.lock()
        defer { lock.unlock() }
        entries[index] = (parsed, touched)
        done += 1
    }
}

/// What the indexer hands to the store in one transaction.
struct IndexBatch: Sendable {
    var parsed: [Indexer.Parsed]
    var touched: [FileStamp]
    var removed: [String]

    var isEmpty: Bool { parsed.isEmpty && touched.isEmpty && removed.isEmpty }
}
