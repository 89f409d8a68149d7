import Foundation

/// The precision filters behind generated cards (DESIGN.md 4).
///
/// A generated card nobody asked for is only worth keeping if it is a fair question: the front
/// names something specific, the back answers it on its own, and the front does not contain the
/// answer. Each rule here rejects one common way structure-derived cards go wrong; when in doubt
/// a rule says no, because a missing card costs nothing and a bad one costs a review every week.
enum GeneratedCardRules {
    /// Bold labels that introduce a remark rather than define a term ("**Note:** ...").
    static let labelWords: Set<String> = [
        "note", "notes", "nb", "example", "examples", "e.g", "eg", "tip", "tips", "warning", "caveat",
        "caveats", "important", "summary", "tl;dr", "tldr", "idea", "key idea", "intuition", "pros", "cons",
        "why", "how", "what", "when", "result", "results", "takeaway", "takeaways", "question", "answer",
        "q", "a", "update", "todo", "see also", "source", "sources", "aside", "remember", "hint", "goal",
        "problem", "solution", "fix", "context", "definition", "recap", "claim", "proof", "step",
    ]

    /// Headings whose lists are references, handled by the key-idea rule.
    static let referenceHeadings: Set<String> = [
        "references", "reference", "reading", "further reading", "reading list", "papers", "key papers",
        "paper", "sources", "bibliography", "links", "resources", "blog posts", "articles", "related work",
    ]

    /// Headings whose lists are not a set worth memorising as "Name the N ...".
    static let skippedListHeadings: Set<String> = [
        "see also", "related", "related notes", "todo", "to do", "interview prompts", "prompts", "questions",
        "open questions", "exercises", "notes", "summary", "tl;dr", "contents", "table of contents",
        "examples", "example", "changelog", "misc", "miscellaneous",
    ]

    /// Longest term (in words) that "What is X?" is asked about; longer bold text is a sentence.
    static let maxTermWords = 6
    /// Fewest words a back must add beyond the words of its front's key term.
    static let minBackWords = 3
    /// Longest list item (in words) that "Name the N ..." expects someone to recall.
    static let maxItemWords = 10
    /// List sizes that make a fair "Name the N ..." card.
    static let listSizes = 2...9

    /// A heading or label reduced for lookup in the sets above: lower-case, no trailing `:`.
    static func label(_ text: String) -> String {
        ASCIIBytes.withPlain(text, labelOfBytes) ?? labelOfCharacters(text)
    }

