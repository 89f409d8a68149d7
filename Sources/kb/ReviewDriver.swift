import Foundation
@preconcurrency import Glibc
import StudyKit

/// Runs a review session against the terminal (single keys) or a pipe (one command per line),
/// committing every grade as it is given.
struct ReviewDriver {
    enum Command: Equatable {
        case reveal
        case grade(Grade)
        case undo
        case skip
        case quit
    }

    let context: Context
    var session: ReviewSession
    let filter: CardFilter
    private var reviewIds: [Int64] = []
    private var interactive = false
    private var lastMessage = ""

    init(context: Context, session: ReviewSession, filter: CardFilter) {
        self.context = context
        self.session = session
        self.filter = filter
    }

    private var terminal: Terminal { context.terminal }
    private var renderer: MarkdownRenderer { MarkdownRenderer(terminal: terminal) }

    mutating func run() throws {
        if session.isFinished {
            let tomorrow = try context.database.dueCount(on: context.today + 1, filter: filter)
            print("Nothing to review today (\(context.today)). Tomorrow: \(tomorrow) card\(tomorrow == 1 ? "" : "s") due.")
            return
        }
        interactive = terminal.stdinIsTTY && terminal.stdoutIsTTY && RawTerminal.enable()
        defer {
            if interactive {
                RawTerminal.restore()
                print("\u{1B}[?25h", terminator: "")
            }
        }
        var quit = false
        while !quit, let card = session.current {
            // The text is read when the card is shown; a card removed meanwhile is skipped.
            guard let info = try context.database.card(id: card.id) else {
                session.skip()
                continue
            }
            let shown = Date()
            showFront(info)
            var revealed = !interactive
            if !interactive { showBack(info) }
            while true {
                let command = nextCommand(revealed: revealed)
                switch command {
                case .reveal:
                    if !revealed {
                        revealed = true
                        showBack(info)
                    }
                    continue
                case .grade(let grade):
                    guard revealed else { continue }
                    guard let outcome = session.grade(grade, seconds: Date().timeIntervalSince(shown)) else { break }
                    reviewIds.append(try context.database.recordReview(outcome, day: context.today))
                    lastMessage = describe(outcome)
                case .undo:
                    if let outcome = session.undo(), let id = reviewIds.popLast() {
                        try context.database.undoReview(id: id, outcome: outcome)
                        lastMessage = "undone: the last grade was taken back"
                    } else {
                        lastMessage = "nothing to undo"
                        if !interactive { print(lastMessage) }
                        continue
                    }
                case .skip:
                    session.skip()
                    lastMessage = "skipped"
                case .quit:
                    quit = true
                }
                break
            }
            if !interactive && !quit { print(lastMessage.isEmpty ? "" : "\n" + lastMessage) }
        }
        if interactive { print("\u{1B}[2J\u{1B}[H", terminator: "") } else if quit { print("") }
        try printSummary(finished: session.isFinished)
    }

    private func describe(_ outcome: ReviewOutcome) -> String {
        if outcome.isDrill {
            return outcome.willRepeat ? "again at the end of the session" : "drill done"
        }
        var text = "graded \(outcome.grade.rawValue): next review in \(outcome.after.interval) day\(outcome.after.interval == 1 ? "" : "s")"
        if let due = outcome.after.due { text += " (\(due))" }
        if outcome.willRepeat { text += "; asked again at the end of this session" }
        if outcome.becameLeech { text += "; this card is now a leech (8 lapses): consider rewriting it, or kb cards suspend \(outcome.cardId)" }
        return text
    }

    private func header(_ info: CardInfo) -> String {
        let remaining = session.remaining
        var counts = ["\(remaining.due) due", "\(remaining.new) new"]
        if remaining.drills > 0 { counts.append("\(remaining.drills) again") }
        let role = session.isDrill ? "again" : (info.schedule.isNew ? "new" : "review")
        return "\(counts.joined(separator: " · "))   [\(info.deck)] \(role) · #\(info.id)"
    }

