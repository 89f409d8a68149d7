import Foundation

/// Reads every note and deck from disk and collects every warning, without a database.
///
/// `kb check` runs this in CI over the bundled material: it must find the same problems that
/// `kb index` reports, plus duplicate cards across files.
public struct Checker: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root }

    public struct Result: Sendable {
        public var files = 0
        public var cards = 0
        public var warnings: [IndexWarning] = []
    }

    public func run() -> Result {
        var result = Result()
        let parser = NoteParser()
        var drafts: [CardDraft] = []
        for stamp in Scanner(root: root).scan() {
            result.files += 1
            guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(stamp.path).path) else {
                result.warnings.append(IndexWarning(path: stamp.path, message: "cannot read the file"))
                continue
            }
            switch parser.parse(data: data, path: stamp.path) {
            case .skipped(let warning):
                result.warnings.append(warning)
            case .note(let note):
                result.warnings += note.warnings
                let cards = NoteCards.cards(for: note)
                result.warnings += cards.warnings
                drafts += cards.cards
            }
        }
        let paths = Set(drafts.map(\.path))
        let plan = CardReconciler.plan(existing: [], reparsedPaths: paths, drafts: drafts)
        result.warnings += plan.warnings
        result.cards = Set(drafts.map(\.key)).count
        result.warnings.sort { ($0.path, $0.line ?? 0) < ($1.path, $1.line ?? 0) }
        return result
    }
}
