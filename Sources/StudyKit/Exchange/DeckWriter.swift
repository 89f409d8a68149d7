import Foundation

/// Writes imported cards as a Markdown deck in kb's card syntax (DESIGN.md 3), so that the
/// Markdown stays the source of truth and the deck reads like one written by hand.
///
/// Imported text is not ours, so everything our syntax or Markdown would read as structure is
/// made inert: `::` and `{{ }}` (which would make cards of their own), a line holding only `?`,
/// block markers at a line's start (a heading, list, quote or rule would end the card's
/// paragraph), `<` (raw HTML hides cards), and backticks that do not pair up (a code span could
/// swallow the `::` between front and back).
public enum DeckWriter {
    /// The deck's text and, for each row (by its line in the source file), the line its card
    /// starts on in the deck, so problems found in the deck can be reported against the file.
    public static func render(_ rows: [PlainTextCards.Row], title: String, source: String) -> (text: String, lines: [Int: Int]) {
        var topicSets: [[String]] = []
        for row in rows {
            let topics = topicNames(row.tags)
            if !topicSets.contains(topics) { topicSets.append(topics) }
        }
        let allTopics = Array(Set(topicSets.flatMap { $0 })).sorted()
        var lines = ["---", "title: \(yamlString(title))"]
        if !allTopics.isEmpty { lines.append("topics: [\(allTopics.map(yamlString).joined(separator: ", "))]") }
        lines += ["---", "", "# \(escapeLine(title))", "", escapeLine("Imported from \(source)."), ""]
        var rowLines: [Int: Int] = [:]
        for topics in topicSets {
            if topicSets.count > 1 {
                lines += ["## \(topics.isEmpty ? "Untagged" : escapeLine(topics.joined(separator: ", ")))", ""]
            }
            for row in rows where topicNames(row.tags) == topics {
                rowLines[row.line] = lines.count + 1
                lines += card(row) + [""]
            }
        }
        return (lines.joined(separator: "\n"), rowLines)
    }

    /// A row as card syntax: `front :: back` on one line, the `?` form when a side has several
    /// lines, or a cloze paragraph (with any extra text as a plain paragraph after it).
    static func card(_ row: PlainTextCards.Row) -> [String] {
        if row.isCloze {
            let text = ClozeText.segments(row.front).map { segment -> String in
                switch segment {
                case .text(let text): return escapeInline(text)
                case .deletion(let number, let answer, let hint):
                    let flat = { (text: String) in escapeInline(text.replacingOccurrences(of: "\n", with: " ")) }
                    return "{{c\(number)::\(flat(answer))\(hint.map { "::" + flat($0) } ?? "")}}"
                }
            }.joined()
            var lines = nonBlankLines(text).map(escapeLineStart)
            if !row.back.isEmpty { lines += [""] + nonBlankLines(escapeInline(row.back)).map(escapeLineStart) }
            return lines
        }
        let front = nonBlankLines(escapeInline(row.front)).map(escapeLineStart)
        let back = nonBlankLines(escapeInline(row.back)).map(escapeLineStart)
        if front.count == 1, back.count == 1 { return ["\(front[0]) :: \(back[0])"] }
        return front + ["?"] + back
    }

    /// Makes imported text inert for our card syntax and for raw HTML.
    ///
    /// The parser unescapes backslashes before the card rules run, so a backslash cannot hide
    /// `::`, `{{`, `}}`, a lone `?` or a stray backtick from them; a code span can (the rules never
    /// look inside one). Such words are therefore wrapped in code spans, and only what matters to
    /// cmark itself (`<` opening HTML, a backslash before punctuation) is backslash-escaped.
    static func escapeInline(_ text: String) -> String {
        let oddBackticks = text.filter { $0 == "`" }.count % 2 == 1
        return text.components(separatedBy: "\n").map { line in
            if line.trimmingCharacters(in: .whitespaces) == "?" { return "`?`" }
            return line.components(separatedBy: " ").map { word in
                if word.contains("::") || word.contains("{{") || word.contains("}}") { return codeSpan(word) }
                var output = ""
                let chars = Array(word)
                for (index, char) in chars.enumerated() {
                    switch char {
                    case "\\" where index + 1 < chars.count && isASCIIPunctuation(chars[index + 1]): output += "\\\\"
                    case "<": output += "\\<"
                    case "`" where oddBackticks: output += "`` ` ``"
                    default: output.append(char)
                    }
                }
                return output
            }.joined(separator: " ")
        }.joined(separator: "\n")
    }

    /// A word as a code span, fenced by one backtick more than its longest run of them.
    static func codeSpan(_ word: String) -> String {
        var longest = 0, run = 0
        for char in word {
            run = char == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = word.hasPrefix("`") || word.hasSuffix("`") ? " " : ""
        return fence + pad + word + pad + fence
    }

    /// Escapes a line's first character when Markdown would read it as a block marker.
    static func escapeLineStart(_ line: String) -> String {
        let text = String(line.drop(while: { $0 == " " || $0 == "\t" }))
        guard let first = text.first else { return text }
        if text == "?" { return "\\?" }
        let second = text.dropFirst().first
        let allSame = text.allSatisfy { $0 == first || $0 == " " }
        switch first {
        case "#", ">", "=":
            return "\\" + text
        case "-", "+", "*", "_":
            return second == " " || second == nil || allSame ? "\\" + text : text
        case "~" where text.hasPrefix("~~~"), "`" where text.hasPrefix("```"):
            return "\\" + text
        default:
            break
        }
        // An ordered list item: digits, then `.` or `)`, then a space or the end.
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 9 {
            let rest = text.dropFirst(digits.count)
            if let mark = rest.first, mark == "." || mark == ")", rest.dropFirst().first.map({ $0 == " " }) ?? true {
                return String(digits) + "\\" + String(rest)
            }
        }
        return text
    }

    static func nonBlankLines(_ text: String) -> [String] {
        text.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Anki tags as kb topics: hierarchical `a::b` becomes `a-b`, then the usual normalising;
    /// characters a topic cannot hold are dropped.
    static func topicNames(_ tags: [String]) -> [String] {
        let cleaned = tags.map { tag in
            String(tag.replacingOccurrences(of: "::", with: "-").filter { $0.isLetter || $0.isNumber || "-_ ".contains($0) })
        }
        return Topic.normalise(cleaned)
    }

    static func yamlString(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// CommonMark lets a backslash escape exactly the ASCII punctuation characters.
    static func isASCIIPunctuation(_ char: Character) -> Bool {
        char.isASCII && (char.isPunctuation || char.isSymbol)
    }

    /// Escapes a whole line of plain text (title, headings).
    static func escapeLine(_ text: String) -> String {
        escapeLineStart(escapeInline(text))
    }
}
