import ArgumentParser
import Foundation
@preconcurrency import Glibc
import StudyKit

/// The `kb` command: a study knowledge base for ML system design interviews.
@main
struct KB: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kb",
        abstract: "Study ML system design from the terminal: review flashcards, search notes, run demos.",
        discussion: """
            kb indexes the Markdown in Notes/ and Decks/ into a SQLite file (.kb/kb.sqlite) and keeps \
            your review history there. Every command brings the index up to date first.

            Daily: `kb today`, `kb review`. Look things up: `kb search`, `kb show`, `kb topics`, `kb refs`. \
            Experiments: `kb demo list`.
            """,
        version: "0.1.0",
        subcommands: [
            Today.self,
            Review.self,
            Quiz.self,
            Export.self,
            Import.self,
            Cards.self,
            Stats.self,
            Index.self,
            Search.self,
            Show.self,
            Topics.self,
            Refs.self,
            Check.self,
            Demo.self,
            BenchIndex.self,
            BenchReview.self,
            DemoBench.self,
        ]
    )

    /// Commands a person runs many times a day, parsed on their own when the arguments are valid.
    ///
    /// Parsing from the root builds every subcommand's argument set through reflection, which
    /// costs a few milliseconds of a 20 ms `kb search`. A valid `kb search ...` parses the same
    /// way as `Search` alone; anything else (help, a typo, a bad option) goes through the root,
    /// so messages and help read exactly as before.
    static let daily: [String: any ParsableCommand.Type] = [
        "search": Search.self, "today": Today.self, "review": Review.self, "show": Show.self,
    ]

    static func parseCommand() throws -> any ParsableCommand {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let name = arguments.first, let type = daily[name],
            let command = try? type.parseAsRoot(Array(arguments.dropFirst()))
        {
            return command
        }
        return try parseAsRoot(arguments)
    }

    /// Runs the command, printing errors as `kb: error: ...` (exit 1) and usage errors with exit 2.
    ///
    /// Synchronous, like every command (none waits on anything asynchronous): an `async` main
    /// hands the main thread to `dispatch_main`, which ends it with `pthread_exit`, and the
    /// forced unwind of that thread makes a fully static binary sort every unwind-table entry
    /// it holds (50 ms of CPU) before the process may exit.
    static func main() {
        do {
            let arguments = CommandLine.arguments.dropFirst()
            if arguments.first == "search", let request = SearchRequest.fastParse(Array(arguments.dropFirst())) {
                let context = try request.run()
                // All printed, nothing left to write: leave without closing the database and
                // freeing every object one by one, which took a tenth of a search's time.
                withExtendedLifetime(context) {
                    fflush(nil)
                    Glibc._exit(0)
                }
            }
            var command = try parseCommand()
            try command.run()
        } catch let error as UserError {
            Terminal.warn("kb: error: \(error.description)")
            Glibc.exit(1)
        } catch let error as StoreError {
            Terminal.warn("kb: error: \(error.description)")
            Glibc.exit(1)
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is CleanExit {
                exit(withError: error)
            }
            if code.rawValue == 64 || error is ValidationError {
                Terminal.warn(fullMessage(for: error))
                Glibc.exit(2)
            }
            if code == .failure, !(error is ExitCode) {
                Terminal.warn("kb: error: \(error)")
                Glibc.exit(1)
            }
            exit(withError: error)
        }
    }
}

/// JSON in the stable shape scripts rely on (DESIGN.md 2).
enum JSONOutput {
    static func print<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        Swift.print(String(decoding: data, as: UTF8.self))
    }
}
