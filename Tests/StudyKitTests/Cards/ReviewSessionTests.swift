import Testing

@testable import StudyKit

@Suite struct ReviewSessionTests {
    static let today = Day(year: 2026, month: 3, day: 10) ?? Day(daysSinceEpoch: 0)

    static func due(_ id: Int64, daysAgo: Int, group: String? = nil) -> ReviewCard {
        let state = ScheduleState(repetitions: 2, ease: 250, interval: 6, due: today - daysAgo, lapses: 0, lastDay: today - daysAgo - 6)
        return ReviewCard(id: id, schedule: state, siblingGroup: group, path: "Decks/a.md", ordinal: Int(id))
    }

    static func new(_ id: Int64, path: String = "Decks/a.md", ordinal: Int, group: String? = nil) -> ReviewCard {
        ReviewCard(id: id, siblingGroup: group, path: path, ordinal: ordinal)
    }

    /// `#require` for a value from a mutating call, which the macro cannot take directly.
    static func require(_ outcome: ReviewOutcome?, sourceLocation: SourceLocation = #_sourceLocation) throws -> ReviewOutcome {
        try #require(outcome, sourceLocation: sourceLocation)
    }

    /// Grades every card with `grade` and returns the ids in the order they were asked.
    static func drain(_ session: inout ReviewSession, grade: Grade = .perfect) -> [Int64] {
        var asked: [Int64] = []
        while let card = session.current {
            asked.append(card.id)
            _ = session.grade(grade, seconds: 1)
        }
        return asked
    }

    @Test func dueCardsMostOverdueFirstThenNewInSourceOrder() {
        let cards = [
            Self.new(10, path: "Notes/b.md", ordinal: 0), Self.due(1, daysAgo: 0), Self.new(11, path: "Decks/a.md", ordinal: 5),
            Self.due(2, daysAgo: 9), Self.new(12, path: "Decks/a.md", ordinal: 2), Self.due(3, daysAgo: 3),
            Self.due(4, daysAgo: -1),
        ]
        var session = ReviewSession(today: Self.today, cards: cards)
        #expect(session.remaining == ReviewSession.Remaining(due: 3, new: 3, drills: 0))
        #expect(Self.drain(&session) == [2, 3, 1, 12, 11, 10])
        #expect(session.isFinished)
    }

    @Test func newCardsAreLimitedPerDay() {
        let cards = (0..<30).map { Self.new(Int64($0), ordinal: $0) }
        let session = ReviewSession(today: Self.today, cards: cards)
        #expect(session.remaining.new == ReviewSession.defaultNewLimit)
        var limited = ReviewSession(today: Self.today, cards: cards, newLimit: 5, newSeenToday: 2)
        #expect(Self.drain(&limited) == [0, 1, 2])
        #expect(ReviewSession(today: Self.today, cards: cards, newLimit: 5, newSeenToday: 9).isFinished)
    }

    @Test func siblingsWaitForTomorrow() {
        let cards = [
            Self.due(1, daysAgo: 2, group: "g1"), Self.due(2, daysAgo: 5, group: "g1"),
            Self.new(3, ordinal: 0, group: "g2"), Self.new(4, ordinal: 1, group: "g2"),
            Self.new(5, ordinal: 2, group: "reviewed"), Self.new(6, ordinal: 3),
        ]
        var session = ReviewSession(today: Self.today, cards: cards, newLimit: 3, siblingGroupsReviewedToday: ["reviewed"])
        #expect(Self.drain(&session) == [2, 3, 6])
    }

    @Test func gradeReturnsTheNewScheduleToStore() throws {
        var session = ReviewSession(today: Self.today, cards: [Self.new(1, ordinal: 0)])
        let outcome = try Self.require(session.grade(.good, seconds: 4.5))
        #expect(outcome.cardId == 1 && !outcome.isDrill && !outcome.willRepeat)
        #expect(outcome.before == .new)
        #expect(outcome.after == SM2.next(.new, grade: .good, on: Self.today))
        #expect(outcome.after.due == Self.today + 1)
        #expect(session.isFinished)
        #expect(session.grade(.good, seconds: 1) == nil)
    }

    @Test func cardsGradedBelowFourAreDrilledUntilFourWithoutScheduleChanges() throws {
        var session = ReviewSession(today: Self.today, cards: [Self.due(1, daysAgo: 0), Self.due(2, daysAgo: 1)])
        let first = try Self.require(session.grade(.hard, seconds: 3))  // card 2
        #expect(first.cardId == 2 && first.willRepeat && first.after.repetitions == 3)
        _ = session.grade(.perfect, seconds: 2)  // card 1
        #expect(session.current?.id == 2 && session.isDrill)
        #expect(session.remaining == ReviewSession.Remaining(due: 0, new: 0, drills: 1))
        let drill = try Self.require(session.grade(.wrong, seconds: 5))
        #expect(drill.isDrill && drill.willRepeat && drill.after == drill.before && drill.before == first.after)
        let last = try Self.require(session.grade(.good, seconds: 1))
        #expect(last.isDrill && !last.willRepeat)
        #expect(session.isFinished)
        #expect(session.summary.reviewed == 2)
        #expect(session.summary.correct == 2)
        #expect(session.summary.drills == 2)
        #expect(session.summary.seconds == 11)
    }

