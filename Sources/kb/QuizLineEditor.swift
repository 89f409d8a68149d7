@preconcurrency import Glibc

/// A one-line editor over raw keys, for typed answers while the terminal is in single-key mode.
///
/// Switching the terminal back to line mode for every typed answer would let a stray key between
/// questions through; reading the line ourselves keeps one mode for the whole quiz. It knows
/// just enough: printable text (UTF-8), backspace, enter, Ctrl-C / Ctrl-D to quit, and it
/// swallows arrow keys instead of echoing their escape codes.
struct QuizLineEditor {
    let echo: (String) -> Void

    /// The line typed, or nil when the user quit.
    func read() -> String? {
        var bytes: [UInt8] = []
        while let key = RawTerminal.readKey() {
            switch key {
            case 10, 13:
                return String(decoding: bytes, as: UTF8.self)
            case 3, 4:
                return nil
            case 27:
                // An escape sequence such as ESC [ A: drop it.
                if RawTerminal.readKey() == UInt8(ascii: "[") {
                    var next = RawTerminal.readKey()
                    while let byte = next, (0x30...0x3F).contains(byte) { next = RawTerminal.readKey() }
                }
            case 8, 127:
                guard !bytes.isEmpty else { continue }
                while let last = bytes.last, last & 0xC0 == 0x80 { bytes.removeLast() }
                if !bytes.isEmpty { bytes.removeLast() }
                echo("\u{8} \u{8}")
            case 0..<32:
                continue
            default:
                bytes.append(key)
                // Echo a character once its last UTF-8 byte has arrived.
                if key < 0x80 {
                    echo(String(UnicodeScalar(key)))
                } else if let text = completeCharacter(bytes) {
                    echo(text)
                }
            }
        }
        return nil
    }

    /// The last character of `bytes` when its UTF-8 sequence is complete.
    private func completeCharacter(_ bytes: [UInt8]) -> String? {
        var start = bytes.count - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        let lead = bytes[start]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        guard bytes.count - start == length else { return nil }
        return String(decoding: bytes[start...], as: UTF8.self)
    }
}
