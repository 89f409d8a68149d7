@preconcurrency import Glibc
import Foundation
import StudyKit

/// Where output goes and how it looks: colour only on a TTY and never with NO_COLOR.
struct Terminal: Sendable {
    let stdoutIsTTY: Bool
    let stderrIsTTY: Bool
    let stdinIsTTY: Bool
    let colour: Bool

    static let current: Terminal = {
        let out = isatty(STDOUT_FILENO) == 1
        let noColour = environmentValue("NO_COLOR").map { !$0.isEmpty } ?? false
        let dumb = environmentValue("TERM") == "dumb"
        return Terminal(
            stdoutIsTTY: out, stderrIsTTY: isatty(STDERR_FILENO) == 1, stdinIsTTY: isatty(STDIN_FILENO) == 1,
            colour: out && !noColour && !dumb)
    }()

    /// Columns of the terminal, or 100 when not a TTY.
    var width: Int {
        var size = winsize()
        if stdoutIsTTY, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
        return 100
    }

    func style(_ text: String, _ codes: String) -> String {
        colour ? "\u{1B}[\(codes)m\(text)\u{1B}[0m" : text
    }
    func bold(_ text: String) -> String { style(text, "1") }
    func dim(_ text: String) -> String { style(text, "2") }
    func italic(_ text: String) -> String { style(text, "3") }
    func underline(_ text: String) -> String { style(text, "4") }
    func red(_ text: String) -> String { style(text, "31") }
    func green(_ text: String) -> String { style(text, "32") }
    func yellow(_ text: String) -> String { style(text, "33") }
    func blue(_ text: String) -> String { style(text, "34") }
    func magenta(_ text: String) -> String { style(text, "35") }
    func cyan(_ text: String) -> String { style(text, "36") }

    /// Prints each warning on a line of its own, `warning: path:line: message`, in one write:
    /// a copied corpus can hold thousands of them, and a `print` per warning cost more than
    /// reading them from the database.
    func printWarnings(_ warnings: [IndexWarning]) {
        guard !warnings.isEmpty else { return }
        let prefix = Array(yellow("warning: ").utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(warnings.count * (prefix.count + 120))
        for warning in warnings {
            bytes.append(contentsOf: prefix)
            warning.write(to: &bytes)
            bytes.append(UInt8(ascii: "\n"))
        }
        // fwrite, not fputs: a NUL in a message would end fputs's string there.
        bytes.withUnsafeBufferPointer { _ = fwrite($0.baseAddress, 1, $0.count, stdout) }
    }

    /// Writes a line to standard error.
    static func warn(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
