import Foundation

/// A user's search query, translated into a safe FTS5 expression.
///
/// User text never reaches MATCH raw: every term is quoted, so FTS5 syntax characters in a query
/// (`sqlite/fts5`, `a:b`, `"unclosed`, `*`, `NEAR(`) are searched as words instead of failing.
/// Understood: `AND`, `OR`, `NOT term`, `-term`, `"a phrase"`, `prefix*` and `topic:name`.
public struct SearchQuery: Sendable, Equatable {
    /// The FTS5 expression, or nil when the query has no positive term (only topics or exclusions).
    public var match: String?
    /// Topics named with `topic:x`, normalised.
    public var topics: [String]
    /// The words searched for, for suggestions and highlighting.
    public var words: [String]

    public init(_ raw: String) {
        var positives: [[String]] = [[]]  // OR-groups of AND-ed terms
        var negatives: [String] = []
        var topics: [String] = []
        var words: [String] = []
        var negateNext = false
        for token in Self.tokens(raw) {
            if !token.quoted {
                switch token.text {
                case "AND": continue
                case "OR":
                    if !(positives.last ?? []).isEmpty { positives.append([]) }
                    continue
                case "NOT":
                    negateNext = true
                    continue
                default: break
                }
            }
            var text = token.text
            var negate = negateNext
            negateNext = false
            if !token.quoted, text.hasPrefix("-"), text.count > 1 {
                negate = true
                text.removeFirst()
            }
            if !token.quoted, text.lowercased().hasPrefix("topic:") {
                let name = Topic.normalise(String(text.dropFirst("topic:".count)))
                if !name.isEmpty { topics.append(name) }
                continue
            }
            var prefix = false
            if !token.quoted, text.hasSuffix("*") {
                prefix = true
                while text.hasSuffix("*") { text.removeLast() }
            }
            guard text.contains(where: { $0.isLetter || $0.isNumber }) else { continue }
            let phrase = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" + (prefix ? "*" : "")
            if negate {
                negatives.append(phrase)
            } else {
                positives[positives.count - 1].append(phrase)
                words.append(text)
            }
        }
        let groups = positives.filter { !$0.isEmpty }.map { $0.joined(separator: " AND ") }
        if groups.isEmpty {
            match = nil
        } else {
            var expression = groups.count == 1 ? groups[0] : groups.map { "(\($0))" }.joined(separator: " OR ")
            if !negatives.isEmpty {
                expression = "(\(expression))" + negatives.map { " NOT \($0)" }.joined()
            }
            match = expression
        }
        self.topics = topics
        self.words = words
    }

    /// Splits on whitespace, keeping `"quoted phrases"` (an unclosed quote runs to the end).
    static func tokens(_ raw: String) -> [(text: String, quoted: Bool)] {
        var tokens: [(String, Bool)] = []
        var current = ""
        var inQuote = false
        for char in raw {
            if char == "\"" {
                if inQuote {
                    if !current.isEmpty { tokens.append((current, true)) }
                    current = ""
                    inQuote = false
                } else {
                    if !current.isEmpty { tokens.append((current, false)) }
                    current = ""
                    inQuote = true
                }
            } else if char.isWhitespace && !inQuote {
                if !current.isEmpty { tokens.append((current, false)) }
                current = ""
            } else {
                current.append(char)
            }
        }
        if !current.isEmpty { tokens.append((current.trimmedSpaces, inQuote)) }
        return tokens.filter { !$0.0.isEmpty }
    }
}
