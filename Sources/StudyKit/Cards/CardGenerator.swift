/// Makes cards from a note's structure (DESIGN.md 4): definitions, named lists and references.
///
/// Only notes (never decks, whose cards are all written by hand) with `cards: all` get generated
/// cards, and a block that holds explicit card syntax is left to `CardExtractor`. Every rule
/// passes its candidate through `GeneratedCardRules`, which prefers skipping to asking a bad
/// question.
public enum CardGenerator {
    /// The generated cards of a note, in block order. `ordinal` is left at 0; `NoteCards`
    /// numbers explicit and generated cards together.
    public static func generate(from note: ParsedNote) -> [CardDraft] {
        var cards: [CardDraft] = []
        generate(from: note, scanners: CardSyntaxScanner.scanners(for: note.blocks), into: &cards)
        return cards
    }

    /// The same, with the blocks already scanned (`CardSyntaxScanner.scanners(for:)`), appended
    /// to `cards` (`NoteCards` puts both kinds of card in one list).
    static func generate(from note: ParsedNote, scanners: [CardSyntaxScanner?], into cards: inout [CardDraft]) {
        guard !note.isDeck, note.cardsMode == .all else { return }
        // Paragraphs under one heading share it; look each heading up once.
        var lastHeading: String?
        var underReferences = false
        for index in note.blocks.indices {
            let kind = note.blocks[index].kind
            switch kind {
            case .paragraph(let inListItem):
                // Only a list item or a paragraph opening with bold can become a card.
                guard inListItem || note.blocks[index].leadingStrong != nil, scanners[index]?.hasCardSyntax != true
                else { continue }
                // The blocks are read where they are, and the rules take the array and an
                // index: Swift 6.3 copied a block bound to a local or passed as an argument
                // (each of its strings and arrays retained, then released), 17,000 a parse
                // thread in a full index of the 7 MB corpus.
                let heading = note.blocks[index].headingPath.last ?? ""
                if heading != lastHeading {
                    lastHeading = heading
                    underReferences = GeneratedCardRules.referenceHeadings.contains(GeneratedCardRules.label(heading))
                }
                if underReferences {
                    if inListItem, let card = keyIdea(note.blocks, at: index, path: note.path) { cards.append(card) }
                } else if let card = definition(note.blocks, at: index, path: note.path) {
                    cards.append(card)
                }
            case .heading:
                if let card = namedList(note.blocks, heading: index, title: note.title, path: note.path) {
                    cards.append(card)
                }
            default:
                continue
            }
        }
    }

    /// `**Term**: definition`, `**Term:** definition`, `**Term** - / — definition`,
    /// `**Term** is definition` → "What is Term?" (or "What are ...?") with the definition as the back.
    /// The rules take the note's blocks and an index (see `generate`).
    static func definition(_ blocks: [Block], at index: Int, path: String) -> CardDraft? {
        guard blocks[index].leadingStrong != nil, let (termMarkdown, rest) = GeneratedCardRules.leadingBold(blocks[index].markdown)
        else { return nil }
        var term = termMarkdown
        var body = rest.trimmedSpaces
        if term.hasSuffix(":") {
            term.removeLast()
        } else if let first = body.first, first == ":" || first == "-" || first == "—" || first == "–" {
            body.removeFirst()
        } else if body.hasPrefix("is ") {
            body.removeFirst(3)
        } else {
            return nil
        }
        term = term.trimmedSpaces
        let back = body.trimmedWhitespace
        guard GeneratedCardRules.isUsableTerm(term), GeneratedCardRules.isUsableBack(back, term: term)
        else { return nil }
        return draft(front: GeneratedCardRules.whatIs(term), back: back, path: path, line: blocks[index].line)
    }

    /// A heading directly followed by a list of 2-9 short items → "Name the N <heading>".
    /// Items that open with a bold term are named by that term alone.
    /// `index` is the heading's; the list is the block after it.
    static func namedList(_ blocks: [Block], heading index: Int, title: String, path: String) -> CardDraft? {
        guard index + 1 < blocks.count, case .list(let ordered) = blocks[index + 1].kind,
            GeneratedCardRules.listSizes.contains(blocks[index + 1].itemMarkdown.count)
        else { return nil }
        let itemMarkdown = blocks[index + 1].itemMarkdown
        let name = blocks[index].text.trimmedSpaces
        let label = GeneratedCardRules.label(name)
        guard !name.isEmpty, GeneratedCardRules.label(title) != label,
            !GeneratedCardRules.referenceHeadings.contains(label),
            !GeneratedCardRules.skippedListHeadings.contains(label),
            // Outline answers under "Interview prompts" are self-graded prompts, not lists to recite.
            !blocks[index].headingPath.contains(where: { GeneratedCardRules.skippedListHeadings.contains(GeneratedCardRules.label($0)) }),
            !itemMarkdown.contains(where: CardExtractor.containsCardSyntax)
        else { return nil }
        let bold = itemMarkdown.map { GeneratedCardRules.leadingBold($0)?.term }
        var items = bold.allSatisfy({ $0 != nil }) ? bold.compactMap { $0 } : itemMarkdown
        items = items.map { item in
            var trimmed = item.trimmedWhitespace
            while let last = trimmed.last, last == ":" || last == "." { trimmed.removeLast() }
            return trimmed
        }
        guard items.allSatisfy({ !$0.isEmpty && GeneratedCardRules.wordCount($0) <= GeneratedCardRules.maxItemWords }),
            Set(items.map(ContentKey.normalise)).count == items.count,
            !items.contains(where: { GeneratedCardRules.givesAway($0, in: name) })
        else { return nil }
        var front = "Name the \(items.count) \(GeneratedCardRules.phrase(name))"
        if ordered { front += ", in order" }
        let context = title.trimmedSpaces
        if !context.isEmpty, !GeneratedCardRules.contains(context.lowercased(), in: name.lowercased()) {
            front += " (\(context))"
        }
        let back = items.enumerated().map { ordered ? "\($0.offset + 1). \($0.element)" : "- \($0.element)" }
        return draft(front: front, back: back.joined(separator: "\n"), path: path, line: blocks[index].line)
    }

    /// A list item under References with a link and a description → "What is the key idea of <title>?".
    static func keyIdea(_ blocks: [Block], at index: Int, path: String) -> CardDraft? {
        guard let link = blocks[index].links.first(where: \.isExternal) else { return nil }
        let title = link.text.trimmedSpaces
        guard title.count >= 3, !GeneratedCardRules.contains("://", in: title), !title.hasPrefix("www."),
            let description = ReferenceDescription.text(of: blocks[index].markdown, without: link)
        else { return nil }
        guard GeneratedCardRules.wordCount(description) >= 4,
            TokenSimilarity.hasNewTokens(description, beyond: title, atLeast: GeneratedCardRules.minBackWords)
        else { return nil }
        return draft(front: "What is the key idea of \(title)?", back: description, path: path, line: blocks[index].line)
    }

    private static func draft(front: String, back: String, path: String, line: Int) -> CardDraft {
        CardDraft(
            kind: .generated, front: front, back: back, key: ContentKey.make(kind: .generated, front: front),
            path: path, line: line)
    }
}