    private func showFront(_ info: CardInfo) {
        if interactive {
            print("\u{1B}[2J\u{1B}[H\u{1B}[?25l", terminator: "")
            if !lastMessage.isEmpty { print(terminal.dim(lastMessage)) }
            print(terminal.dim(header(info)))
            print("")
            print(renderer.render(info.front))
            print("")
            print(terminal.dim("space: show answer · u undo · s skip · q quit"))
        } else {
            print("")
            print(header(info))
            print("Q: " + info.front.replacingOccurrences(of: "\n", with: "\n   "))
        }
        fflush(nil)
    }

    private func showBack(_ info: CardInfo) {
        if interactive {
            print("\u{1B}[1A\u{1B}[2K", terminator: "")
            print(terminal.dim(String(repeating: "─", count: min(terminal.width, 60))))
            print(renderer.render(info.back))
            print("")
            print(terminal.magenta("\(info.path):\(info.line)"))
            print("")
            print(terminal.bold("0-5") + " " + terminal.dim(Grade.legend))
            print(terminal.dim("u undo · s skip · q quit"))
        } else {
            print("A: " + info.back.replacingOccurrences(of: "\n", with: "\n   "))
            print("   \(info.path):\(info.line)")
            print("grade 0-5, u undo, s skip, q quit> ", terminator: "")
        }
        fflush(nil)
    }

    private func nextCommand(revealed: Bool) -> Command {
        if interactive {
            while true {
                guard let key = RawTerminal.readKey() else { return .quit }
                switch key {
                case UInt8(ascii: " "), 10, 13: return .reveal
                case UInt8(ascii: "0")...UInt8(ascii: "5"):
                    if let grade = Grade(rawValue: Int(key - UInt8(ascii: "0"))), revealed { return .grade(grade) }
                case UInt8(ascii: "u"), UInt8(ascii: "U"): return .undo
                case UInt8(ascii: "s"), UInt8(ascii: "S"): return .skip
                case UInt8(ascii: "q"), UInt8(ascii: "Q"), 3, 4, 27: return .quit
                default: continue
                }
            }
        }
        while true {
            guard let line = readLine() else { return .quit }
            let word = line.trimmingCharacters(in: .whitespaces).lowercased()
            switch word {
            case "": continue
            case "u", "undo": return .undo
            case "s", "skip": return .skip
            case "q", "quit": return .quit
            default:
                if let value = Int(word), let grade = Grade(rawValue: value) { return .grade(grade) }
                print("kb: '\(line)' is not a command: type 0-5, u, s or q")
                print("grade 0-5, u undo, s skip, q quit> ", terminator: "")
                fflush(nil)
            }
        }
    }

    private func printSummary(finished: Bool) throws {
        let summary = session.summary
        let tomorrow = try context.database.dueCount(on: context.today + 1, filter: filter)
        let minutes = Int(summary.seconds) / 60, seconds = Int(summary.seconds) % 60
        var line = finished ? "Session done: " : "Stopped: "
        line += "\(summary.reviewed) reviewed"
        if summary.reviewed > 0 {
            line += ", \(summary.correct) correct (\(Int((100 * Double(summary.correct) / Double(summary.reviewed)).rounded()))%)"
        }
        if summary.drills > 0 { line += ", \(summary.drills) re-asked" }
        if summary.skipped > 0 { line += ", \(summary.skipped) skipped" }
        line += ", \(minutes)m \(String(format: "%02d", seconds))s."
        print(terminal.bold(line))
        if !finished {
            let left = session.remaining
            print("Left for today: \(left.due) due, \(left.new) new. Everything graded so far is saved.")
        }
        if !summary.leeches.isEmpty {
            print(terminal.yellow("New leeches (8 lapses): \(summary.leeches.map { "#\($0)" }.joined(separator: ", ")); see kb stats"))
        }
        print("Tomorrow: \(tomorrow) card\(tomorrow == 1 ? "" : "s") due.")
    }
}
