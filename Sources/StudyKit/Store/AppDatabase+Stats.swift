import Foundation
import GRDB

/// Due and new counts for one deck or topic.
public struct DueCount: Sendable, Codable, Equatable {
    public var name: String
    public var due: Int
    public var new: Int
}

/// What `kb today` shows.
public struct TodayOverview: Sendable {
    public var day: Day
    public var due: Int
    /// New cards the session would show today (after the daily limit); per deck and topic the
    /// counts are of all unseen cards.
    public var new: Int
    public var byDeck: [DueCount]
    public var byTopic: [DueCount]
    /// Consecutive study days ending today (or yesterday, when nothing was reviewed yet today).
    public var streak: Int
    public var reviewedToday: Int
    /// Cards falling due on each of the next 7 days (today excluded).
    public var nextDays: [(day: Day, due: Int)]
}

/// What `kb stats` shows.
public struct StudyStats: Sendable {
    /// Reviews (drills included) per day over the window, oldest first.
    public var reviewsPerDay: [Int]
    public var firstDay: Day
    /// Cards due on each of the next 30 days, today (with overdue cards) first.
    public var forecast: [Int]
    /// Share of reviews of already-learned cards recalled (grade >= 3) in the last 30 days.
    public var retention: Double?
    public var retentionReviews: Int
    public var totalReviews: Int
    public var hardest: [CardInfo]
    public var leeches: [CardInfo]
    public var counts: (new: Int, review: Int, suspended: Int, retired: Int)
}

