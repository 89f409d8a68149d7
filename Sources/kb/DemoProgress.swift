import Foundation
import RecLab

/// A one-line progress display on standard error, shown only when standard error is a terminal
/// (so pipes, files and `--json` consumers never see it).
struct DemoProgress {
    let enabled: Bool

    init(terminal: Terminal) {
        enabled = terminal.stderrIsTTY
    }

    /// Overwrites the line with where training is.
    func update(_ progress: TrainingProgress, prefix: String = "") {
        guard enabled else { return }
        let setting = DemoText.setting(progress.setting)
        let text =
            "\(prefix)training \(progress.model)\(setting.isEmpty ? "" : " " + setting)  "
            + "epoch \(progress.epoch)/\(progress.epochs)"
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
    }

    /// Clears the line before the results are printed.
    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
