import Foundation
import StudyKit

/// The repository this test target sits in: its `Notes/` and `Decks/` are the largest real input.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Every Markdown file the indexer would read, by path, with its text.
    static func markdown() throws -> [(path: String, text: String)] {
        try Scanner(root: root).scan().map { stamp in
            (stamp.path, try String(contentsOf: root.appendingPathComponent(stamp.path), encoding: .utf8))
        }
    }
}
