@preconcurrency import Glibc

/// Single-key input on a terminal: raw mode on entry, the saved settings restored on every exit
/// path (normal end, error, Ctrl-C as a key, and SIGINT/SIGTERM/SIGHUP from outside).
enum RawTerminal {
    nonisolated(unsafe) private static var saved = termios()
    nonisolated(unsafe) private static var active = false

    /// Switches standard input to raw mode; returns false when it is not a terminal.
    static func enable() -> Bool {
        guard isatty(STDIN_FILENO) == 1, tcgetattr(STDIN_FILENO, &saved) == 0 else { return false }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
        withUnsafeMutableBytes(of: &raw.c_cc) { bytes in
            bytes[Int(VMIN)] = 1
            bytes[Int(VTIME)] = 0
        }
        guard tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) == 0 else { return false }
        active = true
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] {
            Glibc.signal(signal) { number in
                RawTerminal.restore()
                // Show the cursor again, then die of the same signal.
                _ = "\u{1B}[?25h\n".withCString { write(STDOUT_FILENO, $0, strlen($0)) }
                Glibc.signal(number, SIG_DFL)
                raise(number)
            }
        }
        atexit { RawTerminal.restore() }
        return true
    }

    /// Puts the terminal back as it was. Safe to call more than once and from a signal handler.
    static func restore() {
        guard active else { return }
        active = false
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
    }

    /// Blocks for one key; returns nil at end of input.
    static func readKey() -> UInt8? {
        var byte: UInt8 = 0
        while true {
            let count = read(STDIN_FILENO, &byte, 1)
            if count == 1 { return byte }
            if count < 0 && errno == EINTR { continue }
            return nil
        }
    }
}
