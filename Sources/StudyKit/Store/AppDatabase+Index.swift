import Foundation
import GRDB

extension AppDatabase {
    /// What the database remembers of every indexed file, by path.
    func fileStamps() throws -> [String: FileStamp] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT path, mtime, size, hash FROM file")
            var stamps: [String: FileStamp] = [:]
            for row in rows {
                let stamp = FileStamp(path: row["path"], mtime: row["mtime"], size: row["size"], hash: row["hash"])
                stamps[stamp.path] = stamp
            }
            return stamps
        }
    }

    /// Every warning stored for the indexed files, by path and line.
    public func allWarnings() throws -> [IndexWarning] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT path, line, message FROM warning ORDER BY path, line, id").map {
                IndexWarning(path: $0["path"], line: $0["line"], message: $0["message"])
            }
        }
    }

    /// Writes one index run: removed files, touched stamps, re-parsed notes and their cards.
    func applyIndex(_ batch: IndexBatch, today: Day) throws -> ReconcilePlan.Counts {
        try write { db in
            for path in batch.removed {
                try deleteNote(db, path: path)
                try db.run(sql: "DELETE FROM file WHERE path = ?", arguments: [path])
            }
            for stamp in batch.touched {
                try db.run(
                    sql: "UPDATE file SET mtime = ?, size = ? WHERE path = ?",
                    arguments: [stamp.mtime, stamp.size, stamp.path])
            }
            for entry in batch.parsed {
                try saveFile(db, entry)
            }
            let changedPaths = Set(batch.removed + batch.parsed.map(\.stamp.path))
            let notes = batch.parsed.compactMap { entry in entry.note.map { ($0, entry.cards) } }
            return try syncCards(db, changedPaths: changedPaths, notes: notes, today: today)
        }
    }

    private func deleteNote(_ db: Database, path: String) throws {
        // Sections are deleted explicitly so that the FTS delete trigger runs for each of them.
        try db.run(sql: "DELETE FROM section WHERE noteId IN (SELECT id FROM note WHERE path = ?)", arguments: [path])
        try db.run(sql: "DELETE FROM note WHERE path = ?", arguments: [path])
    }

    private func saveFile(_ db: Database, _ entry: Indexer.Parsed) throws {
        let stamp = entry.stamp
        try db.run(
            sql: """
                INSERT INTO file (path, mtime, size, hash, skipped) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(path) DO UPDATE SET mtime = excluded.mtime, size = excluded.size,
                    hash = excluded.hash, skipped = excluded.skipped
                """,
            arguments: [stamp.path, stamp.mtime, stamp.size, stamp.hash, entry.note == nil])
        try db.run(sql: "DELETE FROM warning WHERE path = ?", arguments: [stamp.path])
        for warning in entry.warnings {
            try db.run(
                sql: "INSERT INTO warning (path, line, message) VALUES (?, ?, ?)",
                arguments: [stamp.path, warning.line, warning.message])
        }
        try deleteNote(db, path: stamp.path)
        guard let note = entry.note else { return }
        try db.run(
            sql: "INSERT INTO note (path, title, isDeck, demo, cardsMode) VALUES (?, ?, ?, ?, ?)",
            arguments: [note.path, note.title, note.isDeck, note.demo, note.cardsMode.rawValue])
        let noteId = db.lastInsertedRowID
        for topic in note.topics {
            try db.run(sql: "INSERT OR IGNORE INTO topic (noteId, name) VALUES (?, ?)", arguments: [noteId, topic])
        }
        let topics = note.topics.joined(separator: " ")
        for (ordinal, section) in note.sections.enumerated() {
            try db.run(
                sql: """
                    INSERT INTO section (noteId, ordinal, title, heading, topics, body, level, line, endLine)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    noteId, ordinal, note.title, section.headingPath.joined(separator: " › "), topics,
                    section.body, section.level, section.line, section.endLine,
                ])
        }
        for link in note.links {
            let heading = note.sections.last { $0.line <= link.line }?.heading ?? ""
            try db.run(
                sql: """
                    INSERT INTO link (noteId, line, url, text, title, isExternal, host, targetPath, heading)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    noteId, link.line, link.url, link.text, link.title, link.isExternal, link.host,
                    link.targetPath, heading,
                ])
        }
    }
}
