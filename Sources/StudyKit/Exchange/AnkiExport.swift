/// Turns kb cards into an Anki collection: one Anki deck per kb deck, one note per card (Basic,
/// or Cloze for cloze cards), topics as tags, and each card's SM-2 state in Anki's fields.
///
/// Identity is derived, never random: the GUID and the note and card ids are hashes of the
/// card's content key (DESIGN.md 5), so exporting again after edits gives the same GUIDs and
/// Anki updates the notes it already has instead of adding duplicates.
public enum AnkiExport {
    /// Seconds past midnight of `col.crt`: kb's study day starts at 04:00, as Anki's does by default.
    static let dayStartSeconds = 4 * 3_600

    /// - Parameters:
    ///   - cards: the cards to export (retired ones are left out by the caller).
    ///   - reviewCounts: reviews per card id (Anki's `reps` counts every review, not only the
    ///     current run of successes that SM-2 calls n).
    ///   - today: the export day; the collection is dated no later than the earliest due day so
    ///     that every review card's `due` is a day count of 0 or more.
    public static func collection(cards: [CardInfo], reviewCounts: [Int64: Int] = [:], today: Day) -> AnkiCollection {
        let created = cards.compactMap(\.schedule.due).min().map { min($0, today) } ?? today
        var ids = IdAllocator()
        let decks = deckNames(cards.map(\.deck)).map { AnkiDeck(id: ids.take(seed: "deck\n" + $0), name: $0) }
        let deckIds = Dictionary(uniqueKeysWithValues: decks.map { ($0.name, $0.id) })
        var notes: [AnkiNote] = []
        var position = 0
        for card in cards {
            let deckId = deckIds[ankiName(card.deck)] ?? 1
            var type = AnkiNoteType.basic
            var fields = [AnkiHTML.fromMarkdown(card.front), AnkiHTML.fromMarkdown(card.back)]
            if card.kind == .cloze, let text = ClozeAnswer.clozeText(front: card.front, back: card.back) {
                type = .cloze
                fields = [AnkiHTML.fromMarkdown(text), ""]
            }
            if card.schedule.isNew { position += 1 }
            notes.append(AnkiNote(
                id: ids.take(seed: "note\n" + card.key), guid: guid(forKey: card.key), type: type, fields: fields,
                tags: card.topics,
                cards: [ankiCard(card, id: ids.take(seed: "card\n" + card.key), deckId: deckId, created: created,
                                 position: position, reps: reviewCounts[card.id])]))
        }
        return AnkiCollection(created: created, decks: decks, notes: notes)
    }

    static func ankiCard(_ card: CardInfo, id: Int64, deckId: Int64, created: Day, position: Int, reps: Int?) -> AnkiCard {
        let state = card.schedule
        let suspended = card.status == .suspended
        guard let due = state.due else {
            return AnkiCard(
                id: id, deckId: deckId, isNew: true, queue: suspended ? .suspended : .new, due: position, interval: 0,
                factor: 0, reps: 0, lapses: 0)
        }
        return AnkiCard(
            id: id, deckId: deckId, isNew: false, queue: suspended ? .suspended : .review, due: due - created,
            interval: max(1, state.interval), factor: state.ease * 10, reps: max(reps ?? 0, state.repetitions),
            lapses: state.lapses)
    }

    /// `recsys/retrieval` becomes `recsys::retrieval`.
    public static func ankiName(_ deck: String) -> String {
        deck.split(separator: "/").joined(separator: "::")
    }

    /// Every deck's Anki name and those of its parents (Anki wants a parent before its children).
    static func deckNames(_ decks: [String]) -> [String] {
        var names: Set<String> = []
        for deck in decks {
            let parts = ankiName(deck).components(separatedBy: "::")
            for depth in 1...max(1, parts.count) { names.insert(parts.prefix(depth).joined(separator: "::")) }
        }
        return names.sorted()
    }

    /// A GUID in Anki's own style (base 91 digits of a 64-bit number), here the number being
    /// the card's content key, so it is stable for as long as the card is.
    public static func guid(forKey key: String) -> String {
        var value = UInt64(key, radix: 16) ?? ContentKey.fnv1a64(key)
        let digits = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~")
        var output = ""
        repeat {
            output.append(digits[Int(value % 91)])
            value /= 91
        } while value > 0
        return String(output.reversed())
    }

    /// Ids that look like Anki's (milliseconds since 1970, here between 2001 and 2033), derived
    /// from a seed and moved on by one in the rare case of a clash.
    struct IdAllocator {
        private var used: Set<Int64> = []

        mutating func take(seed: String) -> Int64 {
            var id = 1_000_000_000_000 + Int64(ContentKey.fnv1a64(seed) % 1_000_000_000_000)
            while !used.insert(id).inserted { id += 1 }
            return id
        }
    }
}
