import Foundation
import GRDB
import StudyKit
import ZIPFoundation

/// Reads an .apkg back, independently of the writer: unzip, open the SQLite file, decode the
/// rows of Anki's schema 11. Round-trip tests compare what it finds with what was exported.
struct AnkiReader {
    struct Card: Equatable {
        var deck: String
        var type: Int
        var queue: Int
        var due: Int
        var interval: Int
        var factor: Int
        var reps: Int
        var lapses: Int
    }

    struct Note {
        var guid: String
        var noteType: String
        var fields: [String]
        var tags: [String]
        var sortField: String
        var checksum: Int64
        var cards: [Card]
    }

    var created: Int64
    var version: Int
    var decks: [String]
    var notes: [Note]
    var entries: [String]
    var media: String

    init(_ url: URL) throws {
        let archive = try Archive(url: url, accessMode: .read)
        entries = archive.map(\.path).sorted()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kb-anki-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var mediaData = Data()
        if let entry = archive["media"] { _ = try archive.extract(entry) { mediaData.append($0) } }
        media = String(decoding: mediaData, as: UTF8.self)
        let path = try AnkiPackage.extractCollection(from: url, into: folder)
        let queue = try DatabaseQueue(path: path.path)
        defer { try? queue.close() }
        let col = try queue.read { try Row.fetchOne($0, sql: "SELECT crt, ver, decks, models FROM col") }
        guard let col else { throw ReadError.noCollectionRow }
        created = col["crt"]
        version = col["ver"]
        let deckJSON = try JSONSerialization.jsonObject(with: Data((col["decks"] as String).utf8)) as? [String: [String: Any]] ?? [:]
        let modelJSON = try JSONSerialization.jsonObject(with: Data((col["models"] as String).utf8)) as? [String: [String: Any]] ?? [:]
        var deckNames: [Int64: String] = [:]
        for deck in deckJSON.values {
            if let id = (deck["id"] as? NSNumber)?.int64Value, let name = deck["name"] as? String { deckNames[id] = name }
        }
        decks = deckNames.values.sorted()
        let noteRows = try queue.read { try Row.fetchAll($0, sql: "SELECT * FROM notes ORDER BY id") }
        let cardRows = try queue.read { try Row.fetchAll($0, sql: "SELECT * FROM cards ORDER BY nid, ord") }
        var cardsByNote: [Int64: [Card]] = [:]
        for row in cardRows {
            let did: Int64 = row["did"]
            cardsByNote[row["nid"], default: []].append(Card(
                deck: deckNames[did] ?? "?", type: row["type"], queue: row["queue"], due: row["due"], interval: row["ivl"],
                factor: row["factor"], reps: row["reps"], lapses: row["lapses"]))
        }
        notes = noteRows.map { row in
            let mid: Int64 = row["mid"]
            let id: Int64 = row["id"]
            let fields: String = row["flds"]
            let tags: String = row["tags"]
            return Note(
                guid: row["guid"], noteType: modelJSON[String(mid)]?["name"] as? String ?? "?",
                fields: fields.components(separatedBy: "\u{1F}"), tags: tags.split(separator: " ").map(String.init),
                sortField: row["sfld"], checksum: row["csum"], cards: cardsByNote[id] ?? [])
        }
    }

    enum ReadError: Error { case noCollectionRow }

    /// The day a review card is due: the collection's creation day plus its `due`.
    func dueDay(_ card: Card) -> Day {
        Day(daysSinceEpoch: Int(created / 86_400)) + card.due
    }
}