    /// `label` on plain ASCII.
    static func labelOfBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var start = 0
        var end = bytes.count
        while start < end, ASCIIBytes.isSpaceOrTab(bytes[start]) { start += 1 }
        while end > start, ASCIIBytes.isSpaceOrTab(bytes[end - 1]) { end -= 1 }
        while end > start, bytes[end - 1] == UInt8(ascii: ":") || bytes[end - 1] == UInt8(ascii: ".") { end -= 1 }
        while end > start, ASCIIBytes.isSpaceOrTab(bytes[end - 1]) { end -= 1 }
        return String(unsafeUninitializedCapacity: end - start) { output in
            for index in start..<end { output[index - start] = ASCIIBytes.lowercased(bytes[index]) }
            return end - start
        }
    }

    /// `label` on `Character`s, for any text.
    static func labelOfCharacters(_ text: String) -> String {
        var label = text.lowercased().trimmedSpaces
        while let last = label.last, last == ":" || last == "." { label.removeLast() }
        return label.trimmedSpaces
    }

    /// Whether a bold term is specific enough to ask "What is X?" about.
    static func isUsableTerm(_ term: String) -> Bool {
        // Plain ASCII has a token exactly when it has a letter or digit: normalising drops none.
        let hasWord = ASCIIBytes.withPlain(term) { $0.contains(where: ASCIIBytes.isLetterOrDigit) }
        guard hasWord ?? !TokenSimilarity.tokens(term).isEmpty, wordCount(term) <= maxTermWords, term.count <= 60
        else { return false }
        guard !term.hasSuffix("?"), !labelWords.contains(label(term)) else { return false }
        return !CardExtractor.containsCardSyntax(term)
    }

    /// Whether `back` says enough beyond the words of `term` to be an answer on its own.
    static func isUsableBack(_ back: String, term: String) -> Bool {
        TokenSimilarity.hasNewTokens(back, beyond: term, atLeast: minBackWords)
    }

    /// Whether `text` (a heading) already contains `item` as whole words, so naming the list
    /// would be answered by the question itself.
    static func givesAway(_ item: String, in text: String) -> Bool {
        let itemWords = wordList(item)
        let textWords = wordList(text)
        guard !itemWords.isEmpty, itemWords.count <= textWords.count else { return false }
        for start in 0...(textWords.count - itemWords.count)
        where Array(textWords[start..<(start + itemWords.count)]) == itemWords {
            return true
        }
        return false
    }

    /// Whether `part` occurs in `text`, as Foundation's `contains` finds it (which for plain
    /// ASCII other than an empty `part` is a byte search).
    static func contains(_ part: String, in text: String) -> Bool {
        let fast = ASCIIBytes.withPlain(text) { textBytes in
            ASCIIBytes.withPlain(part) { partBytes in
                partBytes.isEmpty ? nil : textBytes.indices.contains { textBytes[$0...].starts(with: partBytes) }
            } ?? nil
        }
        if let fast = fast ?? nil { return fast }
        return text.contains(part)
    }

    /// Number of whitespace-separated words.
    static func wordCount(_ text: String) -> Int {
        ASCIIBytes.withPlain(text, ASCIIBytes.wordCount) ?? text.split(whereSeparator: { $0.isWhitespace }).count
    }

    /// Splits `**Term** rest` into the term's Markdown and the rest; nil when the Markdown does not
    /// open with a bold span.
    static func leadingBold(_ markdown: String) -> (term: String, rest: String)? {
        let fast = markdown.utf8.withContiguousStorageIfAvailable(leadingBoldOfBytes)
        if let fast = fast ?? nil { return fast }
        return leadingBoldOfCharacters(markdown)
    }

    /// `leadingBold` on `Character`s (and Foundation's search), for any text.
    static func leadingBoldOfCharacters(_ markdown: String) -> (term: String, rest: String)? {
        guard markdown.hasPrefix("**") else { return nil }
        let afterOpen = markdown.index(markdown.startIndex, offsetBy: 2)
        guard let close = markdown.range(of: "**", range: afterOpen..<markdown.endIndex) else { return nil }
        let term = String(markdown[afterOpen..<close.lowerBound]).trimmedSpaces
        guard !term.isEmpty else { return nil }
        return (term, String(markdown[close.upperBound...]))
    }

    /// `leadingBold` on bytes: nil (no answer) when the bold span and the byte after it are not
    /// all plain ASCII, since only there do bytes and characters agree (see `ASCIIBytes`); the
    /// rest of the paragraph may hold anything. No `**` at the start means no bold term at all.
    static func leadingBoldOfBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> (term: String, rest: String)?? {
        let star = UInt8(ascii: "*")
        guard bytes.count >= 2, bytes[0] == star, bytes[1] == star else { return .some(nil) }
        var close = 2
        while close + 1 < bytes.count, !(bytes[close] == star && bytes[close + 1] == star) { close += 1 }
        guard close + 1 < bytes.count, ASCIIBytes.isPlain(bytes[..<min(close + 3, bytes.count)]) else { return nil }
        let term = String(decoding: UnsafeBufferPointer(rebasing: bytes[2..<close]), as: UTF8.self).trimmedSpaces
        guard !term.isEmpty else { return .some(nil) }
        return (term, String(decoding: UnsafeBufferPointer(rebasing: bytes[(close + 2)...]), as: UTF8.self))
    }

    /// "What is X?", or "What are X?" when the term's head word is a plural ("In-batch
    /// negatives", "Guardrail metrics"); a trailing "(abbreviation)" does not count.
    static func whatIs(_ term: String) -> String {
        let plural = ASCIIBytes.withPlain(term, headIsPluralOfBytes) ?? headIsPluralOfCharacters(term)
        return (plural ? "What are " : "What is ") + term + "?"
    }

    /// Whether the head word of plain ASCII is a plural, by the rule of `headIsPluralOfCharacters`
    /// on bytes (every byte is a character there).
    static func headIsPluralOfBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var end = bytes.count
        if bytes.last == UInt8(ascii: ")"), let open = bytes.lastIndex(of: UInt8(ascii: "(")) { end = open }
        while end > 0, ASCIIBytes.isWhitespace(bytes[end - 1]) { end -= 1 }
        var start = end
        while start > 0, !ASCIIBytes.isWhitespace(bytes[start - 1]) { start -= 1 }
        let last = UnsafeBufferPointer(rebasing: bytes[start..<end])
        func hasSuffix(_ suffix: String) -> Bool {
            last.count >= suffix.utf8.count && last[(last.count - suffix.utf8.count)...].elementsEqual(suffix.utf8)
        }
        return hasSuffix("s") && last.count > 2 && !singularEndings.contains(where: hasSuffix)
    }

    /// The head word is the last word, before a trailing "(abbreviation)".
    static func headIsPluralOfCharacters(_ term: String) -> Bool {
        var head = term
        if head.hasSuffix(")"), let open = head.lastIndex(of: "(") { head = String(head[..<open]) }
        // The last word: the last run of characters that are not whitespace.
        let end = head.lastIndex(where: { !$0.isWhitespace }).map { head.index(after: $0) } ?? head.startIndex
        let start = head[..<end].lastIndex(where: { $0.isWhitespace }).map { head.index(after: $0) } ?? head.startIndex
        let last = String(head[start..<end])
        return last.hasSuffix("s") && last.count > 2 && !singularEndings.contains { last.hasSuffix($0) }
    }

    private static let singularEndings = ["ss", "us", "is", "as", "'s", "’s"]

    /// The heading as it reads inside "Name the N ...": the first letter lower-cased unless the
    /// first word looks like a name or an acronym ("Two-tower losses" → "two-tower losses",
    /// "DCN layers" stays).
    static func phrase(_ heading: String) -> String {
        let firstWord = heading.drop(while: { $0 == " " }).prefix(while: { $0 != " " })
        guard !firstWord.isEmpty, let first = heading.first else { return heading }
        let laterCapitals = firstWord.dropFirst().contains { $0.isUppercase }
        guard first.isUppercase, !laterCapitals else { return heading }
        return first.lowercased() + heading.dropFirst()
    }

    private static func wordList(_ text: String) -> [String] {
        let normalised = ContentKey.normalise(text)
        let fast = ASCIIBytes.withPlain(normalised) { bytes in
            bytes.split(whereSeparator: { !ASCIIBytes.isLetterOrDigit($0) }).map { String(decoding: $0, as: UTF8.self) }
        }
        if let fast { return fast }
        return normalised.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
    }
}
