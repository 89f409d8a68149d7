import Foundation

/// A user's search query, translated into a safe FTS5 expression.
///
/// User text never reaches MATCH raw: every term is quoted, so FTS5 syntax characters in a query
/// (`sqlite/fts5`, `a:b`, `"unclosed`, `*`, `NEAR(`) are searched as words instead of failing.
/// Understood: `AND`, `OR`, `NOT term`, `-term`, `"a phrase"`, `prefix*` and `topic:name`.
public struct SearchQuery: Sendable, Equatable {
    /// The FTS5 expression, or nil when the query has no positive term (only topics or exclusions).
    public var match: String? { match(expandingPrefix: { _ in [] }) }
    /// Topics named with `topic:x`, normalised.
    public var topics: [String]
    /// The words searched for, for suggestions and highlighting.
    public var words: [String]
    /// One quoted term; `prefix` for `term*`.
    struct Term: Sendable, Equatable {
        var text: String
        var prefix: Bool
    }

    /// OR-groups of AND-ed terms, and the terms excluded.
    private var positives: [[Term]]
    private var negatives: [Term]

    /// The FTS5 expression with each `prefix*` term widened by the index terms `expand` gives
    /// for it (see `AppDatabase.search`: stems shorter than the typed prefix).
    public func match(expandingPrefix expand: (String) -> [String]) -> String? {
        func quote(_ text: String) -> String { "\"" + text.replacingBytes("\"", with: "\"\"") + "\"" }
        func render(_ term: Term) -> String {
            guard term.prefix else { return quote(term.text) }
            let extra = expand(term.text.lowercased())
            let base = quote(term.text) + "*"
            // As prefixes too: FTS5 leaves prefix terms unstemmed, while a quoted stem would be
            // stemmed again ("embed" becomes "emb").
            return extra.isEmpty ? base : "(" + ([base] + extra.map { quote($0) + "*" }).joined(separator: " OR ") + ")"
        }
        let groups = positives.filter { !$0.isEmpty }.map { $0.map(render).joined(separator: " AND ") }
        guard !groups.isEmpty else { return nil }
        var expression = groups.count == 1 ? groups[0] : groups.map { "(\($0))" }.joined(separator: " OR ")
        if !negatives.isEmpty {
            expression = "(\(expression))" + negatives.map { " NOT \(render($0))" }.joined()
        }
        return expression
    }

    public init(_ raw: String) {
        var positives: [[Term]] = [[]]  // OR-groups of AND-ed terms
        var negatives: [Term] = []
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
            let phrase = Term(text: text, prefix: prefix)
            if negate {
                negatives.append(phrase)
            } else {
                positives[positives.count - 1].append(phrase)
                words.append(text)
            }
        }
        self.positives = positives
        self.negatives = negatives
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
