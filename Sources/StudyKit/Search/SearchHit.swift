/// One matching section, as `kb search` prints it and `--json` emits it (DESIGN.md 2).
public struct SearchHit: Sendable, Codable, Equatable {
    public var path: String
    public var line: Int
    /// The note's title.
    public var title: String
    /// Headings from the outermost down to the section's own.
    public var headingPath: [String]
    /// A short extract with each hit wrapped in `SearchHit.open` / `SearchHit.close` markers.
    public var snippet: String
    public var topics: [String]
    /// Higher is better (the negated bm25 rank); 0 for topic listings.
    public var score: Double

    /// Markers around highlighted words in `snippet` (control characters that never occur in notes).
    public static let open = "\u{2}"
    public static let close = "\u{3}"

    public init(path: String, line: Int, title: String, headingPath: [String], snippet: String, topics: [String], score: Double) {
        self.path = path
        self.line = line
        self.title = title
        self.headingPath = headingPath
        self.snippet = snippet
        self.topics = topics
        self.score = score
    }
}

/// A topic with how much material it has.
public struct TopicSummary: Sendable, Codable, Equatable {
    public var name: String
    public var notes: Int
    public var cards: Int

    public init(name: String, notes: Int, cards: Int) {
        self.name = name
        self.notes = notes
        self.cards = cards
    }
}
