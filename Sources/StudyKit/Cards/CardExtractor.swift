/// Cards and warnings found in one file.
public struct CardExtraction: Sendable, Equatable {
    public var cards: [CardDraft]
    public var warnings: [IndexWarning]

    public init(cards: [CardDraft] = [], warnings: [IndexWarning] = []) {
        self.cards = cards
        self.warnings = warnings
    }
}

/// Finds the explicit card syntax of DESIGN.md 3 in a parsed note.
///
/// Only paragraphs (in list items too) are read, so code blocks, HTML and front matter can never
/// yield a card; code spans and link destinations inside a paragraph are skipped by
/// `CardSyntaxScanner`. A paragraph is read in this order: a line holding only `?` makes the
/// whole paragraph one question card; otherwise `{{...}}` deletions make it a cloze text; otherwise
/// every line with `::` or `:::` is its own card, so a deck can list cards on consecutive lines.
/// Anything that looks like card syntax but is not well formed yields a warning at its line and
/// no card, so that a typo is reported instead of becoming a strange card.
public enum CardExtractor {
    /// The explicit cards of a note or deck, in source order, with `ordinal` counting from 0.
    /// Returns nothing for `cards: none`.
    public static func extract(from note: ParsedNote) -> CardExtraction {
        extract(from: note, scanners: CardSyntaxScanner.scanners(for: note.blocks))
    }

    /// The same, with the blocks already scanned (`CardSyntaxScanner.scanners(for:)`); a block
    /// without a scanner holds no card syntax.
    static func extract(from note: ParsedNote, scanners: [CardSyntaxScanner?]) -> CardExtraction {
        guard note.cardsMode != .none else { return CardExtraction() }
        var result = CardExtraction()
        for index in note.blocks.indices {
            guard let scanner = scanners[index] else { continue }
            var reader = ParagraphReader(path: note.path, blocks: note.blocks, index: index, scanner: scanner)
            // The reader adds to the note's list itself, which is swapped in and out (a swap
            // moves the arrays; appending the reader's cards copied each card).
            swap(&reader.cards, &result.cards)
            reader.read()
            swap(&reader.cards, &result.cards)
            // Most paragraphs have no warning; appending none still allocates.
            if !reader.warnings.isEmpty { result.warnings += reader.warnings }
        }
        for index in result.cards.indices { result.cards[index].ordinal = index }
        return result
    }

    /// True when the Markdown holds card syntax, well formed or not, outside code spans.
    /// The generator uses it to leave blocks with explicit cards alone.
    public static func containsCardSyntax(_ markdown: String) -> Bool {
        CardSyntaxScanner.mayHoldCardSyntax(markdown) && CardSyntaxScanner(markdown).hasCardSyntax
    }
}

/// Reads the cards of one paragraph block; see `CardExtractor` for the order of the rules.
private struct ParagraphReader {
    let path: String
    /// The note's blocks and the paragraph's place among them (the blocks are read in place:
    /// a copy of one retains and releases each of its strings and arrays).
    let blocks: [Block]
    let index: Int
    let scanner: CardSyntaxScanner
    /// The note's cards so far (`extract` swaps its list in); the reader only appends.
    var cards: [CardDraft] = []
    var warnings: [IndexWarning] = []

    mutating func read() {
        let questionMarks = scanner.lines.indices.filter { scanner.isQuestionMark(scanner.lines[$0]) }
        if !questionMarks.isEmpty {
            readQuestion(questionMarks)
            return
        }
        let (deletions, problems) = ClozeParser.scan(scanner)
        for problem in problems { warn(scanner.lineIndex(of: problem.offset), problem.message) }
        if !deletions.isEmpty || !problems.isEmpty {
            readCloze(deletions, broken: !problems.isEmpty)
            return
        }
        for (lineIndex, line) in scanner.lines.enumerated() {
            readLine(lineIndex, line)
        }
    }

