@testable import StudyKit

/// Small builders for the card tests: notes made of hand-written blocks, as the parser would
/// produce them (see `Block`), so the card rules are tested without cmark.
enum CardFixtures {
    static func paragraph(_ markdown: String, line: Int = 1, inListItem: Bool = false, headings: [String] = [])
        -> Block
    {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).count
        return Block(
            kind: .paragraph(inListItem: inListItem), line: line, endLine: line + lines - 1, markdown: markdown,
            text: markdown.replacingOccurrences(of: "**", with: ""), headingPath: headings,
            leadingStrong: leadingStrong(markdown))
    }

    static func heading(_ text: String, level: Int = 2, line: Int, parents: [String] = []) -> Block {
        Block(kind: .heading(level: level), line: line, endLine: line, markdown: text, text: text, headingPath: parents)
    }

    static func list(_ items: [String], ordered: Bool = false, line: Int, headings: [String] = []) -> Block {
        Block(
            kind: .list(ordered: ordered), line: line, endLine: line + items.count - 1,
            headingPath: headings, items: items.map { $0.replacingOccurrences(of: "**", with: "") }, itemMarkdown: items)
    }

    static func note(
        _ blocks: [Block], path: String = "Notes/test.md", title: String = "Test note", mode: CardsMode = .all,
        isDeck: Bool = false
    ) -> ParsedNote {
        ParsedNote(path: path, title: title, cardsMode: mode, isDeck: isDeck, blocks: blocks)
    }

    /// Cards and warnings of a single paragraph of a deck.
    static func extract(_ markdown: String, line: Int = 10) -> CardExtraction {
        CardExtractor.extract(from: note([paragraph(markdown, line: line)], path: "Decks/d.md", isDeck: true))
    }

    static func draft(
        _ front: String, _ back: String = "answer", kind: CardKind = .basic, path: String = "Notes/a.md", line: Int = 1
    ) -> CardDraft {
        CardDraft(kind: kind, front: front, back: back, key: ContentKey.make(kind: kind, front: front), path: path, line: line)
    }

    private static func leadingStrong(_ markdown: String) -> String? {
        guard markdown.hasPrefix("**") else { return nil }
        let rest = markdown.dropFirst(2)
        guard let close = rest.range(of: "**") else { return nil }
        return String(rest[..<close.lowerBound])
    }
}
