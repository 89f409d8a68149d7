import ArgumentParser

/// The `kb` command: a study knowledge base for ML system design interviews.
@main
struct KB: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kb",
        abstract: "Study ML system design from the terminal: review flashcards, search notes, run demos.",
        discussion: """
            kb indexes the Markdown in Notes/ and Decks/ into a SQLite file (.kb/kb.sqlite) and keeps \
            your review history there. Every command brings the index up to date first.
            """,
        version: "0.1.0",
        subcommands: [
            Index.self,
        ]
    )
}
