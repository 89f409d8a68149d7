import Foundation
import GRDB

/// A card with everything the review screen and `kb cards` show.
public struct CardInfo: Sendable, Equatable {
    public var id: Int64
    public var key: String
    public var kind: CardKind
    public var front: String
    public var back: String
    public var deck: String
    public var path: String
    public var line: Int
    public var ordinal: Int
    public var siblingGroup: String?
    public var topics: [String]
    public var status: StoredCard.Status
    public var schedule: ScheduleState

    /// What `kb cards` calls the status: new, review, suspended or retired.
    public var displayStatus: String {
        switch status {
        case .suspended: return "suspended"
        case .retired: return "retired"
        case .active: return schedule.isNew ? "new" : "review"
        }
    }
}

/// Which cards a command works on.
public struct CardFilter: Sendable, Equatable {
    public var topics: [String] = []
    /// Deck names; a name also selects the decks below it (`recsys` selects `recsys/retrieval`).
    public var decks: [String] = []
    public init(topics: [String] = [], decks: [String] = []) {
        self.topics = Topic.normalise(topics)
        self.decks = decks
    }

    /// SQL conditions on `card` and their arguments.
    func sql() -> (String, StatementArguments) {
        var sql = ""
        var arguments: StatementArguments = []
        for topic in topics {
            sql += " AND card.id IN (SELECT cardId FROM cardTopic WHERE name = ?)"
            _ = arguments.append(contentsOf: [topic])
        }
        if !decks.isEmpty {
            let clauses = decks.map { _ in "(card.deck = ? OR card.deck LIKE ? ESCAPE '\\')" }
            sql += " AND (" + clauses.joined(separator: " OR ") + ")"
            for deck in decks {
                let escaped = deck.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                    .replacingOccurrences(of: "_", with: "\\_")
                _ = arguments.append(contentsOf: [deck, escaped + "/%"])
            }
        }
        return (sql, arguments)
    }
}

extension AppDatabase {
    static let cardColumns = """
        card.id, card.key, card.kind, card.front, card.back, card.deck, card.path, card.line, card.ordinal,
        card.siblingGroup, card.status, schedule.repetitions, schedule.ease, schedule.interval, schedule.due,
        schedule.lapses, schedule.lastDay,
        (SELECT group_concat(name, ' ') FROM (SELECT name FROM cardTopic WHERE cardId = card.id ORDER BY name)) AS topics
        """

    static func cardInfo(_ row: Row) -> CardInfo {
        let due: Int? = row["due"]
        let last: Int? = row["lastDay"]
        let topics: String? = row["topics"]
        return CardInfo(
            id: row["id"], key: row["key"], kind: CardKind(rawValue: row["kind"]) ?? .basic, front: row["front"],
            back: row["back"], deck: row["deck"], path: row["path"], line: row["line"], ordinal: row["ordinal"],
            siblingGroup: row["siblingGroup"], topics: topics?.split(separator: " ").map(String.init) ?? [],
            status: StoredCard.Status(rawValue: row["status"]) ?? .active,
            schedule: ScheduleState(
                repetitions: row["repetitions"], ease: row["ease"], interval: row["interval"],
                due: due.map { Day(daysSinceEpoch: $0) }, lapses: row["lapses"],
                lastDay: last.map { Day(daysSinceEpoch: $0) }))
    }

