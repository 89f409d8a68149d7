import Foundation
import GRDB

/// Writes an `AnkiCollection` as the SQLite file inside an .apkg (`collection.anki2`, Anki's
/// schema 11, which every Anki since 2.1 imports).
///
/// The tables are Anki's, not ours, so they live apart from `Schema` and carry none of kb's
/// migrations or application id.
public enum AnkiCollectionFile {
    public static func write(_ collection: AnkiCollection, to path: String, now: Date = Date()) throws {
        try? FileManager.default.removeItem(atPath: path)
        let queue = try DatabaseQueue(path: path)
        let seconds = Int64(now.timeIntervalSince1970)
        let created = Int64(collection.created.daysSinceEpoch) * 86_400 + Int64(AnkiExport.dayStartSeconds)
        try queue.write { db in
            try createTables(db)
            try db.execute(
                sql: """
                    INSERT INTO col (id, crt, mod, scm, ver, dty, usn, ls, conf, models, decks, dconf, tags)
                    VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, '{}')
                    """,
                arguments: [
                    created, seconds * 1000, seconds * 1000, collection.settingsJSON(),
                    collection.modelsJSON(modified: seconds), collection.decksJSON(modified: seconds),
                    AnkiCollection.deckOptionsJSON(),
                ])
            for note in collection.notes {
                let first = AnkiHTML.plainText(note.fields.first ?? "")
                let checksum = Int64(SHA1.hex(first).prefix(8), radix: 16) ?? 0
                let tags = note.tags.isEmpty ? "" : " " + note.tags.joined(separator: " ") + " "
                try db.execute(
                    sql: "INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, '')",
                    arguments: [note.id, note.guid, note.type.rawValue, seconds, tags, note.fields.joined(separator: "\u{1F}"), first, checksum])
                for card in note.cards {
                    try db.execute(
                        sql: "INSERT INTO cards VALUES (?, ?, ?, ?, ?, -1, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, '')",
                        arguments: [
                            card.id, note.id, card.deckId, card.ordinal, seconds, card.isNew ? 0 : 2, card.queue.rawValue,
                            card.due, card.interval, card.factor, card.reps, card.lapses,
                        ])
                }
            }
        }
        try queue.close()
    }

    /// Anki's schema 11 tables and indexes.
    private static func createTables(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE col (
                id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL, scm integer NOT NULL,
                ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL, ls integer NOT NULL,
                conf text NOT NULL, models text NOT NULL, decks text NOT NULL, dconf text NOT NULL, tags text NOT NULL
            );
            CREATE TABLE notes (
                id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL, mod integer NOT NULL,
                usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL, sfld integer NOT NULL,
                csum integer NOT NULL, flags integer NOT NULL, data text NOT NULL
            );
            CREATE TABLE cards (
                id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL, ord integer NOT NULL,
                mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL, queue integer NOT NULL,
                due integer NOT NULL, ivl integer NOT NULL, factor integer NOT NULL, reps integer NOT NULL,
                lapses integer NOT NULL, left integer NOT NULL, odue integer NOT NULL, odid integer NOT NULL,
                flags integer NOT NULL, data text NOT NULL
            );
            CREATE TABLE revlog (
                id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL, ease integer NOT NULL,
                ivl integer NOT NULL, lastIvl integer NOT NULL, factor integer NOT NULL, time integer NOT NULL,
                type integer NOT NULL
            );
            CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);
            CREATE INDEX ix_notes_usn ON notes (usn);
            CREATE INDEX ix_cards_usn ON cards (usn);
            CREATE INDEX ix_revlog_usn ON revlog (usn);
            CREATE INDEX ix_cards_nid ON cards (nid);
            CREATE INDEX ix_cards_sched ON cards (did, queue, due);
            CREATE INDEX ix_revlog_cid ON revlog (cid);
            CREATE INDEX ix_notes_csum ON notes (csum);
            """)
    }
}
