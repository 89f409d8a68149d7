import ArgumentParser

extension KB {
    struct Index: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Bring the index up to date and print what changed.")
        func run() async throws {}
    }
}
