/// Which cards a note yields, from front matter `cards:`.
public enum CardsMode: String, Sendable, Equatable, Codable {
    /// Explicit card syntax and generated cards (the default).
    case all
    /// Only explicit card syntax.
    case explicit
    /// No cards at all.
    case none
}

/// A section of a note: a heading and the text up to the next heading (or the preamble).
/// Made with the memberwise initializer (see `Block`).
public struct NoteSection: Sendable, Equatable {
    /// The heading text; empty for the preamble before the first heading.
    public var heading: String
    /// Headings from the outermost down to and including this one.
    public var headingPath: [String]
    /// Heading level 1-6; 0 for the preamble.
    public var level: Int
    public var line: Int
    public var endLine: Int
    /// Plain text of the section's body (headings of sub-sections are not included).
    public var body: String
}

/// A problem found in the input, always with the file and (when known) the line. Made with the
/// memberwise initializer (see `Block`).
public struct IndexWarning: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var message: String

    /// `path:line: message`, or `path: message` without a line.
    public var description: String {
        var bytes: [UInt8] = []
        write(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the description's UTF-8 to `bytes`, part by part: `kb index` prints the 9,462
    /// warnings of the 7 MB benchmark corpus from one buffer (87 million instructions when it
    /// appended them to a String).
    public func write(to bytes: inout [UInt8]) {
        bytes.append(contentsOf: path.utf8)
        if let line {
            bytes.append(UInt8(ascii: ":"))
            bytes.append(contentsOf: String(line).utf8)
        }
        bytes.append(UInt8(ascii: ":"))
        bytes.append(UInt8(ascii: " "))
        bytes.append(contentsOf: message.utf8)
    }
}

/// Everything the parser learns from one Markdown file.
public struct ParsedNote: Sendable, Equatable {
    /// Path relative to the root, with `/` separators (e.g. `Notes/retrieval/two-tower.md`).
    public var path: String
    public var title: String
    /// Normalised topics: lower-case, words joined by `-`, unique, sorted.
    public var topics: [String]
    public var demo: String?
    public var cardsMode: CardsMode
    /// True for files under `Decks/`.
    public var isDeck: Bool
    public var sections: [NoteSection]
    public var links: [NoteLink]
    public var blocks: [Block]
    public var warnings: [IndexWarning]

    public init(
        path: String, title: String, topics: [String] = [], demo: String? = nil,
        cardsMode: CardsMode = .all, isDeck: Bool = false, sections: [NoteSection] = [],
        links: [NoteLink] = [], blocks: [Block] = [], warnings: [IndexWarning] = []
    ) {
        self.path = path
        self.title = title
        self.topics = topics
        self.demo = demo
        self.cardsMode = cardsMode
        self.isDeck = isDeck
        self.sections = sections
        self.links = links
        self.blocks = blocks
        self.warnings = warnings
    }

    /// The deck a card from this file belongs to: the path under `Decks/` without `.md`, or `notes`.
    public var deck: String {
        guard isDeck else { return "notes" }
        var name = path
        if name.hasPrefix("Decks/") { name.removeFirst("Decks/".count) }
        if name.hasSuffix(".md") { name.removeLast(3) }
        return name
    }
}
