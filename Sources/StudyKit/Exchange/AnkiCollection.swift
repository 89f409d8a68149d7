/// An Anki collection as plain values: what `kb export anki` writes and the tests read back.
///
/// Field names follow Anki's schema 11 (`col`, `notes`, `cards`), whose meaning is documented
/// at https://github.com/ankidroid/Anki-Android/wiki/Database-Structure ; the SQLite side lives
/// in `Store/AnkiCollectionFile.swift`.
public struct AnkiCollection: Sendable, Equatable {
    /// The collection's creation day (`col.crt`): review cards' `due` counts days from it.
    public var created: Day
    public var decks: [AnkiDeck]
    public var notes: [AnkiNote]

    public init(created: Day, decks: [AnkiDeck], notes: [AnkiNote]) {
        self.created = created
        self.decks = decks
        self.notes = notes
    }
}

public struct AnkiDeck: Sendable, Equatable {
    public var id: Int64
    /// Anki's full name, levels joined by `::`.
    public var name: String

    public init(id: Int64, name: String) {
        self.id = id
        self.name = name
    }
}

/// The two note types kb writes (and Anki ships): front/back, and cloze text.
public enum AnkiNoteType: Int64, Sendable, Equatable, CaseIterable {
    case basic = 1_700_000_000_001
    case cloze = 1_700_000_000_002

    public var name: String { self == .basic ? "Basic (kb)" : "Cloze (kb)" }
    public var fieldNames: [String] { self == .basic ? ["Front", "Back"] : ["Text", "Back Extra"] }
}

public struct AnkiNote: Sendable, Equatable {
    public var id: Int64
    /// Anki matches notes on import by GUID: the same GUID updates a note instead of adding one.
    public var guid: String
    public var type: AnkiNoteType
    /// HTML of each field, in the note type's order.
    public var fields: [String]
    public var tags: [String]
    public var cards: [AnkiCard]

    public init(id: Int64, guid: String, type: AnkiNoteType, fields: [String], tags: [String], cards: [AnkiCard]) {
        self.id = id
        self.guid = guid
        self.type = type
        self.fields = fields
        self.tags = tags
        self.cards = cards
    }
}

/// One Anki card with its scheduling state in Anki's terms.
public struct AnkiCard: Sendable, Equatable {
    /// Anki's card type (0 new, 2 review) and queue (0 new, 2 review, -1 suspended).
    public enum Queue: Int, Sendable, Equatable {
        case suspended = -1
        case new = 0
        case review = 2
    }

    public var id: Int64
    public var deckId: Int64
    /// Template (basic) or cloze number minus one.
    public var ordinal: Int
    public var isNew: Bool
    public var queue: Queue
    /// A new card: its position in the new queue. A review card: days since `created`.
    public var due: Int
    public var interval: Int
    /// Ease in permille (2.50 = 2500); 0 for a new card, as Anki writes it.
    public var factor: Int
    public var reps: Int
    public var lapses: Int

    public init(
        id: Int64, deckId: Int64, ordinal: Int = 0, isNew: Bool, queue: Queue, due: Int, interval: Int, factor: Int,
        reps: Int, lapses: Int
    ) {
        self.id = id
        self.deckId = deckId
        self.ordinal = ordinal
        self.isNew = isNew
        self.queue = queue
        self.due = due
        self.interval = interval
        self.factor = factor
        self.reps = reps
        self.lapses = lapses
    }
}
