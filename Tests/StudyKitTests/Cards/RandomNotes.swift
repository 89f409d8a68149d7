import Foundation

@testable import StudyKit

/// Random notes built straight from blocks, dense with the things the card rules look at.
///
/// Real notes reach the rules through cmark, which smooths a lot away; these do not, so they
/// reach corners the parser never shows (a `\r\n` inside a line, a link listed but not written,
/// a list right after a lone `?`). Each piece is written to trip one rule or one byte-versus-
/// character difference: card markers, code spans around them, link destinations with
/// parentheses, emphasis and `snake_case`, and text whose lower case, whitespace or grapheme
/// boundaries are not what a byte-by-byte reading would guess.
struct RandomNotes {
    var random: CardTestRandom

    init(seed: UInt64) { random = CardTestRandom(seed: seed) }

    static let words = [
        "retrieval", "ranking", "model", "the", "is", "a", "of", "loss", "HNSW", "NDCG", "logQ", "top_k",
        "snake_case", "__init__", "café", "über", "Straße", "naïve", "中文", "検索する", "🙂", "👍🏽", "e\u{301}t\u{301}e",
        "İstanbul", "ΣΟΦΊΑ", "ΌΣΟΣ", "ǅemal", "ﬁle", "x", "1", "42", "2020", "Ⅻ", "①", "١٢", "K", "Ω", "ß",
        "what", "note", "Two-tower", "negatives", "metrics", "class", "focus", "it's", "it’s", "s(x, j)", "A/B",
        "1\u{FE0F}\u{20E3}", "a\u{301}", "\u{600}1", "w\u{308}ord", "ÅNGSTRÖM", "ǈ", "ΐ", "ŉ",
    ]
    static let punctuation = [
        ":", "::", ":::", "::::", "-", "—", "–", ",", ".", ";", "?", "!", "(", ")", "[", "]", "*", "**", "_", "__",
        "~~", "`", "``", "{{", "}}", "{", "}", "<", ">", "'", "’", "\"", "/", "\\", ":\u{301}", "?\u{301}",
    ]
    static let spaces = [" ", " ", " ", " ", "  ", "\t", "\u{00A0}", "\u{3000}", "\u{2003}", "\u{85}", "\r", "\r\n"]
    static let headings = [
        "References", "Further reading:", "Papers", "Interview prompts", "Notes", "Losses", "Two-tower losses",
        "DCN layers", "Évaluation", "Key ideas", "retrieval", "Sources.", "SEE ALSO", "İndex", "Ωmega steps",
        "**Bold** heading", "Σ sums", "Related Work",
    ]
    static let titles = ["Retrieval", "Two-tower losses", "Évaluation", "", "  Ranking  ", "İndex", "DCN layers"]
    static let urls = [
        "https://example.org/p", "https://example.org/a_(b)", "http://arxiv.org/abs/1::2", "../note.md",
        "https://x.org/Ünï", "www.example.com", "https://a.b/{{c}}",
    ]

    /// A note of 1-14 blocks; `index` only names its path.
    mutating func note(_ index: Int) -> ParsedNote {
        let isDeck = random.chance(20)
        let path = (isDeck ? "Decks/" : "Notes/") + "r\(index).md"
        let mode: CardsMode = random.chance(80) ? .all : random.pick([.explicit, .none])
        var blocks: [Block] = []
        var line = 1 + random.below(3)
        var headingPath: [String] = []
        for _ in 0..<(1 + random.below(14)) {
            let block = self.block(line: line, headingPath: headingPath)
            if case .heading = block.kind {
                headingPath = random.chance(30) ? headingPath + [block.text] : [block.text]
            }
            blocks.append(block)
            // Sometimes the next block starts on the very next line (a list after `?`).
            line = block.endLine + (random.chance(40) ? 1 : 2)
        }
        return ParsedNote(
            path: path, title: random.pick(Self.titles), cardsMode: mode, isDeck: isDeck, blocks: blocks)
    }

    private mutating func block(line: Int, headingPath: [String]) -> Block {
        switch random.below(10) {
        case 0, 1:
            let text = random.chance(80) ? random.pick(Self.headings) : phrase(1 + random.below(4))
            return Block(
                kind: .heading(level: 1 + random.below(3)), line: line, endLine: line, markdown: text,
                text: plain(text), headingPath: headingPath)
        case 2, 3:
            let items = (0..<(1 + random.below(11))).map { _ in listItem() }
            return Block(
                kind: .list(ordered: random.chance(40)), line: line, endLine: line + items.count - 1,
                headingPath: headingPath, items: items.map(plain), itemMarkdown: items)
        case 4:
            let code = phrase(3) + "\n" + marker()
            return Block(kind: .codeBlock, line: line, endLine: line + 1, markdown: code, text: code, headingPath: headingPath)
        default:
            return paragraph(line: line, headingPath: headingPath)
        }
    }

