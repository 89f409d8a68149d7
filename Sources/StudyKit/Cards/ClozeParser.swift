/// Reads `{{c1::text}}`, `{{c1::text::hint}}` and `{{text}}` deletions from a block and renders
/// the front and back of each cloze card.
///
/// Deletions with the same number are asked together (as in Anki); every unnumbered deletion is
/// its own card, named `u1`, `u2`, ... in reading order so that its content key stays stable while
/// the numbered deletions around it change.
enum ClozeParser {
    /// One `{{...}}` in the text.
    struct Deletion: Equatable {
        /// Scanner units from the opening `{{` through the closing `}}`.
        var range: Range<Int>
        /// The card the deletion belongs to: `c1`, `c2`, ... or `u1`, `u2`, ... for unnumbered ones.
        var card: String
        var answer: String
        var hint: String?
    }

    /// A malformed deletion, at a unit offset of the block's scanner.
    struct Problem: Equatable {
        var offset: Int
        var message: String
    }

    private static let open = UInt8(ascii: "{")
    private static let close = UInt8(ascii: "}")

    /// All well-formed deletions in reading order, and the problems found on the way.
    static func scan(_ scanner: CardSyntaxScanner) -> (deletions: [Deletion], problems: [Problem]) {
        var deletions: [Deletion] = []
        var problems: [Problem] = []
        var unnumbered = 0
        var index = 0
        let count = scanner.units.count
        while index < count {
            // Only a brace can start either marker: skip to the next one.
            index = scanner.firstIndex(ofEither: open, close, from: index)
            guard index < count else { break }
            if scanner.isDoubled(close, at: index) {
                problems.append(Problem(offset: index, message: "`}}` without a matching `{{` before it"))
                index += 2
                continue
            }
            guard scanner.isDoubled(open, at: index) else {
                index += 1
                continue
            }
            var end = index + 2
            var nestedOpen: Int?
            while end < count, !scanner.isDoubled(close, at: end) {
                if nestedOpen == nil, scanner.isDoubled(open, at: end) { nestedOpen = end }
                end += 1
            }
            if end >= count {
                problems.append(Problem(offset: index, message: "`{{` is never closed with `}}`"))
                return (deletions, problems)
            }
            if nestedOpen != nil {
                problems.append(Problem(offset: index, message: "`{{` opens inside another cloze deletion"))
                index = endOfNested(scanner, from: index)
                continue
            }
            switch parseBody(scanner, from: index + 2, to: end) {
            case .failure(let message):
                problems.append(Problem(offset: index, message: message))
            case .success(let body):
                var card = body.number.map { "c\($0)" } ?? ""
                if body.number == nil {
                    unnumbered += 1
                    card = "u\(unnumbered)"
                }
                deletions.append(Deletion(range: index..<(end + 2), card: card, answer: body.answer, hint: body.hint))
            }
            index = end + 2
        }
        return (deletions, problems)
    }

    /// The offset after the `}}` that closes the `{{` at `start`, counting nested pairs, so a
    /// nested deletion is reported once instead of once per stray `}}`.
    private static func endOfNested(_ scanner: CardSyntaxScanner, from start: Int) -> Int {
        var depth = 0
        var index = start
        while index < scanner.units.count {
            if scanner.isDoubled(open, at: index) {
                depth += 1
                index += 2
            } else if scanner.isDoubled(close, at: index) {
                depth -= 1
                index += 2
                if depth == 0 { return index }
            } else {
                index += 1
            }
        }
        return index
    }

    /// The cards in order of their first deletion, each with the deletions it asks.
    static func cardOrder(_ deletions: [Deletion]) -> [String] {
        var seen: Set<String> = []
        return deletions.compactMap { seen.insert($0.card).inserted ? $0.card : nil }
    }

    /// The front of card `card`: its deletions as `[...]` (or `[hint]`), the others as plain text.
    static func front(_ scanner: CardSyntaxScanner, _ deletions: [Deletion], asking card: String) -> String {
        render(scanner, deletions) { deletion, output in
            guard deletion.card == card else {
                output += deletion.answer.utf8
                return
            }
            output.append(UInt8(ascii: "["))
            output += (deletion.hint ?? "...").utf8
            output.append(UInt8(ascii: "]"))
        }
    }

    /// The back of card `card`: the full text with its answers in bold.
    static func back(_ scanner: CardSyntaxScanner, _ deletions: [Deletion], asking card: String) -> String {
        render(scanner, deletions) { deletion, output in
            let bold = deletion.card != card || (deletion.answer.hasPrefix("**") && deletion.answer.hasSuffix("**"))
            if !bold { output += [UInt8(ascii: "*"), UInt8(ascii: "*")] }
            output += deletion.answer.utf8
            if !bold { output += [UInt8(ascii: "*"), UInt8(ascii: "*")] }
        }
    }

    /// The text with each deletion replaced by what `replacing` writes, built as UTF-8.
    private static func render(
        _ scanner: CardSyntaxScanner, _ deletions: [Deletion], replacing: (Deletion, inout [UInt8]) -> Void
    ) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(scanner.units.count + 16)
        var index = 0
        for deletion in deletions {
            scanner.appendText(index..<deletion.range.lowerBound, to: &output)
            replacing(deletion, &output)
            index = deletion.range.upperBound
        }
        scanner.appendText(index..<scanner.units.count, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private struct Body {
        var number: Int?
        var answer: String
        var hint: String?
    }

    private enum Parsed {
        case success(Body)
        case failure(String)
    }

    /// Splits `c1::answer::hint` (number and hint optional) between `{{` and `}}`.
    private static func parseBody(_ scanner: CardSyntaxScanner, from start: Int, to end: Int) -> Parsed {
        let separators = scanner.colonRuns(in: start..<end)
        if let bad = separators.first(where: { $0.count != 2 }) {
            return .failure("cloze deletion has `\(scanner.text(bad))`; separate parts with exactly `::`")
        }
        // The parts as unit ranges, trimmed of spaces and tabs.
        var parts: [Range<Int>] = []
        var partStart = start
        for separator in separators {
            parts.append(scanner.trimmingSpaces(partStart..<separator.lowerBound))
            partStart = separator.upperBound
        }
        parts.append(scanner.trimmingSpaces(partStart..<end))
        var number: Int?
        if parts.count >= 2, let first = parts.first, let parsed = clozeNumber(scanner.text(first)) {
            number = parsed
            parts.removeFirst()
        }
        guard parts.count <= 2 else {
            return .failure("cloze deletion has too many `::`; write {{c1::answer}} or {{c1::answer::hint}}")
        }
        let answer = scanner.text(parts[0])
        guard !answer.isEmpty else {
            return .failure("empty cloze deletion; put the hidden text between `{{` and `}}`")
        }
        let hint = parts.count == 2 ? scanner.text(parts[1]) : nil
        if let hint, hint.isEmpty { return .failure("empty cloze hint after `::`; remove the `::` or write a hint") }
        return .success(Body(number: number, answer: answer, hint: hint))
    }

    /// `c1` → 1, `C12` → 12; anything else is not a deletion number.
    private static func clozeNumber(_ text: String) -> Int? {
        let trimmed = text.trimmingSpaces
        guard let first = trimmed.first, first == "c" || first == "C" else { return nil }
        let digits = trimmed.dropFirst()
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }
}
