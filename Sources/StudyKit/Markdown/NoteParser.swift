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
        if let fast = ASCIIBytes.withPlain(path, folderTopicOfBytes) { return fast }
        let parts = path.split(separator: "/")
        guard parts.count >= 3, parts[0] == "Notes" || parts[0] == "Decks" else { return nil }
        return String(parts[1])
    }

    /// `folderTopic` on plain ASCII, where every `/` byte is a `/` character: the pieces between
    /// slashes (empty ones skipped, as `split` does), of which there must be three or more.
    private static func folderTopicOfBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var first = 0..<0
        var second = 0..<0
        var count = 0
        var index = 0
        while index < bytes.count, count < 3 {
            guard bytes[index] != UInt8(ascii: "/") else {
                index += 1
                continue
            }
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "/") { index += 1 }
            if count == 0 { first = start..<index } else if count == 1 { second = start..<index }
            count += 1
        }
        let top = UnsafeBufferPointer(rebasing: bytes[first])
        guard count >= 3, top.elementsEqual("Notes".utf8) || top.elementsEqual("Decks".utf8) else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[second]), as: UTF8.self)
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
        if let fast = ASCIIBytes.withPlain(raw, normaliseBytes) { return fast }
        var name = raw.trimmedWhitespace.lowercased()
        while name.hasPrefix("#") { name.removeFirst() }
        let words = name.split(whereSeparator: { $0 == " " || $0 == "_" || $0 == "\t" })
        return words.joined(separator: "-")
    }

    /// `normalise` on plain ASCII (see `ASCIIBytes`): the same steps on bytes.
    private static func normaliseBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var start = 0
        var end = bytes.count
        while start < end, ASCIIBytes.isWhitespace(bytes[start]) { start += 1 }
        while end > start, ASCIIBytes.isWhitespace(bytes[end - 1]) { end -= 1 }
        while start < end, bytes[start] == UInt8(ascii: "#") { start += 1 }
        // The words between spaces, tabs and underscores, lower-cased, joined by `-`.
        return String(unsafeUninitializedCapacity: end - start) { output in
            var count = 0
            var pendingDash = false
            for byte in bytes[start..<end] {
                if byte == ASCIIBytes.space || byte == ASCIIBytes.tab || byte == UInt8(ascii: "_") {
                    pendingDash = count > 0
                    continue
                }
                if pendingDash {
                    output[count] = UInt8(ascii: "-")
                    count += 1
                    pendingDash = false
                }
                output[count] = ASCIIBytes.lowercased(byte)
                count += 1
            }
            return count
        }
    }

    public static func normalise(_ raw: [String]) -> [String] {
        Array(Set(raw.map { normalise($0) }.filter { !$0.isEmpty })).sorted()
    }
}

extension NoteParser {
    /// A short name for a note: its file name without `.md`.
    public static func displayName(_ path: String) -> String { stem(of: path) }
}