    @Test func skipLeavesTheCardForAnotherSession() {
        var session = ReviewSession(today: Self.today, cards: [Self.due(1, daysAgo: 2), Self.due(2, daysAgo: 1)])
        session.skip()
        #expect(Self.drain(&session) == [2])
        #expect(session.summary.skipped == 1)
        #expect(session.summary.reviewed == 1)
    }

    @Test func undoRestoresTheCardTheQueueAndTheSummary() throws {
        var session = ReviewSession(today: Self.today, cards: [Self.due(1, daysAgo: 2), Self.due(2, daysAgo: 1)])
        let graded = try Self.require(session.grade(.wrong, seconds: 2))
        #expect(session.current?.id == 2)
        let undone = try Self.require(session.undo())
        #expect(undone == graded)
        #expect(session.current?.id == 1)
        #expect(session.current?.schedule == Self.due(1, daysAgo: 2).schedule)
        #expect(session.remaining == ReviewSession.Remaining(due: 2, new: 0, drills: 0))
        #expect(session.summary == ReviewSummary())
        #expect(session.undo() == nil)
        // Graded again, differently: no drill is left over from the undone grade.
        #expect(Self.drain(&session) == [1, 2])
    }

    @Test func undoWalksBackThroughDrillsAndSkips() throws {
        var session = ReviewSession(today: Self.today, cards: [Self.due(1, daysAgo: 3), Self.due(2, daysAgo: 2), Self.due(3, daysAgo: 1)])
        _ = session.grade(.blackout, seconds: 1)  // 1, drill queued
        session.skip()  // 2
        _ = session.grade(.perfect, seconds: 1)  // 3
        _ = session.grade(.perfect, seconds: 1)  // drill of 1
        #expect(session.isFinished)
        #expect(try Self.require(session.undo()).isDrill)
        #expect(session.current?.id == 1 && session.isDrill)
        #expect(try Self.require(session.undo()).cardId == 3)
        let first = try Self.require(session.undo())
        #expect(first.cardId == 1 && !first.isDrill)
        #expect(session.current?.id == 1 && !session.isDrill)
        #expect(session.remaining == ReviewSession.Remaining(due: 2, new: 0, drills: 0))
        #expect(session.summary.skipped == 1)
    }

    @Test func eighthLapseFlagsALeech() throws {
        let state = ScheduleState(repetitions: 3, ease: 130, interval: 8, due: Self.today, lapses: 7)
        var session = ReviewSession(today: Self.today, cards: [ReviewCard(id: 9, schedule: state)])
        let outcome = try Self.require(session.grade(.blackout, seconds: 1))
        #expect(outcome.becameLeech && outcome.after.isLeech)
        #expect(session.summary.leeches == [9])
    }

    /// Random grades, skips and undos against a model log: every undo returns the last kept
    /// grade, the summary counts exactly the kept grades, and each card ends with the schedule of
    /// its last kept scheduling grade.
    @Test func randomGradesSkipsAndUndosStayConsistent() throws {
        var random = CardTestRandom(seed: 42)
        for _ in 0..<200 {
            let cards = (0..<8).map { index in
                index < 4 ? Self.due(Int64(index), daysAgo: index) : Self.new(Int64(index), ordinal: index)
            }
            var session = ReviewSession(today: Self.today, cards: cards)
            var log: [ReviewOutcome] = []
            var steps = 0
            while !session.isFinished, steps < 1_000 {
                steps += 1
                switch random.next() % 10 {
                case 0:
                    let undone = session.undo()
                    #expect(undone == log.popLast())
                case 1:
                    session.skip()
                default:
                    let grade = try #require(Grade(rawValue: Int(random.next() % 6)))
                    log.append(try Self.require(session.grade(grade, seconds: 1)))
                }
            }
            #expect(session.isFinished)
            let scheduled = log.filter { !$0.isDrill }
            #expect(session.summary.reviewed == scheduled.count)
            #expect(session.summary.drills == log.count - scheduled.count)
            #expect(session.summary.correct == scheduled.filter { $0.grade.isCorrect }.count)
            #expect(Set(scheduled.map(\.cardId)).count == scheduled.count)
            for outcome in scheduled {
                #expect(outcome.after == SM2.next(outcome.before, grade: outcome.grade, on: Self.today))
            }
            for drill in log where drill.isDrill {
                #expect(scheduled.contains { $0.cardId == drill.cardId && $0.after == drill.before })
            }
        }
    }

    /// Replays a month of daily sessions for one card: the schedule matches SM-2 to the day.
    @Test func monthOfDailySessionsFollowsSM2() {
        var card = ReviewCard(id: 1)
        var reviewDays: [Int] = []
        for offset in 0..<60 {
            var session = ReviewSession(today: Self.today + offset, cards: [card])
            guard session.current != nil, let outcome = session.grade(.perfect, seconds: 1) else { continue }
            card.schedule = outcome.after
            reviewDays.append(offset)
        }
        #expect(reviewDays == [0, 1, 7, 24])  // intervals 1, 6, 17
    }
}