extension AppDatabase {
    public func todayOverview(today: Day, filter: CardFilter = CardFilter(), newLimit: Int = ReviewSession.defaultNewLimit) throws -> TodayOverview {
        try read { db in
            let (condition, arguments) = filter.sql()
            let dayArg = today.daysSinceEpoch
            let newSeen = try Int.fetchOne(
                db, sql: "SELECT COUNT(DISTINCT cardId) FROM review WHERE day = ? AND NOT isDrill AND prevDue IS NULL",
                arguments: [dayArg]) ?? 0
            let newLeft = max(0, newLimit - newSeen)
            // Driven by the index on schedule.due: only due and new cards are read, not the
            // whole collection (a year of study leaves most cards far in the future). CROSS JOIN
            // keeps SQLite from starting at the card table instead.
            let pending = """
                WITH pending AS (
                    SELECT cardId, due FROM schedule WHERE due <= ?
                    UNION ALL SELECT cardId, due FROM schedule WHERE due IS NULL
                )
                """
            let deckRows = try Row.fetchAll(
                db,
                sql: """
                    \(pending)
                    SELECT card.deck AS name, SUM(pending.due IS NOT NULL) AS due, SUM(pending.due IS NULL) AS new
                    FROM pending CROSS JOIN card ON card.id = pending.cardId
                    WHERE card.status = 'active' \(condition) GROUP BY card.deck ORDER BY card.deck
                    """,
                arguments: [dayArg] + arguments)
            let decks = deckRows.map { DueCount(name: $0["name"], due: $0["due"] ?? 0, new: $0["new"] ?? 0) }
            let byDeck = decks.filter { $0.due + $0.new > 0 }
            let topicRows = try Row.fetchAll(
                db,
                sql: """
                    \(pending)
                    SELECT cardTopic.name AS name, SUM(pending.due IS NOT NULL) AS due, SUM(pending.due IS NULL) AS new
                    FROM pending CROSS JOIN card ON card.id = pending.cardId CROSS JOIN cardTopic ON cardTopic.cardId = card.id
                    WHERE card.status = 'active' \(condition) GROUP BY cardTopic.name ORDER BY cardTopic.name
                    """,
                arguments: [dayArg] + arguments)
            let byTopic = topicRows.map { DueCount(name: $0["name"], due: $0["due"] ?? 0, new: $0["new"] ?? 0) }
                .filter { $0.due + $0.new > 0 }
            let due = decks.reduce(0) { $0 + $1.due }
            let newAvailable = decks.reduce(0) { $0 + $1.new }
            var nextDays: [(Day, Int)] = []
            var byDay: [Int: Int] = [:]
            if condition.isEmpty {
                // Without a filter the due index alone counts the week; the few suspended or retired
                // cards in that window are taken off afterwards.
                for row in try Row.fetchAll(
                    db, sql: "SELECT due AS day, COUNT(*) AS n FROM schedule WHERE due > ? AND due <= ? GROUP BY due",
                    arguments: [dayArg, dayArg + 7])
                {
                    byDay[row["day"]] = row["n"]
                }
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT schedule.due AS day, COUNT(*) AS n FROM card CROSS JOIN schedule ON schedule.cardId = card.id
                        WHERE card.status IN ('suspended', 'retired') AND schedule.due > ? AND schedule.due <= ?
                        GROUP BY schedule.due
                        """,
                    arguments: [dayArg, dayArg + 7])
                {
                    byDay[row["day"], default: 0] -= row["n"]
                }
            } else {
                let upcoming = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT schedule.due AS day, COUNT(*) AS n FROM schedule CROSS JOIN card ON card.id = schedule.cardId
                        WHERE schedule.due > ? AND schedule.due <= ? AND card.status = 'active' \(condition) GROUP BY schedule.due
                        """,
                    arguments: [dayArg, dayArg + 7] + arguments)
                for row in upcoming { byDay[row["day"]] = row["n"] }
            }
            for offset in 1...7 { nextDays.append((today + offset, byDay[dayArg + offset] ?? 0)) }
            let reviewedToday = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM review WHERE day = ? AND NOT isDrill", arguments: [dayArg]) ?? 0
            return TodayOverview(
                day: today, due: due, new: min(newAvailable, newLeft), byDeck: byDeck, byTopic: byTopic,
                streak: try streak(db, today: today), reviewedToday: reviewedToday, nextDays: nextDays)
        }
    }

    /// Consecutive days with a review, ending today (or yesterday when today has none yet).
    /// One indexed lookup per day, so a long history costs nothing.
    private func streak(_ db: Database, today: Day) throws -> Int {
        let statement = try db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM review WHERE day = ?)")
        func studied(_ day: Int) throws -> Bool { try Bool.fetchOne(statement, arguments: [day]) ?? false }
        var day = try studied(today.daysSinceEpoch) ? today.daysSinceEpoch : today.daysSinceEpoch - 1
        var count = 0
        while try studied(day) {
            count += 1
            day -= 1
        }
        return count
    }

    public func stats(today: Day, filter: CardFilter = CardFilter(), weeks: Int = 16) throws -> StudyStats {
        try read { db in
            let (condition, arguments) = filter.sql()
            let dayArg = today.daysSinceEpoch
            let firstDay = today - (weeks * 7 - 1)
            var perDay = Array(repeating: 0, count: weeks * 7)
            let reviewRows = try Row.fetchAll(
                db,
                sql: """
                    SELECT review.day AS day, COUNT(*) AS n FROM review JOIN card ON card.id = review.cardId
                    WHERE review.day >= ? AND review.day <= ? \(condition) GROUP BY review.day
                    """,
                arguments: [firstDay.daysSinceEpoch, dayArg] + arguments)
            for row in reviewRows {
                let index = (row["day"] as Int) - firstDay.daysSinceEpoch
                if perDay.indices.contains(index) { perDay[index] = row["n"] }
            }
            var forecast = Array(repeating: 0, count: 30)
            let forecastRows = try Row.fetchAll(
                db,
                sql: """
                    SELECT MAX(schedule.due, ?) AS day, COUNT(*) AS n FROM card JOIN schedule ON schedule.cardId = card.id
                    WHERE card.status = 'active' AND schedule.due IS NOT NULL AND schedule.due < ? \(condition)
                    GROUP BY MAX(schedule.due, ?)
                    """,
                arguments: [dayArg, dayArg + 30] + arguments + [dayArg])
            for row in forecastRows {
                let index = (row["day"] as Int) - dayArg
                if forecast.indices.contains(index) { forecast[index] = row["n"] }
            }
            let retentionRow = try Row.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) AS n, SUM(review.grade >= 3) AS ok FROM review JOIN card ON card.id = review.cardId
                    WHERE NOT review.isDrill AND review.prevRepetitions > 0 AND review.day > ? \(condition)
                    """,
                arguments: [dayArg - 30] + arguments)
            let retentionReviews: Int = retentionRow?["n"] ?? 0
            let recalled: Int = retentionRow?["ok"] ?? 0
            let total = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM review JOIN card ON card.id = review.cardId WHERE 1 \(condition)",
                arguments: arguments) ?? 0
            let base = "SELECT \(Self.cardColumns) FROM card JOIN schedule ON schedule.cardId = card.id"
            let hardest = try Row.fetchAll(
                db,
                sql: """
                    \(base) WHERE card.status != 'retired' AND schedule.due IS NOT NULL \(condition)
                    AND (schedule.lapses > 0 OR schedule.ease < 250)
                    ORDER BY schedule.lapses DESC, schedule.ease, card.id LIMIT 5
                    """,
                arguments: arguments
            ).map(Self.cardInfo)
            let leeches = try Row.fetchAll(
                db,
                sql: "\(base) WHERE card.status != 'retired' AND schedule.lapses >= ? \(condition) ORDER BY schedule.lapses DESC, card.id",
                arguments: [SM2.leechLapses] + arguments
            ).map(Self.cardInfo)
            let statusRow = try Row.fetchOne(
                db,
                sql: """
                    SELECT SUM(card.status = 'active' AND schedule.due IS NULL) AS new,
                        SUM(card.status = 'active' AND schedule.due IS NOT NULL) AS review,
                        SUM(card.status = 'suspended') AS suspended, SUM(card.status = 'retired') AS retired
                    FROM card JOIN schedule ON schedule.cardId = card.id WHERE 1 \(condition)
                    """,
                arguments: arguments)
            return StudyStats(
                reviewsPerDay: perDay, firstDay: firstDay, forecast: forecast,
                retention: retentionReviews > 0 ? Double(recalled) / Double(retentionReviews) : nil,
                retentionReviews: retentionReviews, totalReviews: total, hardest: hardest, leeches: leeches,
                counts: (statusRow?["new"] ?? 0, statusRow?["review"] ?? 0, statusRow?["suspended"] ?? 0, statusRow?["retired"] ?? 0))
        }
    }

    /// Cards due tomorrow (for the end-of-session summary).
    public func dueCount(on day: Day, filter: CardFilter = CardFilter()) throws -> Int {
        try read { db in
            let (condition, arguments) = filter.sql()
            return try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM schedule CROSS JOIN card ON card.id = schedule.cardId
                    WHERE schedule.due <= ? AND card.status = 'active' \(condition)
                    """,
                arguments: [day.daysSinceEpoch] + arguments) ?? 0
        }
    }
}
