import Foundation

/// Finds Anki-style cloze deletions (`{{c1::answer}}`, `{{c1::answer::hint}}`) in imported
/// text, so that the deck writer can escape everything around them and keep them as deletions.
enum ClozeText {
    /// A piece of cloze text: plain text, or one deletion.
    enum Segment: Equatable {
        case text(String)
        case deletion(number: Int, answer: String, hint: String?)
    }

    private static let pattern = #"\{\{c(\d+)::(.+?)(?:::([^}]*?))?\}\}"#

    static func hasDeletion(_ text: String) -> Bool {
        text.range(of: pattern, options: .regularExpression) != nil
    }

    static func segments(_ text: String) -> [Segment] {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]) else { return [.text(text)] }
        let whole = NSRange(text.startIndex..., in: text)
        var segments: [Segment] = []
        var last = text.startIndex
        for match in regex.matches(in: text, range: whole) {
            guard let range = Range(match.range, in: text), let numberRange = Range(match.range(at: 1), in: text),
                let answerRange = Range(match.range(at: 2), in: text), let number = Int(text[numberRange])
            else { continue }
            if last < range.lowerBound { segments.append(.text(String(text[last..<range.lowerBound]))) }
            let hint = Range(match.range(at: 3), in: text).map { String(text[$0]) }
            segments.append(.deletion(number: number, answer: String(text[answerRange]), hint: hint))
            last = range.upperBound
        }
        if last < text.endIndex { segments.append(.text(String(text[last...]))) }
        return segments
    }
}
