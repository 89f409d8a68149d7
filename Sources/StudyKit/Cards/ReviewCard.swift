/// A card as the review session sees it: an id, its schedule and what ordering needs.
public struct ReviewCard: Sendable, Equatable {
    public var id: Int64
    public var schedule: ScheduleState
    /// Cards sharing a group are siblings: only one of them is reviewed per day.
    public var siblingGroup: String?
    /// File and position, for "new cards in source order".
    public var path: String
    public var ordinal: Int

    public init(
        id: Int64, schedule: ScheduleState = .new, siblingGroup: String? = nil, path: String = "", ordinal: Int = 0
    ) {
        self.id = id
        self.schedule = schedule
        self.siblingGroup = siblingGroup
        self.path = path
        self.ordinal = ordinal
    }
}

/// What one grade in a session means for the store.
public struct ReviewOutcome: Sendable, Equatable {
    public var cardId: Int64
    public var grade: Grade
    /// Time spent on the card, as measured by the caller.
    public var seconds: Double
    /// True for a re-ask at the end of the session: logged, but the schedule stays `before`.
    public var isDrill: Bool
    /// The schedule before the grade (the review log's `prev*` columns; what `undo` restores).
    public var before: ScheduleState
    /// The schedule to store; equal to `before` for a drill.
    public var after: ScheduleState
    /// True when this grade gave the card its eighth lapse.
    public var becameLeech: Bool
    /// True when the card will be asked again at the end of the session (graded below 4).
    public var willRepeat: Bool

    public init(
        cardId: Int64, grade: Grade, seconds: Double, isDrill: Bool, before: ScheduleState, after: ScheduleState,
        becameLeech: Bool, willRepeat: Bool
    ) {
        self.cardId = cardId
        self.grade = grade
        self.seconds = seconds
        self.isDrill = isDrill
        self.before = before
        self.after = after
        self.becameLeech = becameLeech
        self.willRepeat = willRepeat
    }
}

/// The figures shown when a session ends; "due tomorrow" comes from the store.
public struct ReviewSummary: Sendable, Equatable {
    /// Cards graded for their schedule (drills not counted).
    public var reviewed = 0
    /// Of those, how many were recalled (grade 3 or more).
    public var correct = 0
    /// Of those, how many were new cards.
    public var newCards = 0
    /// Re-asks at the end of the session.
    public var drills = 0
    /// Cards skipped: they stay due for the next session.
    public var skipped = 0
    /// Time over all grades, drills included.
    public var seconds: Double = 0
    /// Cards that became leeches in this session.
    public var leeches: [Int64] = []

    public init() {}
}
