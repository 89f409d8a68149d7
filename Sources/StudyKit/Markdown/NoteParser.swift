import Ccmark
import Foundation
import Glibc

/// Turns one Markdown file into a `ParsedNote`: front matter, sections, links, topics and blocks.
///
/// Only this folder talks to cmark. The tree is walked with cmark's own iterator, never by
/// recursion, so a 10,000-level block quote costs memory, not stack. Line numbers come from
/// blocks only: cmark 0.30.2 reports wrong inline positions.
public struct NoteParser: Sendable {
    /// Files above this size are skipped: some inputs make cmark quadratic.
    public static let maxFileSize = 4 * 1024 * 1024

    public init() {}

    /// What became of one file.
    public enum Outcome: Sendable {
        case note(ParsedNote)
        case skipped(IndexWarning)
    }

    /// Parses raw file bytes: skips binary and oversized files, decodes invalid UTF-8 with
    /// replacement characters (and a warning).
    public func parse(data: Data, path: String) -> Outcome {
        if data.count > Self.maxFileSize {
            let size = String(format: "%.1f", Double(data.count) / 1_048_576)
            return .skipped(IndexWarning(path: path, message: "skipped: \(size) MiB is over the 4 MiB limit for a note"))
        }
        // On the raw bytes: Data's own iterator goes one byte at a time through an enum switch.
        let hasNUL = data.withUnsafeBytes { raw in
            raw.baseAddress.map { memchr($0, 0, min(raw.count, 8192)) != nil } ?? false
        }
        if hasNUL {
            return .skipped(IndexWarning(path: path, message: "skipped: looks like a binary file (it holds NUL bytes)"))
        }
        var warnings: [IndexWarning] = []
        let text: String
        if let valid = data.withUnsafeBytes({ String(validating: $0.bindMemory(to: UInt8.self), as: UTF8.self) }) {
            text = valid
        } else {
            text = String(decoding: data, as: UTF8.self)
            let line = Self.firstInvalidLine(data)
            warnings.append(IndexWarning(path: path, line: line, message: "not valid UTF-8; bad bytes replaced with \u{FFFD}"))
        }
        var note = parse(text: text, path: path)
        note.warnings = warnings + note.warnings
        return .note(note)
    }

    /// Parses Markdown text already in memory.
    public func parse(text rawText: String, path: String) -> ParsedNote {
        // Foundation's replacing is slow on Linux; most notes have no carriage return at all.
        let text = rawText.containsByte(13) ? rawText.replacingOccurrences(of: "\r\n", with: "\n") : rawText
        let (matter, body, matterWarnings) = FrontMatter.split(text, path: path)
        var walker = TreeWalker(path: path)
        walker.walk(body)
        let lineCount = Self.lineCount(text)
        let sections = walker.finishSections(lastLine: lineCount)

        let isDeck = path.hasPrefix("Decks/")
        let title = matter.title ?? walker.firstH1 ?? Self.stem(of: path)
        var topics = matter.topics + walker.tags
        if let folder = Self.folderTopic(of: path) { topics.append(folder) }
        return ParsedNote(
            path: path, title: title, topics: Topic.normalise(topics), demo: matter.demo,
            cardsMode: matter.cards ?? .all, isDeck: isDeck, sections: sections,
            links: walker.links, blocks: walker.blocks, warnings: matterWarnings)
    }

    /// Lines in `text` (newlines plus one), counted over contiguous bytes.
    static func lineCount(_ text: String) -> Int {
        var copy = text
        return copy.withUTF8 { bytes in
            guard var cursor = bytes.baseAddress else { return 1 }
            let end = cursor + bytes.count
            var count = 1
            while cursor < end, let found = memchr(cursor, 10, end - cursor) {
                count += 1
                cursor = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) + 1
            }
            return count
        }
    }

    /// The file name without folders and `.md`.
    static func stem(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.hasSuffix(".md") ? String(name.dropLast(3)) : name
    }

    /// The first folder under `Notes/` or `Decks/`, if the file sits in one.
    static func folderTopic(of path: String) -> String? {
        let parts = path.split(separator: "/")
        guard parts.count >= 3, parts[0] == "Notes" || parts[0] == "Decks" else { return nil }
        return String(parts[1])
    }

    private static func firstInvalidLine(_ data: Data) -> Int {
        var line = 1
        var start = data.startIndex
        while start < data.endIndex {
            let end = data[start...].firstIndex(of: 10) ?? data.endIndex
            if String(validating: data[start..<end], as: UTF8.self) == nil { return line }
            line += 1
            start = end < data.endIndex ? data.index(after: end) : end
        }
        return line
    }
}

/// Topic names: lower-case, words joined by `-`.
public enum Topic {
    public static func normalise(_ raw: String) -> String {
        var name = raw.trimmedWhitespace.lowercased()
        while name.hasPrefix("#") { name.removeFirst() }
        let words = name.split(whereSeparator: { $0 == " " || $0 == "_" || $0 == "\t" })
        return words.joined(separator: "-")
    }

    public static func normalise(_ raw: [String]) -> [String] {
        Array(Set(raw.map { normalise($0) }.filter { !$0.isEmpty })).sorted()
    }
}

extension NoteParser {
    /// A short name for a note: its file name without `.md`.
    public static func displayName(_ path: String) -> String { stem(of: path) }
}
