import Foundation
import GRDB

/// A note as `kb show` and `kb notes` see it.
public struct NoteSummary: Sendable, Codable, Equatable {
    public var path: String
    public var title: String
    public var topics: [String]
    public var demo: String?
    public var isDeck: Bool
}

/// A place in a note that cites a reference.
public struct Citation: Sendable, Codable, Equatable {
    public var path: String
    public var line: Int
    public var title: String
}

/// An external source (paper, blog) and the notes that cite it.
public struct Reference: Sendable, Codable, Equatable {
    public var url: String
    /// The longest link text used for it: usually the source's title.
    public var title: String
    public var host: String?
    public var citedBy: [Citation]
}

/// A link from one note to another.
public struct NoteLinkRow: Sendable, Codable, Equatable {
    public var url: String
    public var text: String
    public var line: Int
    public var isExternal: Bool
    public var host: String?
    public var targetPath: String?
}

extension AppDatabase {
    /// Notes whose path, file name or title matches `name`: exact matches first, then containing.
    public func findNotes(matching name: String) throws -> [NoteSummary] {
        let all = try notes()
        let wanted = name.lowercased()
        func stem(_ path: String) -> String { NoteParser.stem(of: path).lowercased() }
        let exact = all.filter {
            $0.path.lowercased() == wanted || $0.path.lowercased() == wanted + ".md"
                || stem($0.path) == wanted || $0.title.lowercased() == wanted
        }
        if !exact.isEmpty { return exact }
        return all.filter { stem($0.path).contains(wanted) || $0.title.lowercased().contains(wanted) }
    }

    /// Every note, by path.
    public func notes(topic: String? = nil) throws -> [NoteSummary] {
        try read { db in
            var sql = "SELECT id, path, title, demo, isDeck FROM note"
            var arguments: StatementArguments = []
            if let topic {
                sql += " WHERE id IN (SELECT noteId FROM topic WHERE name = ?)"
                arguments = [Topic.normalise(topic)]
            }
            sql += " ORDER BY path"
            let topicRows = try Row.fetchAll(db, sql: "SELECT noteId, name FROM topic ORDER BY name")
            var topics: [Int64: [String]] = [:]
            for row in topicRows { topics[row["noteId"], default: []].append(row["name"]) }
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                NoteSummary(
                    path: row["path"], title: row["title"], topics: topics[row["id"]] ?? [],
                    demo: row["demo"], isDeck: row["isDeck"])
            }
        }
    }

    /// The links written in a note, in order.
    public func links(inNote path: String) throws -> [NoteLinkRow] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT url, text, link.line, isExternal, host, targetPath FROM link
                    JOIN note ON note.id = link.noteId WHERE note.path = ? ORDER BY link.line, link.id
                    """,
                arguments: [path]
            ).map {
                NoteLinkRow(
                    url: $0["url"], text: $0["text"], line: $0["line"], isExternal: $0["isExternal"],
                    host: $0["host"], targetPath: $0["targetPath"])
            }
        }
    }

    /// Notes that link to `path`.
    public func backlinks(to path: String) throws -> [Citation] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT note.path, link.line, note.title FROM link JOIN note ON note.id = link.noteId
                    WHERE link.targetPath = ? ORDER BY note.path, link.line
                    """,
                arguments: [path]
            ).map { Citation(path: $0["path"], line: $0["line"], title: $0["title"]) }
        }
    }

    /// External sources cited by the notes (of the given topics), most cited first.
    public func references(topics: [String] = []) throws -> [Reference] {
        try read { db in
            var sql = """
                SELECT link.url, link.text, link.host, link.line, note.path, note.title FROM link
                JOIN note ON note.id = link.noteId
                WHERE link.isExternal AND (link.url LIKE 'http://%' OR link.url LIKE 'https://%')
                """
            var arguments: StatementArguments = []
            for topic in Topic.normalise(topics) {
                sql += " AND note.id IN (SELECT noteId FROM topic WHERE name = ?)"
                _ = arguments.append(contentsOf: [topic])
            }
            sql += " ORDER BY note.path, link.line"
            var byURL: [String: Reference] = [:]
            var order: [String] = []
            for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
                let url: String = row["url"]
                let key = Self.canonical(url)
                let text: String = row["text"]
                let citation = Citation(path: row["path"], line: row["line"], title: row["title"])
                if var existing = byURL[key] {
                    if text.count > existing.title.count { existing.title = text }
                    if !existing.citedBy.contains(where: { $0.path == citation.path }) { existing.citedBy.append(citation) }
                    byURL[key] = existing
                } else {
                    byURL[key] = Reference(url: url, title: text, host: row["host"], citedBy: [citation])
                    order.append(key)
                }
            }
            return order.compactMap { byURL[$0] }.enumerated()
                .sorted { ($1.element.citedBy.count, $0.offset) < ($0.element.citedBy.count, $1.offset) }
                .map(\.element)
        }
    }

    /// A URL without scheme, `www.`, fragment or trailing slash, so variants count as one source.
    static func canonical(_ url: String) -> String {
        var value = url.lowercased()
        for prefix in ["https://", "http://"] where value.hasPrefix(prefix) { value.removeFirst(prefix.count) }
        if value.hasPrefix("www.") { value.removeFirst(4) }
        if let hash = value.firstIndex(of: "#") { value = String(value[..<hash]) }
        while value.hasSuffix("/") { value.removeLast() }
        return value
    }
}
