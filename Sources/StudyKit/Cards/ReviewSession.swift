/// The daily review (DESIGN.md 6.6-6.8) as a pure state machine.
///
/// The session decides the order and the next schedule; the caller shows cards, measures time,
/// commits each returned `ReviewOutcome` in its own transaction and reverts what `undo` returns.
/// Nothing here reads a clock or touches the store, so months of reviews replay in a test.
public struct ReviewSession: Sendable {
    /// New cards per day unless `--new N` says otherwise.
    public static let defaultNewLimit = 20

    /// Cards left in the queue, by what they are.
    public struct Remaining: Sendable, Equatable {
        public var due = 0
        public var new = 0
        public var drills = 0
        public var total: Int { due + new + drills }
    }

    private enum Role: Sendable, Equatable {
        case due
        case new
        case drill
    }

    private struct Entry: Sendable, Equatable {
        var card: Int
        var role: Role
    }

    private struct Step: Sendable {
        var entry: Entry
        var outcome: ReviewOutcome
        var appendedDrill: Bool
        var summaryBefore: ReviewSummary
    }

    /// The study day the session schedules from.
    public let today: Day
    public private(set) var summary = ReviewSummary()
    private var cards: [ReviewCard]
    private var queue: [Entry]
    private var head = 0
    private var history: [Step] = []

    /// Builds the queue: due cards (due on or before `today`), most overdue first; then new
    /// cards in source order (path, then ordinal), at most `newLimit − newSeenToday`. A card
    /// whose sibling group is in `siblingGroupsReviewedToday`, or already has a card in the
    /// queue, waits for tomorrow. Cards due later are ignored; the caller leaves out suspended
    /// and retired ones.
    public init(
        today: Day, cards: [ReviewCard], newLimit: Int = ReviewSession.defaultNewLimit, newSeenToday: Int = 0,
        siblingGroupsReviewedToday: Set<String> = []
    ) {
        self.today = today
        let indexed = Array(cards.enumerated())
        let due = indexed.filter { $0.element.schedule.due.map { $0 <= today } ?? false }
            .sorted { a, b in
                let (dueA, dueB) = (a.element.schedule.due ?? today, b.element.schedule.due ?? today)
                return dueA != dueB ? dueA < dueB : a.offset < b.offset
            }
        let new = indexed.filter { $0.element.schedule.isNew }
            .sorted { a, b in
                (a.element.path, a.element.ordinal, a.offset) < (b.element.path, b.element.ordinal, b.offset)
            }
        var blocked = siblingGroupsReviewedToday
        var chosen: [ReviewCard] = []
        var queue: [Entry] = []
        var newLeft = max(0, newLimit - newSeenToday)
        for (role, list) in [(Role.due, due), (Role.new, new)] {
            for (_, card) in list {
                if role == .new && newLeft == 0 { break }
                if let group = card.siblingGroup {
                    guard blocked.insert(group).inserted else { continue }
                }
                if role == .new { newLeft -= 1 }
                queue.append(Entry(card: chosen.count, role: role))
                chosen.append(card)
            }
        }
        self.cards = chosen
        self.queue = queue
    }

    /// The card to show, with its current schedule; nil when the session is over.
    public var current: ReviewCard? {
        head < queue.count ? cards[queue[head].card] : nil
    }

    /// True when the current card is a re-ask whose grade changes no schedule.
    public var isDrill: Bool {
        head < queue.count && queue[head].role == .drill
    }

    public var isFinished: Bool { head >= queue.count }

    /// What is left, the current card included.
    public var remaining: Remaining {
        var remaining = Remaining()
        for entry in queue[head...] {
            switch entry.role {
            case .due: remaining.due += 1
            case .new: remaining.new += 1
            case .drill: remaining.drills += 1
            }
        }
        return remaining
    }

    /// Grades the current card and returns what to commit; nil when there is no current card.
    /// Below 4 the card is asked again at the end of the session (DESIGN.md 6.6).
    public mutating func grade(_ grade: Grade, seconds: Double) -> ReviewOutcome? {
        guard head < queue.count else { return nil }
        let entry = queue[head]
        let before = cards[entry.card].schedule
        let isDrill = entry.role == .drill
        let after = isDrill ? before : SM2.next(before, grade: grade, on: today)
        let outcome = ReviewOutcome(
            cardId: cards[entry.card].id, grade: grade, seconds: seconds, isDrill: isDrill, before: before,
            after: after, becameLeech: !before.isLeech && after.isLeech, willRepeat: !grade.endsDrill)
        history.append(Step(entry: entry, outcome: outcome, appendedDrill: outcome.willRepeat, summaryBefore: summary))
        cards[entry.card].schedule = after
        head += 1
        if outcome.willRepeat { queue.append(Entry(card: entry.card, role: .drill)) }
        summary.seconds += seconds
        if isDrill {
            summary.drills += 1
        } else {
            summary.reviewed += 1
            if grade.isCorrect { summary.correct += 1 }
            if entry.role == .new { summary.newCards += 1 }
            if outcome.becameLeech { summary.leeches.append(outcome.cardId) }
        }
        return outcome
    }

    /// Leaves the current card for another session: it is not asked again today and keeps its
    /// schedule (a skipped drill simply ends).
    public mutating func skip() {
        guard head < queue.count else { return }
        head += 1
        summary.skipped += 1
    }

    /// Takes back the last grade of the session: the card is current again with its old schedule.
    /// Returns the outcome to revert (restore `before`, delete its review row); nil when nothing
    /// was graded. Skips are not undone, but an undo after a skip still reaches the grade before.
    public mutating func undo() -> ReviewOutcome? {
        guard let step = history.popLast() else { return nil }
        if step.appendedDrill, queue.last == Entry(card: step.entry.card, role: .drill) { queue.removeLast() }
        head -= 1
        queue[head] = step.entry
        cards[step.entry.card].schedule = step.outcome.before
        let skipped = summary.skipped
        summary = step.summaryBefore
        summary.skipped = skipped
        return step.outcome
    }
}
