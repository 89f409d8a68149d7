import Foundation
@preconcurrency import Glibc
import StudyKit

/// Runs a quiz against the terminal (single keys, a small line editor for typed answers) or a
/// pipe (one answer per line), logging every answer the moment it is given.
///
/// With `--json` the conversation goes to standard error so that standard output holds only the
/// result a script parses.
struct QuizDriver {
    let context: Context
    let questions: [QuizQuestion]
    let quiz: Int64
    let schedule: Bool
    let json: Bool
    /// The cards asked, by id, for their schedules when `--schedule` applies a grade.
    var cards: [Int64: CardInfo] = [:]
    private(set) var score = QuizScore()
    private(set) var log: [QuizReport.Entry] = []
    private var interactive = false

    init(context: Context, questions: [QuizQuestion], quiz: Int64, schedule: Bool, json: Bool) {
        self.context = context
        self.questions = questions
        self.quiz = quiz
        self.schedule = schedule
        self.json = json
    }

    private var terminal: Terminal { json ? Terminal(stdoutIsTTY: false, stderrIsTTY: false, stdinIsTTY: false, colour: false) : context.terminal }
    private var text: QuizText { QuizText(terminal: terminal, interactive: interactive) }

    mutating func run() throws {
        let screen = json ? context.terminal.stderrIsTTY : context.terminal.stdoutIsTTY
        interactive = context.terminal.stdinIsTTY && screen && RawTerminal.enable()
        defer { if interactive { RawTerminal.restore() } }
        var io = QuizIO(json: json, interactive: interactive)
        for (index, question) in questions.enumerated() {
            io.say("")
            io.say(text.header(question, number: index + 1, of: questions.count))
            io.say(text.question(question))
            let shown = Date()
            let input: QuizIO.Input
            var verdict: (correct: Bool, grade: Grade, given: String)?
            switch question.kind {
            case .choice:
                input = io.choice(options: question.options.count)
                if case .text(let given) = input, let picked = Int(given) {
                    let correct = picked == question.correctOption
                    verdict = (correct, QuizQuestion.grade(correct: correct, exact: true), question.options[picked])
                    io.say(text.choiceVerdict(question, picked: picked))
                }
            case .typed:
                input = io.line(prompt: "type the hidden text (:s skip, :q quit)> ", raw: true)
                if case .text(let given) = input {
                    let result = TypedAnswer(expected: question.answer).check(given)
                    verdict = (result.isCorrect, QuizQuestion.grade(correct: result.isCorrect, exact: result == .exact), given)
                    io.say(text.typedVerdict(question, given: given, result: result))
                }
            case .prompt:
                input = try promptAnswer(question, io: &io)
                if case .text(let graded) = input, let value = Int(graded), let grade = Grade(rawValue: value) {
                    verdict = (grade.isCorrect, grade, "self-graded \(value)")
                }
            }
            if case .quit = input { break }
            guard let verdict else {
                score.skipped += 1
                io.say("skipped")
                continue
            }
            try record(question, verdict: verdict, seconds: Date().timeIntervalSince(shown), io: &io)
            if interactive, index + 1 < questions.count, io.pause() == .quit { break }
        }
        io.say("")
        io.say(text.summary(score, total: questions.count))
    }

    /// Shows the prompt, takes the (optional) answer, shows the outline and reads a grade 0-5.
    private func promptAnswer(_ question: QuizQuestion, io: inout QuizIO) throws -> QuizIO.Input {
        let answer = io.line(prompt: "answer in your head or in writing, then enter for the outline (:s skip, :q quit)> ", raw: true, allowEmpty: true)
        guard case .text = answer else { return answer }
        io.say(text.outline(question))
        return io.grade()
    }

    /// Logs the answer, applies it as a review with `--schedule`, and counts it in the score.
    private mutating func record(_ question: QuizQuestion, verdict: (correct: Bool, grade: Grade, given: String), seconds: Double, io: inout QuizIO) throws {
        let answer = QuizAnswer(question, correct: verdict.correct, grade: verdict.grade, seconds: seconds)
        try context.database.recordQuizAnswer(answer, quiz: quiz)
        score.add(answer)
        var next: String?
        if schedule, let id = question.cardId, let card = cards[id] {
            let after = SM2.next(card.schedule, grade: verdict.grade, on: context.today)
            let outcome = ReviewOutcome(
                cardId: id, grade: verdict.grade, seconds: seconds, isDrill: false, before: card.schedule, after: after,
                becameLeech: !card.schedule.isLeech && after.isLeech, willRepeat: false)
            try context.database.recordReview(outcome, day: context.today)
            cards[id]?.schedule = after
            next = after.due?.description
            io.say(text.scheduled(grade: verdict.grade, after: after))
        }
        log.append(QuizReport.Entry(question, given: verdict.given, answer: answer, nextDue: next))
    }
}
