import Foundation
@preconcurrency import Glibc

/// The quiz's side of the conversation: writes to standard output (standard error with
/// `--json`) and reads keys on a terminal or lines from a pipe.
///
/// Commands are `:s` (skip) and `:q` (quit) everywhere; where no free text is expected (a choice,
/// a grade) plain `s` and `q` work too, as in `kb review`.
struct QuizIO {
    enum Input: Equatable {
        case text(String)
        case skip
        case quit
    }

    let json: Bool
    let interactive: Bool

    func say(_ line: String, terminator: String = "\n") {
        if json {
            FileHandle.standardError.write(Data((line + terminator).utf8))
        } else {
            print(line, terminator: terminator)
            fflush(nil)
        }
    }

    /// An option number (0-based, as text) from keys 1-N or a-…, or skip/quit.
    func choice(options: Int) -> Input {
        let hint = "answer 1-\(options) (or a-\(letter(options - 1))), s skip, q quit> "
        say(hint, terminator: "")
        return read(hint) { word in
            if let number = Int(word), (1...options).contains(number) { return .text(String(number - 1)) }
            if word.count == 1, let ascii = word.unicodeScalars.first?.value, ascii >= 97, ascii < 97 + UInt32(options) {
                return .text(String(Int(ascii) - 97))
            }
            return nil
        }
    }

    /// A grade 0-5 as text, or skip/quit.
    func grade() -> Input {
        let hint = "grade yourself 0-5 (0 nothing · 3 the main points, with gaps · 5 all of it), s skip, q quit> "
        say(hint, terminator: "")
        return read(hint) { word in
            guard let value = Int(word), (0...5).contains(value) else { return nil }
            return .text(String(value))
        }
    }

    /// A line of free text; `:s` and `:q` are the only commands in it.
    func line(prompt: String, raw: Bool, allowEmpty: Bool = true) -> Input {
        say(prompt, terminator: "")
        let text: String?
        if interactive {
            text = QuizLineEditor(echo: { say($0, terminator: "") }).read()
            say("")
        } else {
            text = readLine()
            say("")
        }
        guard let text else { return .quit }
        switch text.trimmingCharacters(in: .whitespaces) {
        case ":q": return .quit
        case ":s": return .skip
        default: return .text(text)
        }
    }

    /// Waits for a key between questions on a terminal: q quits, anything else goes on.
    func pause() -> Input {
        say("any key: next question · q quit", terminator: "")
        let key = RawTerminal.readKey()
        say("")
        switch key {
        case nil, UInt8(ascii: "q"), UInt8(ascii: "Q"), 3, 4: return .quit
        default: return .text("")
        }
    }

    /// Reads a single key on a terminal or lines from a pipe until `accept` takes one.
    private func read(_ hint: String, accept: (String) -> Input?) -> Input {
        while true {
            let word: String
            if interactive {
                guard let key = RawTerminal.readKey() else { return .quit }
                if key == 3 || key == 4 || key == 27 { return .quit }
                word = String(UnicodeScalar(key)).lowercased()
            } else {
                guard let line = readLine() else { return .quit }
                word = line.trimmingCharacters(in: .whitespaces).lowercased()
                if word.isEmpty { continue }
            }
            switch word {
            case "s", ":s", "skip": return .skip
            case "q", ":q", "quit": return .quit
            default:
                if let input = accept(word) {
                    say(interactive ? word : "")
                    return input
                }
                if !interactive {
                    say("kb: '\(word)' is not an answer here")
                    say(hint, terminator: "")
                }
            }
        }
    }

    private func letter(_ index: Int) -> String {
        String(UnicodeScalar(UInt8(97 + index)))
    }
}
