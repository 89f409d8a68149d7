import Testing

@testable import StudyKit

@Suite struct SM2Tests {
    struct Sequence: Sendable, CustomTestStringConvertible {
        var grades: [Int]
        var intervals: [Int]
        var eases: [Int]
        var testDescription: String { grades.map(String.init).joined(separator: ",") }
    }

    /// The worked sequences of issue 3, card reviewed on its due day each time.
    static let sequences: [Sequence] = [
        Sequence(grades: [5, 5, 5, 5, 5], intervals: [1, 6, 17, 50, 150], eases: [260, 270, 280, 290, 300]),
        Sequence(grades: [3, 3, 3, 3, 3], intervals: [1, 6, 13, 26, 47], eases: [236, 222, 208, 194, 180]),
        Sequence(
            grades: [4, 4, 4, 1, 4, 4, 4], intervals: [1, 6, 15, 1, 1, 6, 15],
            eases: [250, 250, 250, 250, 250, 250, 250]),
    ]

    @Test(arguments: sequences)
    func workedSequence(_ sequence: Sequence) throws {
        let start = try #require(Day("2026-01-01"))
        var state = ScheduleState.new
        var day = start
        for (step, raw) in sequence.grades.enumerated() {
            let grade = try #require(Grade(rawValue: raw))
            state = SM2.next(state, grade: grade, on: day)
            #expect(state.interval == sequence.intervals[step], "step \(step + 1)")
            #expect(state.ease == sequence.eases[step], "step \(step + 1)")
            #expect(state.due == day + state.interval)
            #expect(state.lastDay == day)
            day = day + state.interval
        }
    }

    @Test func lapseCountsOnlyAfterARecall() throws {
        let day = try #require(Day("2026-01-01"))
        let failedNew = SM2.next(.new, grade: .blackout, on: day)
        #expect(failedNew.lapses == 0)
        #expect(failedNew.repetitions == 0)
        #expect(failedNew.interval == 1)
        #expect(failedNew.ease == 250)
        let learnt = SM2.next(failedNew, grade: .good, on: day + 1)
        let lapsed = SM2.next(learnt, grade: .wrongButEasy, on: day + 2)
        #expect(lapsed.lapses == 1)
        #expect(lapsed.repetitions == 0)
        #expect(lapsed.due == day + 3)
    }

    @Test(arguments: [(Grade.perfect, 10), (.good, 0), (.hard, -14)])
    func easeChange(grade: Grade, hundredths: Int) {
        #expect(SM2.easeChange(for: grade) == hundredths)
    }

    @Test func easeFloorAndLateReview() throws {
        let day = try #require(Day("2026-01-01"))
        var state = ScheduleState(repetitions: 5, ease: 135, interval: 20, due: day, lapses: 0)
        state = SM2.next(state, grade: .hard, on: day + 9)
        #expect(state.ease == SM2.minimumEase)
        #expect(state.interval == 26)  // ceil(20 × 1.30)
        #expect(state.due == day + 9 + 26)  // scheduled from the late review day
    }

    @Test func leechAfterEightLapses() throws {
        var day = try #require(Day("2026-01-01"))
        var state = ScheduleState.new
        for _ in 0..<SM2.leechLapses {
            #expect(!state.isLeech)
            state = SM2.next(state, grade: .perfect, on: day)
            day = day + 1
            state = SM2.next(state, grade: .blackout, on: day)
        }
        #expect(state.lapses == 8)
        #expect(state.isLeech)
    }

    /// Over random grade sequences: EF never below 1.30, intervals never shrink while q >= 3,
    /// n resets only when q < 3.
    @Test func propertiesOverRandomSequences() throws {
        var random = CardTestRandom(seed: 2026)
        let start = try #require(Day("2026-01-01"))
        for _ in 0..<2_000 {
            var state = ScheduleState.new
            var day = start
            var previousGrade: Grade?
            for _ in 0..<Int(random.next() % 30) + 1 {
                let grade = try #require(Grade(rawValue: Int(random.next() % 6)))
                let next = SM2.next(state, grade: grade, on: day)
                #expect(next.ease >= SM2.minimumEase)
                #expect(next.interval >= 1)
                #expect(next.due == day + next.interval)
                if grade.isCorrect {
                    #expect(next.repetitions == state.repetitions + 1)
                    if let previousGrade, previousGrade.isCorrect { #expect(next.interval >= state.interval) }
                    #expect(next.lapses == state.lapses)
                } else {
                    #expect(next.repetitions == 0)
                    #expect(next.ease == state.ease)
                    #expect(next.lapses == state.lapses + (state.repetitions >= 1 ? 1 : 0))
                }
                state = next
                previousGrade = grade
                day = day + Int(random.next() % UInt64(next.interval + 3))
            }
        }
    }
}

/// SplitMix64: a tiny seeded generator so the property test repeats exactly.
struct CardTestRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49eb_133b_111f
        return z ^ (z >> 31)
    }
}