    /// Lines above a lone `?` are the question, lines below are the answer. When `?` ends the
    /// paragraph, a list that starts on the very next line is the answer (a list interrupts a
    /// paragraph in CommonMark, so "question / ? / - a / - b" arrives as two blocks).
    private mutating func readQuestion(_ marks: [Int]) {
        if marks.count > 1 {
            warn(marks[1], "more than one `?` line in one card; leave a blank line between cards")
            return
        }
        let mark = marks[0]
        let lines = scanner.lines
        // The lines above and below, newlines and all, as one cut of the text each.
        let question = mark > 0 ? scanner.text(lines[0].lowerBound..<lines[mark - 1].upperBound).trimmedWhitespace : ""
        var answer = ""
        if let last = lines.last, mark + 1 < lines.count {
            answer = scanner.text(lines[mark + 1].lowerBound..<last.upperBound).trimmedWhitespace
        }
        if answer.isEmpty, index + 1 < blocks.count, case .list(let ordered) = blocks[index + 1].kind,
            blocks[index + 1].line == blocks[index].endLine + 1
        {
            answer = blocks[index + 1].itemMarkdown.enumerated()
                .map { ordered ? "\($0.offset + 1). \($0.element)" : "- \($0.element)" }
                .joined(separator: "\n")
        }
        guard !question.isEmpty else {
            warn(mark, "a `?` card needs its question on the lines just above the `?`")
            return
        }
        guard !answer.isEmpty else {
            warn(mark, "a `?` card needs its answer on the lines just below the `?`")
            return
        }
        add(.basic, front: question, back: answer, lineIndex: 0)
    }

    /// One card per deletion number and per unnumbered deletion; none if any deletion is malformed.
    private mutating func readCloze(_ deletions: [ClozeParser.Deletion], broken: Bool) {
        guard !broken else { return }
        let ranges = deletions.map(\.range)
        for (lineIndex, line) in scanner.lines.enumerated()
        where !scanner.colonRuns(in: line, excluding: ranges).isEmpty {
            warn(lineIndex, "`::` outside a cloze deletion; keep `::` cards and `{{...}}` in separate paragraphs")
            return
        }
        let order = ClozeParser.cardOrder(deletions)
        // Every card of the text hashes the same normalised text: normalise it once.
        let normalised = ContentKey.normalise(blocks[index].markdown)
        let group = order.count > 1 ? ContentKey.siblingGroup(normalised: normalised) : nil
        for card in order {
            guard let first = deletions.first(where: { $0.card == card }) else { continue }
            add(
                .cloze, front: ClozeParser.front(scanner, deletions, asking: card),
                back: ClozeParser.back(scanner, deletions, asking: card),
                lineIndex: scanner.lineIndex(of: first.range.lowerBound), group: group,
                key: ContentKey.cloze(normalised: normalised, deletion: card))
        }
    }

    /// `Question :: Answer` (one card) or `Term ::: Definition` (two sibling cards) on one line.
    private mutating func readLine(_ lineIndex: Int, _ line: Range<Int>) {
        let runs = scanner.colonRuns(in: line)
        guard let run = runs.first else { return }
        let marker = scanner.text(run)
        guard runs.count == 1 else {
            warn(lineIndex, "`::` appears more than once on one line; write one `Question :: Answer` per line")
            return
        }
        guard run.count <= 3 else {
            warn(lineIndex, "`\(marker)` is not card syntax; use `::` for one card or `:::` for two")
            return
        }
        let wordBefore = run.lowerBound > line.lowerBound && scanner.isLetterOrDigit(before: run.lowerBound)
        let wordAfter = run.upperBound < line.upperBound && scanner.isLetterOrDigit(at: run.upperBound)
        if wordBefore && wordAfter {
            warn(
                lineIndex,
                "`\(marker)` between two words looks like code; put it in backticks, "
                    + "or write `Question \(marker) Answer` with spaces to make a card")
            return
        }
        let front = scanner.text(scanner.trimmingSpaces(line.lowerBound..<run.lowerBound))
        let back = scanner.text(scanner.trimmingSpaces(run.upperBound..<line.upperBound))
        guard !front.isEmpty else {
            warn(lineIndex, "card has no question before `\(marker)`; write `Question \(marker) Answer` on one line")
            return
        }
        guard !back.isEmpty else {
            warn(lineIndex, "card has no answer after `\(marker)`; write `Question \(marker) Answer` on one line")
            return
        }
        if run.count == 2 {
            add(.basic, front: front, back: back, lineIndex: lineIndex)
            return
        }
        let group = ContentKey.siblingGroup(source: scanner.text(line))
        add(.basic, front: front, back: back, lineIndex: lineIndex, group: group)
        add(.reversed, front: back, back: front, lineIndex: lineIndex, group: group)
    }

    /// Appends a card; the key is made from the kind and front unless given (cloze cards).
    private mutating func add(
        _ kind: CardKind, front: String, back: String, lineIndex: Int, group: String? = nil, key: String? = nil
    ) {
        let key = key ?? ContentKey.make(kind: kind, front: front)
        let line = blocks[index].line + lineIndex
        cards.append(
            CardDraft(kind: kind, front: front, back: back, key: key, path: path, line: line, siblingGroup: group))
    }

    private mutating func warn(_ lineIndex: Int, _ message: String) {
        warnings.append(IndexWarning(path: path, line: blocks[index].line + lineIndex, message: message))
    }
}
