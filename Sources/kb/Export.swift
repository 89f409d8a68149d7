import ArgumentParser
import Foundation
import StudyKit

extension KB {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Export cards to an Anki package (.apkg) or Anki's plain-text format (CSV/TSV).",
            subcommands: [Anki.self, PlainText.self])
    }
}

extension KB.Export {
    /// Which cards to export; shared by both formats.
    struct Selection: ParsableArguments {
        @Option(name: .shortAndLong, help: ArgumentHelp("Only cards with this topic (repeatable).", valueName: "topic"), completion: .kbTopics)
        var topic: [String] = []

        @Option(name: .shortAndLong, help: ArgumentHelp("Only this deck and the decks below it (repeatable).", valueName: "deck"), completion: .kbDecks)
        var deck: [String] = []

        /// Active and suspended cards (retired ones have left the notes), or a clear error.
        func cards(_ context: Context) throws -> [CardInfo] {
            let cards = try context.database.cards(filter: CardFilter(topics: topic, decks: deck))
            guard !cards.isEmpty else { throw UserError("no cards to export for this --topic/--deck; `kb cards` lists them") }
            return cards
        }
    }

    struct Anki: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "anki",
            abstract: "Write an Anki package: one deck per kb deck, Basic and Cloze notes, topics as tags, SM-2 state kept.",
            discussion: """
                Each card's GUID comes from its content key, so importing a newer export into Anki updates \
                the notes instead of duplicating them. Interval, ease, due day, reviews and lapses carry over; \
                suspended cards stay suspended.
                """)

        @OptionGroup var options: GlobalOptions
        @OptionGroup var selection: Selection

        @Argument(help: ArgumentHelp("The package to write.", valueName: "file.apkg"), completion: .file(extensions: ["apkg"]))
        var file: String

        func run() throws {
            let context = try options.context()
            let cards = try selection.cards(context)
            let collection = AnkiExport.collection(cards: cards, reviewCounts: try context.database.reviewCounts(), today: context.today)
            do {
                try AnkiPackage.write(collection, to: URL(fileURLWithPath: file))
            } catch {
                throw UserError("\(file): cannot write the package: \(error.localizedDescription)")
            }
            let decks = Set(cards.map(\.deck)).count
            print("wrote \(cards.count) card\(cards.count == 1 ? "" : "s") in \(decks) deck\(decks == 1 ? "" : "s") to \(file)")
        }
    }

    struct PlainText: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "csv",
            abstract: "Write Anki's plain-text format: front, back, tags and note type; tab-separated unless FILE ends in .csv.")

        @OptionGroup var options: GlobalOptions
        @OptionGroup var selection: Selection

        @Argument(help: ArgumentHelp("The file to write (.csv: commas; .tsv or .txt: tabs).", valueName: "file"), completion: .file(extensions: ["csv", "tsv", "txt"]))
        var file: String

        func run() throws {
            let context = try options.context()
            let cards = try selection.cards(context)
            let separator: Character = file.lowercased().hasSuffix(".csv") ? "," : "\t"
            do {
                try Data(PlainTextCards.write(cards, separator: separator).utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
            } catch {
                throw UserError("\(file): cannot write: \(error.localizedDescription)")
            }
            print("wrote \(cards.count) card\(cards.count == 1 ? "" : "s") to \(file)")
        }
    }
}
