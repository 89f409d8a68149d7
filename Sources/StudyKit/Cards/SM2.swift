/// SM-2 (Wozniak, 1990) with the open points fixed as in DESIGN.md 6, as a pure function.
///
/// Source of the algorithm: https://super-memory.com/english/ol/sm2.htm . Everything is integer
/// arithmetic on hundredths, so `ceil(I × EF)` is `(I × EF₁₀₀ + 99) / 100` and 50 × 3.00 is
/// exactly 150. The review day is a parameter: the scheduler never reads a clock.
public enum SM2 {
    /// EF of a new card, in hundredths.
    public static let initialEase = 250
    /// EF never drops below 1.30.
    public static let minimumEase = 130
    /// Interval after the first successful repetition.
    public static let firstInterval = 1
    /// Interval after the second successful repetition.
    public static let secondInterval = 6
    /// Interval after a failed answer.
    public static let lapseInterval = 1
    /// Grades from this one up are successful repetitions.
    public static let passingGrade = 3
    /// Grades from this one up end an in-session drill.
    public static let drillPassingGrade = 4
    /// Lapses that make a card a leech.
    public static let leechLapses = 8

    /// The change of EF in hundredths for a passing grade: 100 × (0.1 − (5−q)(0.08 + (5−q)0.02)),
    /// i.e. +10, 0, −14 for q = 5, 4, 3.
    public static func easeChange(for grade: Grade) -> Int {
        let miss = 5 - grade.rawValue
        return 10 - miss * (8 + miss * 2)
    }

    /// The state after answering `grade` on `day`.
    ///
    /// Passing (q ≥ 3): EF changes first (floored at 1.30), then n += 1 and I becomes 1, 6, or
    /// ceil(I × EF) with the new EF. Failing (q < 3): n = 0, I = 1, EF unchanged, and a lapse if
    /// the card had been recalled before. Either way the card is due on `day + I`.
    public static func next(_ state: ScheduleState, grade: Grade, on day: Day) -> ScheduleState {
        var next = state
        if grade.isCorrect {
            next.ease = max(minimumEase, state.ease + easeChange(for: grade))
            next.repetitions = state.repetitions + 1
            switch next.repetitions {
            case 1: next.interval = firstInterval
            case 2: next.interval = secondInterval
            default: next.interval = (state.interval * next.ease + 99) / 100
            }
        } else {
            if state.repetitions >= 1 { next.lapses = state.lapses + 1 }
            next.repetitions = 0
            next.interval = lapseInterval
        }
        next.due = day + next.interval
        next.lastDay = day
        return next
    }
}
