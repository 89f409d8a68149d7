/// The SM-2 state of one card, as plain values (DESIGN.md 6).
///
/// The ease is kept in integer hundredths (250 = 2.50) so that every step is exact and a schedule
/// computed today equals the one a test computes by hand.
public struct ScheduleState: Sendable, Hashable, Codable {
    /// Successful repetitions in a row (n); 0 for a new or lapsed card.
    public var repetitions: Int
    /// Ease factor in hundredths (EF × 100), never below `SM2.minimumEase`.
    public var ease: Int
    /// The current interval in days (I); 0 for a card never reviewed.
    public var interval: Int
    /// The day the card is next due; nil for a card never reviewed.
    public var due: Day?
    /// How often the card was forgotten after having been recalled at least once.
    public var lapses: Int
    /// The day of the last scheduling review; nil for a card never reviewed.
    public var lastDay: Day?

    public init(repetitions: Int, ease: Int, interval: Int, due: Day?, lapses: Int, lastDay: Day? = nil) {
        self.repetitions = repetitions
        self.ease = ease
        self.interval = interval
        self.due = due
        self.lapses = lapses
        self.lastDay = lastDay
    }

    /// A card that was never reviewed (DESIGN.md 6.1).
    public static let new = ScheduleState(repetitions: 0, ease: SM2.initialEase, interval: 0, due: nil, lapses: 0)

    /// True for a card that was never reviewed.
    public var isNew: Bool { due == nil }

    /// The ease as a number (2.36) for display and JSON.
    public var easeFactor: Double { Double(ease) / 100 }

    /// True once the card has lapsed `SM2.leechLapses` times (DESIGN.md 6.7).
    public var isLeech: Bool { lapses >= SM2.leechLapses }

    /// Days past due on `today` (0 when due today, negative when not yet due, nil when new).
    public func daysOverdue(on today: Day) -> Int? {
        due.map { today - $0 }
    }
}