    private mutating func paragraph(line: Int, headingPath: [String]) -> Block {
        var links: [NoteLink] = []
        var lines: [String] = []
        let opener: String
        switch random.below(6) {
        case 0: opener = definitionOpener()
        case 1: opener = referenceOpener(&links, line: line)
        default: opener = ""
        }
        // Most real paragraphs hold no card syntax; those are the ones the generator reads.
        let clean = random.chance(50)
        for index in 0..<(1 + random.below(4)) {
            var text = index == 0 ? opener : ""
            if !clean && random.chance(15) {
                text = random.pick(["?", " ? ", "\t?", "??", "?\r", "?\u{301}", "？"])
            } else {
                text += content(&links, line: line, clean: clean)
            }
            lines.append(text)
        }
        if random.chance(10) { lines.append("") }
        if random.chance(10), let first = lines.first { lines[0] = random.pick([" ", "\t", "\u{00A0}"]) + first }
        let markdown = lines.joined(separator: random.chance(90) ? "\n" : "\r\n")
        if random.chance(10) {
            let url = random.pick(Self.urls)
            links.append(NoteLink(url: url, text: phrase(2), line: line, isExternal: url.hasPrefix("http")))
        }
        var strong: String? = nil
        if markdown.hasPrefix("**"), let close = markdown.dropFirst(2).range(of: "**"), random.chance(90) {
            strong = String(markdown.dropFirst(2)[..<close.lowerBound])
        }
        return Block(
            kind: .paragraph(inListItem: random.chance(50)), line: line, endLine: line + lines.count - 1,
            markdown: markdown, text: plain(markdown), headingPath: headingPath, leadingStrong: strong,
            links: links)
    }

    /// `**Term**` with one of the separators the definition rule knows (or a near miss).
    private mutating func definitionOpener() -> String {
        let term = random.chance(10) ? random.pick(["Note", "Why", "TL;DR", "e.g", "What?", "a::b", ""]) : phrase(1 + random.below(3))
        switch random.below(8) {
        case 0: return "**\(term):** "
        case 1: return "**\(term)**: "
        case 2: return "**\(term)** - "
        case 3: return "**\(term)** — "
        case 4: return "**\(term)** – "
        case 5: return "**\(term)** is "
        case 6: return "**\(term)**" + random.pick(Self.spaces) + random.pick([":", "-", "is "])
        default: return "**\(term)** " + random.pick(Self.punctuation)
        }
    }

    /// `[Title](url) (Authors, year) - ` as under a References heading.
    private mutating func referenceOpener(_ links: inout [NoteLink], line: Int) -> String {
        let title = random.chance(10) ? random.pick(["ab", "https://x.org", "www.x.org", "a [b] c"]) : phrase(1 + random.below(4))
        let url = random.pick(Self.urls)
        links.append(NoteLink(url: url, text: plain(title), line: line, isExternal: url.hasPrefix("http")))
        let bang = random.chance(5) ? "!" : ""
        let authors = random.chance(50) ? "(" + phrase(2) + ", 2020) " : ""
        return "\(bang)[\(title)](\(url)) " + authors + random.pick(["- ", ": ", "— ", ", ", "", "; "])
    }

    /// One line's worth of words, markers, code spans, links and cloze deletions (no markers
    /// or deletions when `clean`, though punctuation may still form one by chance).
    private mutating func content(_ links: inout [NoteLink], line: Int, clean: Bool) -> String {
        var text = ""
        for _ in 0..<(1 + random.below(12)) {
            switch random.below(20) {
            case 0 where clean, 5 where clean: text += random.pick(Self.words)
            case 0: text += marker()
            case 1: text += "`" + random.pick(["std::vector", "{{x}}", "a ` b", "?", phrase(1)]) + "`"
            case 2: text += "``a`b``"
            case 3:
                let url = random.pick(Self.urls)
                let title = phrase(1 + random.below(3))
                links.append(NoteLink(url: url, text: plain(title), line: line, isExternal: url.hasPrefix("http")))
                text += "[\(title)](\(url))"
            case 4: text += "<" + random.pick(["https://a.b/c::d", "mailto:x@y", "not a link", "x:y"]) + ">"
            case 5: text += cloze()
            case 6, 7: text += random.pick(Self.punctuation)
            case 8: text += random.pick(["*", "_", "~~", "**"]) + phrase(1) + random.pick(["*", "_", "~~", "**"])
            default: text += random.pick(Self.words)
            }
            text += random.chance(85) ? " " : random.pick(Self.spaces + ["", ""])
        }
        return text
    }

    private mutating func cloze() -> String {
        switch random.below(10) {
        case 0: return "{{\(phrase(2))}}"
        case 1: return "{{c\(random.below(4))::\(phrase(2))::\(phrase(1))}}"
        case 2: return random.pick(["{{c1::}}", "{{::x}}", "{{c1::a::b::c}}", "{{c1:::x}}", "{{ {{x}} }}", "{{c1::x", "}}"])
        case 3: return "{{C\(1 + random.below(3)):: \(phrase(1)) }}"
        default: return "{{c\(1 + random.below(3))::\(phrase(1 + random.below(3)))}}"
        }
    }

    private mutating func marker() -> String {
        random.pick([" :: ", " ::: ", "::", " :::: ", "a::b", " {{", "}} ", " ?"])
    }

    private mutating func listItem() -> String {
        var item = random.chance(30) ? "**\(phrase(1 + random.below(2)))**" + random.pick([": ", " - ", " "]) : ""
        item += phrase(1 + random.below(random.chance(80) ? 4 : 14))
        if random.chance(10) { item += random.pick([" :: x", " {{c1::y}}", "?\n?"]) }
        return item + random.pick(["", "", ".", ":", "..", " :"])
    }

    private mutating func phrase(_ count: Int) -> String {
        (0..<count).map { _ in random.pick(Self.words) }.joined(separator: random.chance(90) ? " " : random.pick(Self.spaces))
    }

    private func plain(_ markdown: String) -> String {
        markdown.replacingOccurrences(of: "**", with: "")
    }
}
