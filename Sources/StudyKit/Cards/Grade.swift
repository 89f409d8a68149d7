/// An answer's grade, 0-5, as SM-2 defines it (DESIGN.md 6.2).
///
/// A typed grade keeps "is this a valid grade?" at the edge (the key the user pressed) instead of
/// inside the scheduler, which then never has to reject or clamp a number.
public enum Grade: Int, Sendable, Equatable, Comparable, Codable, CaseIterable {
    /// Complete blackout.
    case blackout = 0
    /// Wrong; the answer was remembered once seen.
    case wrong = 1
    /// Wrong, but the answer seemed easy to recall once seen.
    case wrongButEasy = 2
    /// Correct with serious difficulty.
    case hard = 3
    /// Correct after hesitation.
    case good = 4
    /// Perfect recall.
    case perfect = 5

    /// Grades from 3 up count as recalled: the card moves on instead of starting over.
    public var isCorrect: Bool { rawValue >= SM2.passingGrade }

    /// Grades from 4 up end a drill (DESIGN.md 6.6).
    public var endsDrill: Bool { rawValue >= SM2.drillPassingGrade }

    /// One line for the review screen's legend.
    public static let legend = "0 blackout · 1 wrong · 2 wrong, easy once seen · 3 hard · 4 good · 5 perfect"

    public static func < (lhs: Grade, rhs: Grade) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
