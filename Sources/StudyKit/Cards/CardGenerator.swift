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
        generate(from: note, scanners: CardSyntaxScanner.scanners(for: note.blocks))
    }

    /// The same, with the blocks already scanned (`CardSyntaxScanner.scanners(for:)`).
    static func generate(from note: ParsedNote, scanners: [CardSyntaxScanner?]) -> [CardDraft] {
        guard !note.isDeck, note.cardsMode == .all else { return [] }
        var cards: [CardDraft] = []
        // Paragraphs under one heading share it; look each heading up once.
        var lastHeading: String?
        var underReferences = false
        for index in note.blocks.indices {
            switch note.blocks[index].kind {
            case .paragraph(let inListItem):
                // Only a list item or a paragraph opening with bold can become a card.
                guard inListItem || note.blocks[index].leadingStrong != nil, scanners[index]?.hasCardSyntax != true
                else { continue }
                let block = note.blocks[index]
                let heading = block.headingPath.last ?? ""
                if heading != lastHeading {
                    lastHeading = heading
                    underReferences = GeneratedCardRules.referenceHeadings.contains(GeneratedCardRules.label(heading))
                }
                if underReferences {
                    if inListItem, let card = keyIdea(block, path: note.path) { cards.append(card) }
                } else if let card = definition(block, path: note.path) {
                    cards.append(card)
                }
            case .heading:
                let next = index + 1 < note.blocks.count ? note.blocks[index + 1] : nil
                if let next, let card = namedList(heading: note.blocks[index], list: next, title: note.title, path: note.path) {
                    cards.append(card)
                }
            default:
                continue
            }
        }
        return cards
    }

    /// `**Term**: definition`, `**Term:** definition`, `**Term** - / — definition`,
    /// `**Term** is definition` → "What is Term?" (or "What are ...?") with the definition as the back.
    static func definition(_ block: Block, path: String) -> CardDraft? {
        guard block.leadingStrong != nil, let (termMarkdown, rest) = GeneratedCardRules.leadingBold(block.markdown)
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
        return draft(front: GeneratedCardRules.whatIs(term), back: back, path: path, line: block.line)
    }

    /// A heading directly followed by a list of 2-9 short items → "Name the N <heading>".
    /// Items that open with a bold term are named by that term alone.
    static func namedList(heading: Block, list: Block, title: String, path: String) -> CardDraft? {
        guard case .list(let ordered) = list.kind, GeneratedCardRules.listSizes.contains(list.itemMarkdown.count) else {
            return nil
        }
        let name = heading.text.trimmedSpaces
        let label = GeneratedCardRules.label(name)
        guard !name.isEmpty, GeneratedCardRules.label(title) != label,
            !GeneratedCardRules.referenceHeadings.contains(label),
            !GeneratedCardRules.skippedListHeadings.contains(label),
            // Outline answers under "Interview prompts" are self-graded prompts, not lists to recite.
            !heading.headingPath.contains(where: { GeneratedCardRules.skippedListHeadings.contains(GeneratedCardRules.label($0)) }),
            !list.itemMarkdown.contains(where: CardExtractor.containsCardSyntax)
        else { return nil }
        let bold = list.itemMarkdown.map { GeneratedCardRules.leadingBold($0)?.term }
        var items = bold.allSatisfy({ $0 != nil }) ? bold.compactMap { $0 } : list.itemMarkdown
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
        return draft(front: front, back: back.joined(separator: "\n"), path: path, line: heading.line)
    }

    /// A list item under References with a link and a description → "What is the key idea of <title>?".
    static func keyIdea(_ block: Block, path: String) -> CardDraft? {
        guard let link = block.links.first(where: \.isExternal) else { return nil }
        let title = link.text.trimmedSpaces
        guard title.count >= 3, !GeneratedCardRules.contains("://", in: title), !title.hasPrefix("www."),
            let description = ReferenceDescription.text(of: block.markdown, without: link)
        else { return nil }
        guard GeneratedCardRules.wordCount(description) >= 4,
            TokenSimilarity.hasNewTokens(description, beyond: title, atLeast: GeneratedCardRules.minBackWords)
        else { return nil }
        return draft(front: "What is the key idea of \(title)?", back: description, path: path, line: block.line)
    }

    private static func draft(front: String, back: String, path: String, line: Int) -> CardDraft {
        CardDraft(
            kind: .generated, front: front, back: back, key: ContentKey.make(kind: .generated, front: front),
            path: path, line: line)
    }
}
