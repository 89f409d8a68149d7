import Foundation

@testable import StudyKit

/// Text forms of the card rules' input and output, for the golden tests in `CardGoldenTests`.
///
/// Card keys live in users' databases, so a change to the card rules must not change a single
/// byte of what they produce unless it means to. The golden tests keep what the rules produced
/// when the expectations were written, as full text for the hand-written fixtures and as FNV-1a
/// digests for the rest, and compare every run against it.
enum CardGolden {
    /// Every field of every card and warning, one item a line, with control characters escaped.
    static func dump(_ extraction: CardExtraction) -> String {
        var lines: [String] = []
        for card in extraction.cards {
            lines.append(
                "card \(card.kind.rawValue) line \(card.line) ordinal \(card.ordinal) key \(card.key) "
                    + "group \(card.siblingGroup ?? "-") path \(escaped(card.path))")
            lines.append("  front: \(escaped(card.front))")
            lines.append("  back: \(escaped(card.back))")
        }
        for warning in extraction.warnings {
            lines.append("warning \(escaped(warning.path)):\(warning.line.map(String.init) ?? "-") \(escaped(warning.message))")
        }
        return lines.joined(separator: "\n")
    }

    /// Everything of a note the card rules read, so that a stored expectation can tell whether it
    /// still describes the same input (a note edited or parsed differently is a different case).
    static func input(_ note: ParsedNote) -> String {
        var lines = [
            "note \(escaped(note.path)) title \(escaped(note.title)) cards \(note.cardsMode.rawValue) deck \(note.isDeck)"
        ]
        for block in note.blocks {
            lines.append("block \(block.kind) \(block.line)-\(block.endLine) strong \(block.leadingStrong.map(escaped) ?? "-")")
            lines.append("  markdown: \(escaped(block.markdown))")
            lines.append("  text: \(escaped(block.text))")
            lines.append("  headings: \(block.headingPath.map(escaped).joined(separator: " | "))")
            lines.append("  items: \(block.items.map(escaped).joined(separator: " | "))")
            lines.append("  item markdown: \(block.itemMarkdown.map(escaped).joined(separator: " | "))")
            for link in block.links {
                lines.append("  link \(escaped(link.url)) \(escaped(link.text)) external \(link.isExternal) line \(link.line)")
            }
        }
        return lines.joined(separator: "\n")
    }

    static func digest(_ text: String) -> String {
        ContentKey.hex(ContentKey.fnv1a64(text))
    }

    /// Backslash, newline, carriage return and tab spelled out, scalar by scalar (so `\r\n`, one
    /// `Character`, still shows as two escapes).
    static func escaped(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// The folder of the golden files and fixtures (`Tests/StudyKitTests/Fixtures/cards`).
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/cards")

    /// The repository root, whose `Notes/` and `Decks/` are the largest real input we have.
    static let repoRoot = Repository.root

    /// Set `KB_UPDATE_GOLDEN=1` to rewrite the golden files from the current code; read the diff
    /// before committing it.
    static var updating: Bool { ProcessInfo.processInfo.environment["KB_UPDATE_GOLDEN"] == "1" }
}

/// Draws for the random notes and strings of the golden and fast-path tests.
extension CardTestRandom {
    mutating func below(_ bound: Int) -> Int { QuizRandom.index(below: bound, using: &self) }

    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}
