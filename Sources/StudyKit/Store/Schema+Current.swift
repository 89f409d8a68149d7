import GRDB

extension Schema {
    /// Today's schema in one script, for a file that has none yet: what the migrations leave
    /// behind, without their history.
    ///
    /// Replaying the migrations on a new file cost 45 million instructions (about 15 ms) at the
    /// start of every full index, most of it SQLite re-reading the whole schema at each of v9's
    /// four table renames, and the index's writer waits for the schema before it stores the
    /// first note. This script takes a fifth of that (9 million). The migrations stay for files
    /// made by an older kb; `SchemaTests` checks that both ways give the same tables, indexes,
    /// triggers, full-text settings and recorded migrations. A new migration must change both.
    ///
    /// Tables no migration changed since v1 (`file`, `note`, `section`, `card`, `schedule`,
    /// `review`) are written out here again rather than shared with v1: v1 made them together
    /// with tables that later changed, its text stays as shipped, and this script reads as the
    /// whole schema. The quiz log, made by one function and never changed, is shared.
    static func createCurrent(_ db: Database) throws {
        let deferred = "ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED"
        try db.execute(sql: """
            PRAGMA application_id = \(applicationID);
            CREATE TABLE file (
                path TEXT PRIMARY KEY NOT NULL,
                mtime DOUBLE NOT NULL,
                size INTEGER NOT NULL,
                hash TEXT NOT NULL,
                skipped BOOLEAN NOT NULL DEFAULT 0
            );
            CREATE TABLE warning (
                path TEXT NOT NULL REFERENCES file(path) \(deferred),
                line INTEGER NOT NULL,
                seq INTEGER NOT NULL,
                message TEXT NOT NULL,
                PRIMARY KEY (path, line, seq)
            ) WITHOUT ROWID;
            CREATE TABLE note (
                id INTEGER PRIMARY KEY,
                path TEXT NOT NULL UNIQUE REFERENCES file(path) ON DELETE CASCADE,
                title TEXT NOT NULL,
                isDeck BOOLEAN NOT NULL,
                demo TEXT,
                cardsMode TEXT NOT NULL
            );
            CREATE TABLE topic (
                noteId INTEGER NOT NULL REFERENCES note(id) \(deferred),
                name TEXT NOT NULL,
                PRIMARY KEY (noteId, name)
            ) WITHOUT ROWID;
            CREATE INDEX topic_name ON topic(name);
            CREATE TABLE section (
                id INTEGER PRIMARY KEY,
                noteId INTEGER NOT NULL REFERENCES note(id) ON DELETE CASCADE,
                ordinal INTEGER NOT NULL,
                title TEXT NOT NULL,
                heading TEXT NOT NULL,
                topics TEXT NOT NULL,
                body TEXT NOT NULL,
                level INTEGER NOT NULL,
                line INTEGER NOT NULL,
                endLine INTEGER NOT NULL
            );
            CREATE INDEX section_note ON section(noteId);
            CREATE VIRTUAL TABLE sectionFts USING fts5(
                title, heading, topics, body,
                content='section', content_rowid='id',
                tokenize='kb_cached porter unicode61 remove_diacritics 2'
            );
            INSERT INTO sectionFts(sectionFts, rank) VALUES ('hashsize', 33554432);
            INSERT INTO sectionFts(sectionFts, rank) VALUES ('automerge', 8);
            CREATE VIRTUAL TABLE sectionVocab USING fts5vocab(sectionFts, 'row');
            CREATE TRIGGER section_ad AFTER DELETE ON section BEGIN
                INSERT INTO sectionFts(sectionFts, rowid, title, heading, topics, body)
                VALUES ('delete', old.id, old.title, old.heading, old.topics, old.body);
            END;
            CREATE TRIGGER section_au AFTER UPDATE ON section BEGIN
                INSERT INTO sectionFts(sectionFts, rowid, title, heading, topics, body)
                VALUES ('delete', old.id, old.title, old.heading, old.topics, old.body);
                INSERT INTO sectionFts(rowid, title, heading, topics, body)
                VALUES (new.id, new.title, new.heading, new.topics, new.body);
            END;
            CREATE TABLE link (
                id INTEGER PRIMARY KEY,
                noteId INTEGER NOT NULL REFERENCES note(id) \(deferred),
                line INTEGER NOT NULL,
                url TEXT NOT NULL,
                text TEXT NOT NULL,
                title TEXT NOT NULL,
                isExternal BOOLEAN NOT NULL,
                host TEXT,
                targetPath TEXT,
                heading TEXT NOT NULL
            );
            CREATE INDEX link_note ON link(noteId);
            CREATE TABLE card (
                id INTEGER PRIMARY KEY,
                key TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL,
                front TEXT NOT NULL,
                back TEXT NOT NULL,
                deck TEXT NOT NULL,
                path TEXT NOT NULL,
                line INTEGER NOT NULL,
                ordinal INTEGER NOT NULL,
                siblingGroup TEXT,
                status TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'retired')),
                createdDay INTEGER NOT NULL,
                retiredDay INTEGER
            );
            CREATE INDEX card_path ON card(path);
            CREATE INDEX card_status ON card(status, deck);
            CREATE TABLE cardTopic (
                cardId INTEGER NOT NULL REFERENCES card(id) \(deferred),
                name TEXT NOT NULL,
                PRIMARY KEY (cardId, name)
            ) WITHOUT ROWID;
            CREATE INDEX cardTopic_name ON cardTopic(name, cardId);
            CREATE TABLE schedule (
                cardId INTEGER PRIMARY KEY REFERENCES card(id) ON DELETE CASCADE,
                repetitions INTEGER NOT NULL,
                ease INTEGER NOT NULL,
                interval INTEGER NOT NULL,
                due INTEGER,
                lapses INTEGER NOT NULL,
                lastDay INTEGER
            );
            CREATE INDEX schedule_due ON schedule(due);
            CREATE TABLE review (
                id INTEGER PRIMARY KEY,
                cardId INTEGER NOT NULL REFERENCES card(id) ON DELETE CASCADE,
                day INTEGER NOT NULL,
                reviewedAt DOUBLE NOT NULL,
                grade INTEGER NOT NULL CHECK (grade BETWEEN 0 AND 5),
                seconds DOUBLE NOT NULL,
                isDrill BOOLEAN NOT NULL,
                prevRepetitions INTEGER NOT NULL,
                prevEase INTEGER NOT NULL,
                prevInterval INTEGER NOT NULL,
                prevDue INTEGER,
                prevLapses INTEGER NOT NULL,
                prevLastDay INTEGER
            );
            CREATE INDEX review_card ON review(cardId);
            CREATE INDEX review_day ON review(day);
            CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;
            CREATE TABLE cardDuplicate (
                path TEXT NOT NULL REFERENCES file(path) ON DELETE CASCADE,
                keptPath TEXT NOT NULL,
                PRIMARY KEY (path, keptPath)
            ) WITHOUT ROWID;
            CREATE INDEX cardDuplicate_kept ON cardDuplicate(keptPath);
            """)
        try createQuizLog(db)
        // What GRDB's migrator keeps, so that it finds every migration applied.
        try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
        for identifier in migrator.migrations {
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [identifier])
        }
    }
}