    /// Everything a review session on `today` needs: due cards, the first new cards in source
    /// order (enough to fill `newLimit` past siblings), new cards already seen today, and the
    /// sibling groups reviewed today. Only what ordering needs is read; the text of a card is
    /// read when it is shown (`card(id:)`), so the first card appears fast on a large collection.
    public func reviewQueue(today: Day, filter: CardFilter, newLimit: Int) throws -> (cards: [ReviewCard], newSeenToday: Int, siblingsToday: Set<String>) {
        try read { db in
            let (condition, arguments) = filter.sql()
            let columns = """
                card.id, card.siblingGroup, card.path, card.ordinal, schedule.repetitions, schedule.ease,
                schedule.interval, schedule.due, schedule.lapses, schedule.lastDay
                """
            let due = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(columns) FROM schedule CROSS JOIN card ON card.id = schedule.cardId
                    WHERE schedule.due <= ? AND card.status = 'active' \(condition)
                    ORDER BY schedule.due, card.id
                    """,
                arguments: [today.daysSinceEpoch] + arguments
            ).map(Self.reviewCard)
            let newSeen = try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(DISTINCT cardId) FROM review WHERE day = ? AND NOT isDrill AND prevDue IS NULL
                    """,
                arguments: [today.daysSinceEpoch]) ?? 0
            let fetchNew = max(0, newLimit - newSeen) * 4 + 50
            let new = newLimit - newSeen <= 0 ? [] : try Row.fetchAll(
                db,
                sql: """
                    SELECT \(columns) FROM schedule CROSS JOIN card ON card.id = schedule.cardId
                    WHERE schedule.due IS NULL AND card.status = 'active' \(condition)
                    ORDER BY card.path, card.ordinal, card.id LIMIT ?
                    """,
                arguments: arguments + [fetchNew]
            ).map(Self.reviewCard)
            let groups = try String.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT card.siblingGroup FROM review JOIN card ON card.id = review.cardId
                    WHERE review.day = ? AND card.siblingGroup IS NOT NULL
                    """,
                arguments: [today.daysSinceEpoch])
            return (due + new, newSeen, Set(groups))
        }
    }

    /// Decodes the queue's columns by position (faster than by name over thousands of rows).
    private static func reviewCard(_ row: Row) -> ReviewCard {
        let due: Int? = row[7]
        let last: Int? = row[9]
        return ReviewCard(
            id: row[0],
            schedule: ScheduleState(
                repetitions: row[4], ease: row[5], interval: row[6], due: due.map { Day(daysSinceEpoch: $0) },
                lapses: row[8], lastDay: last.map { Day(daysSinceEpoch: $0) }),
            siblingGroup: row[1], path: row[2], ordinal: row[3])
    }

    /// Commits one grade in its own transaction: the review log row and, unless it is a drill,
    /// the card's new schedule. Returns the review's id (for undo).
    @discardableResult
    public func recordReview(_ outcome: ReviewOutcome, day: Day, at date: Date = Date()) throws -> Int64 {
        try write { db in
            try insertReview(db, outcome, day: day, at: date)
            let id = db.lastInsertedRowID
            if !outcome.isDrill { try saveSchedule(db, card: outcome.cardId, outcome.after) }
            return id
        }
    }

    /// Reverts one committed grade: deletes its log row and restores the schedule it replaced.
    public func undoReview(id: Int64, outcome: ReviewOutcome) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM review WHERE id = ?", arguments: [id])
            if !outcome.isDrill { try saveSchedule(db, card: outcome.cardId, outcome.before) }
        }
    }

    /// Appends one row to the review log, with the schedule it replaces (for undo and stats).
    func insertReview(_ db: Database, _ outcome: ReviewOutcome, day: Day, at date: Date) throws {
        let before = outcome.before
        try db.run(
            sql: """
                INSERT INTO review (cardId, day, reviewedAt, grade, seconds, isDrill, prevRepetitions, prevEase,
                    prevInterval, prevDue, prevLapses, prevLastDay)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                outcome.cardId, day.daysSinceEpoch, date.timeIntervalSince1970, outcome.grade.rawValue,
                outcome.seconds, outcome.isDrill, before.repetitions, before.ease, before.interval,
                before.due?.daysSinceEpoch, before.lapses, before.lastDay?.daysSinceEpoch,
            ])
    }

    func saveSchedule(_ db: Database, card: Int64, _ state: ScheduleState) throws {
        try db.run(
            sql: "UPDATE schedule SET repetitions = ?, ease = ?, interval = ?, due = ?, lapses = ?, lastDay = ? WHERE cardId = ?",
            arguments: [
                state.repetitions, state.ease, state.interval, state.due?.daysSinceEpoch, state.lapses,
                state.lastDay?.daysSinceEpoch, card,
            ])
    }

    /// Cards matching the filter; active ones unless `includeRetired`.
    public func cards(filter: CardFilter = CardFilter(), includeRetired: Bool = false, limit: Int? = nil) throws -> [CardInfo] {
        try read { db in
            let (condition, arguments) = filter.sql()
            let status = includeRetired ? "" : " AND card.status != 'retired'"
            let limitSQL = limit.map { " LIMIT \($0)" } ?? ""
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.cardColumns) FROM card JOIN schedule ON schedule.cardId = card.id
                    WHERE 1 \(status) \(condition) ORDER BY card.deck, card.path, card.ordinal, card.id\(limitSQL)
                    """,
                arguments: arguments
            ).map(Self.cardInfo)
        }
    }

    /// One card by id, whatever its status.
    public func card(id: Int64) throws -> CardInfo? {
        try read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT \(Self.cardColumns) FROM card JOIN schedule ON schedule.cardId = card.id WHERE card.id = ?",
                arguments: [id]
            ).map(Self.cardInfo)
        }
    }

    /// Suspends or unsuspends a card; returns false when there is no active or suspended card with that id.
    public func setSuspended(_ suspended: Bool, card id: Int64) throws -> Bool {
        try write { db in
            try db.execute(
                sql: "UPDATE card SET status = ? WHERE id = ? AND status != 'retired'",
                arguments: [suspended ? "suspended" : "active", id])
            return db.changesCount > 0
        }
    }
}

extension AppDatabase {
    /// Commits many grades of one day in a single transaction. Only for building benchmark and
    /// test histories quickly: a real session commits each grade on its own (`recordReview`).
    public func recordReviews(_ outcomes: [ReviewOutcome], day: Day, at date: Date = Date()) throws {
        try write { db in
            for outcome in outcomes {
                try insertReview(db, outcome, day: day, at: date)
                if !outcome.isDrill { try saveSchedule(db, card: outcome.cardId, outcome.after) }
            }
        }
    }
}
