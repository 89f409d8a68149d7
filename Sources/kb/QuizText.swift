import Foundation
import StudyKit

/// How a quiz looks: plain lines for a pipe (stable for scripts and tests), rendered Markdown
/// and colour on a terminal.
struct QuizText {
    let terminal: Terminal
    let interactive: Bool

    private var renderer: MarkdownRenderer { MarkdownRenderer(terminal: terminal) }

    private func markdown(_ text: String) -> String {
        interactive ? renderer.render(text) : text.replacingOccurrences(of: "\n", with: "\n   ")
    }

    func header(_ question: QuizQuestion, number: Int, of total: Int) -> String {
        let topics = question.topics.isEmpty ? "" : " · " + question.topics.joined(separator: ", ")
        let what: String
        switch question.kind {
        case .choice: what = "multiple choice"
        case .typed: what = "typed answer"
        case .prompt: what = "design prompt"
        }
        return terminal.dim("[\(number)/\(total)] \(what)\(topics)")
    }

    func question(_ question: QuizQuestion) -> String {
        var lines = [(question.kind == .prompt ? "Design: " : "Q: ") + markdown(question.question)]
        for (index, option) in question.options.enumerated() {
            let flat = option.replacingOccurrences(of: "\n", with: " ")
            lines.append("  \(index + 1)) \(interactive ? renderer.render(flat) : flat)")
        }
        return lines.joined(separator: "\n")
    }

    func choiceVerdict(_ question: QuizQuestion, picked: Int) -> String {
        let location = terminal.magenta("   \(question.path):\(question.line)")
        if picked == question.correctOption { return terminal.green("right") + "\n" + location }
        let answer = question.answer.replacingOccurrences(of: "\n", with: " ")
        return terminal.red("wrong") + ": the answer is \(question.correctOption + 1)) "
            + (interactive ? renderer.render(answer) : answer) + "\n" + location
    }

    func typedVerdict(_ question: QuizQuestion, given: String, result: TypedAnswer.Verdict) -> String {
        var lines: [String] = []
        switch result {
        case .exact: lines.append(terminal.green("right"))
        case .close(let distance):
            lines.append(terminal.green("right") + ", with a typo forgiven (\(distance) edit\(distance == 1 ? "" : "s"))")
        case .wrong: lines.append(terminal.red("wrong"))
        }
        if result != .exact {
            lines.append("expected: " + question.answer)
            lines.append("diff:     " + diff(CharacterDiff.diff(typed: given.trimmingCharacters(in: .whitespaces), expected: question.answer)))
        }
        lines.append("A: " + markdown(question.reveal))
        lines.append(terminal.magenta("   \(question.path):\(question.line)"))
        return lines.joined(separator: "\n")
    }

    /// The difference in one line: missing letters as `{+x+}`, extra ones as `[-x-]` (in colour
    /// on a terminal: missing green and underlined, extra red and struck through).
    func diff(_ pieces: [CharacterDiff.Piece]) -> String {
        pieces.map { piece in
            switch piece {
            case .same(let text): return text
            case .missing(let text): return terminal.colour ? terminal.style(text, "32;4") : "{+\(text)+}"
            case .extra(let text): return terminal.colour ? terminal.style(text, "31;9") : "[-\(text)-]"
            }
        }.joined()
    }

    func outline(_ question: QuizQuestion) -> String {
        let body = interactive ? renderer.render(question.reveal) : question.reveal
        return terminal.bold("Outline") + " " + terminal.magenta("(\(question.path):\(question.line))") + "\n" + body
    }

    func scheduled(grade: Grade, after: ScheduleState) -> String {
        terminal.dim("scheduled as grade \(grade.rawValue): next review in \(after.interval) day\(after.interval == 1 ? "" : "s")" + (after.due.map { " (\($0))" } ?? ""))
    }

    func summary(_ score: QuizScore, total: Int) -> String {
        var line = "Score: \(score.correct)/\(score.answered)"
        if let accuracy = score.accuracy { line += " (\(Int((accuracy * 100).rounded()))%)" }
        if score.skipped > 0 { line += ", \(score.skipped) skipped" }
        let unasked = total - score.answered - score.skipped
        if unasked > 0 { line += ", \(unasked) not asked (quit)" }
        let minutes = Int(score.seconds) / 60, seconds = Int(score.seconds) % 60
        line += ", \(minutes)m \(seconds < 10 ? "0" : "")\(seconds)s."
        return terminal.bold(line)
    }
}
