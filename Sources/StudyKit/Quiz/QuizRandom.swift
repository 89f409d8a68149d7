/// Shuffling and drawing for quizzes with any seeded generator (`kb` passes a SplitMix64).
///
/// The standard library's `shuffled(using:)` does not promise the same order across Swift
/// releases; a quiz replayed with `--seed` must, so the Fisher-Yates steps are spelled out here.
public enum QuizRandom {
    /// Uniform in 0..<bound from the high half of a full-width multiply (Lemire).
    public static func index<R: RandomNumberGenerator>(below bound: Int, using random: inout R) -> Int {
        guard bound > 1 else { return 0 }
        return Int(random.next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    public static func shuffled<T, R: RandomNumberGenerator>(_ items: [T], using random: inout R) -> [T] {
        var items = items
        var i = items.count - 1
        while i > 0 {
            items.swapAt(i, index(below: i + 1, using: &random))
            i -= 1
        }
        return items
    }

    /// The default seed of a day's quiz: the same all day, different the next.
    public static func seed(for day: Day) -> UInt64 {
        UInt64(bitPattern: Int64(day.daysSinceEpoch))
    }
}
