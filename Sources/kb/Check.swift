import ArgumentParser
import Foundation
import StudyKit

extension KB {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check every note and deck: list every warning, exit 1 if there is any.",
            discussion: "Reads the files directly (the database is not touched), so it suits CI.")

        @OptionGroup var options: GlobalOptions

        @Flag(help: "Print JSON: {files, cards, warnings: [{path, line, message}]}.")
        var json = false

        func run() throws {
            let root = try GlobalOptions.findRoot(explicit: options.root ?? environmentValue("KB_ROOT"))
            let result = Checker(root: root).run()
            if json {
                struct Warning: Encodable { var path: String; var line: Int?; var message: String }
                struct Output: Encodable { var files: Int; var cards: Int; var warnings: [Warning] }
                try JSONOutput.print(Output(
                    files: result.files, cards: result.cards,
                    warnings: result.warnings.map { Warning(path: $0.path, line: $0.line, message: $0.message) }))
            } else {
                let terminal = Terminal.current
                terminal.printWarnings(result.warnings)
                let count = result.warnings.count
                print("checked \(result.files) files, \(result.cards) cards: \(count == 0 ? terminal.green("no warnings") : terminal.red("\(count) warning\(count == 1 ? "" : "s")"))")
            }
            if !result.warnings.isEmpty { throw ExitCode.failure }
        }
    }
}
