import Foundation
import GRDB
@testable import StudyKit

/// A throwaway kb root on disk with helpers to write notes, for indexer and end-to-end tests.
final class TempRoot {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("kb-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url.appendingPathComponent("Notes"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: url.appendingPathComponent("Decks"), withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` at `path` (relative to the root), creating folders, and bumps the mtime so
    /// that a rewrite within the same second is still seen as a change.
    func write(_ path: String, _ text: String) throws {
        try write(path, data: Data(text.utf8))
    }

    func write(_ path: String, data: Data) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        let bumped = Date(timeIntervalSince1970: Date().timeIntervalSince1970 + Double(Self.tick()))
        try FileManager.default.setAttributes([.modificationDate: bumped], ofItemAtPath: file.path)
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: url.appendingPathComponent(path))
    }

    func move(_ from: String, to: String) throws {
        let target = url.appendingPathComponent(to)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: url.appendingPathComponent(from), to: target)
    }

    nonisolated(unsafe) private static var counter = 0
    private static let lock = NSLock()
    private static func tick() -> Int {
        lock.lock()
        defer { lock.unlock() }
        counter += 1
        return counter
    }

    /// Indexes the root into `database` on `day` (default 2026-01-01).
    @discardableResult
    func index(_ database: AppDatabase, day: String = "2026-01-01") throws -> IndexReport {
        let today = Day(day) ?? Day(daysSinceEpoch: 0)
        return try Indexer(root: url, database: database, today: today).run()
    }
}

/// The journal mode a fresh connection finds in the database file at `path`.
func journalMode(ofFile path: String) throws -> String? {
    let queue = try DatabaseQueue(path: path)
    defer { try? queue.close() }
    return try queue.inDatabase { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
}
