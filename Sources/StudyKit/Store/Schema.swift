import GRDB

/// The database schema as append-only migrations: never edit one that has shipped, add another,
/// and give `createCurrent` (a new file's schema in one script) the same change: `SchemaTests`
/// fails until both agree.
enum Schema {
    /// `PRAGMA application_id` of a kb database ('kb' and a version byte), so that kb never
    /// writes into a SQLite file it did not create.
    static let applicationID: Int32 = 0x6B62_0001

    /// Whether the file holds migrations this kb does not know (a newer kb wrote it), and
    /// whether it has all of ours: one plain query on GRDB's table, not the migrator's checks
    /// (which look the table up, then read it twice). Call it inside a read transaction.
    static func state(_ db: Database) throws -> (superseded: Bool, migrated: Bool) {
        let known = Set(migrator.migrations)
        let applied: Set<String>
        do {
            applied = try String.fetchSet(db, sql: "SELECT identifier FROM grdb_migrations")
        } catch DatabaseError.SQLITE_ERROR {
            // No such table: a new file, or one another kb is creating this very moment (GRDB's
            // own check then throws when the table appears between its two queries). Not
            // migrated: the migrator runs under the write lock and sees the truth there.
            return (false, false)
        }
        return (!applied.isSubset(of: known), known.isSubset(of: applied))
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try createNotes(db)
            try createCards(db)
        }
        migrator.registerMigration("v2-quiz") { db in
            try createQuizLog(db)
        }
        migrator.registerMigration("v3-fts-without-prefix-index") { db in
            try rebuildSearchWithoutPrefixIndex(db)
        }
        migrator.registerMigration("v4-meta") { db in
            // Small facts about the index as a whole; today only the tree fingerprint (Scanner).
            try db.execute(sql: "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID")
        }
        migrator.registerMigration("v5-card-duplicates") { db in
            // Which file dropped a duplicate of a card held by which file (ReconcilePlan.duplicates).
            try db.execute(sql: """
                CREATE TABLE cardDuplicate (
                    path TEXT NOT NULL REFERENCES file(path) ON DELETE CASCADE,
                    keptPath TEXT NOT NULL,
                    PRIMARY KEY (path, keptPath)
                ) WITHOUT ROWID;
                CREATE INDEX cardDuplicate_kept ON cardDuplicate(keptPath);
                -- Read every file once more so that the table starts complete (cards are unchanged by it).
                UPDATE file SET mtime = -1, hash = '';
                DELETE FROM meta WHERE key = 'tree';
                """)
        }
        migrator.registerMigration("v6-search-vocabulary") { db in
            // The index's terms, for widening `prefix*` queries (AppDatabase.shorterStems).
            try db.execute(sql: "CREATE VIRTUAL TABLE sectionVocab USING fts5vocab(sectionFts, 'row')")
        }
        migrator.registerMigration("v7-fts-cached-tokenizer") { db in
            try rebuildSearchWithCachedTokenizer(db)
        }
        migrator.registerMigration("v8-fts-automerge-8") { db in
            // FTS5 merges the segments of a level once there are this many (its default is 4).
            // The indexer writes a segment per batch of sections, and more of them since it
            // fills its waits for the parser with full-text work (`searchBatchWhileWaiting`):
            // merging eight at a time rewrites each term's data less often; a search reads at
            // most seven segments a level instead of three, which it does not notice at our sizes.
            // Like `hashsize` (v7), it lives in the table's own config: a migration that drops
            // and recreates `sectionFts` must set both again.
            try db.execute(sql: "INSERT INTO sectionFts(sectionFts, rank) VALUES ('automerge', 8)")
        }
        migrator.registerMigration("v9-deferred-child-keys") { db in
            try deferChildKeys(db)
        }
        migrator.registerMigration("v10-no-link-url-index") { db in
            // No query looks links up by URL: `refs` scans the external ones (a LIKE that is
            // not case-sensitive cannot use a binary index) and groups them in Swift. The index
            // cost every link insert a search of a tree keyed by long, unordered strings:
            // 9,060 of them in a full index of the 7 MB corpus.
            try db.execute(sql: "DROP INDEX link_url")
        }
        return migrator
    }

    /// The tables the indexer fills with multi-row inserts (warnings, topics, links, card
    /// topics) get foreign keys checked at commit rather than at each statement.
    ///
    /// A multi-row INSERT that may fail half-way (an immediate foreign key, or a NOT NULL
    /// column under the default ABORT) runs inside a statement journal: SQLite copies every
    /// page the statement changes, in case it must undo the statement alone. In a full index
    /// of the 7 MB corpus that was 85 MB of copies, 92 million of the writer's 1.76 billion
    /// instructions. A deferred key is counted, not checked, until the commit; the inserts use
    /// OR IGNORE for NOT NULL (they never bind a NULL there). ON DELETE CASCADE still acts at
    /// once. SQLite cannot alter a constraint, so each table is copied into a new one.
    ///
    /// Warnings are also kept in the order they are listed, by path, line (0 for the whole
    /// file) and `seq` (the order of report), with no rowid and no second index: `kb index`
    /// lists all of them at every run, and read 9,462 rows by the path index and sorted them
    /// (53 million instructions, most of a no-change index of the 7 MB corpus).
    private static func deferChildKeys(_ db: Database) throws {
        let deferred = "ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED"
        try db.execute(sql: """
            CREATE TABLE warning_new (
                path TEXT NOT NULL REFERENCES file(path) \(deferred),
                line INTEGER NOT NULL,
                seq INTEGER NOT NULL,
                message TEXT NOT NULL,
                PRIMARY KEY (path, line, seq)
            ) WITHOUT ROWID;
            INSERT INTO warning_new (path, line, seq, message) SELECT path, coalesce(line, 0), id, message FROM warning;
            DROP TABLE warning;
            ALTER TABLE warning_new RENAME TO warning;

            CREATE TABLE topic_new (
                noteId INTEGER NOT NULL REFERENCES note(id) \(deferred),
                name TEXT NOT NULL,
                PRIMARY KEY (noteId, name)
            ) WITHOUT ROWID;
            INSERT INTO topic_new (noteId, name) SELECT noteId, name FROM topic;
            DROP TABLE topic;
            ALTER TABLE topic_new RENAME TO topic;
            CREATE INDEX topic_name ON topic(name);

            CREATE TABLE link_new (
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
            INSERT INTO link_new (id, noteId, line, url, text, title, isExternal, host, targetPath, heading)
                SELECT id, noteId, line, url, text, title, isExternal, host, targetPath, heading FROM link;
            DROP TABLE link;
            ALTER TABLE link_new RENAME TO link;
            CREATE INDEX link_note ON link(noteId);
            CREATE INDEX link_url ON link(url);

            CREATE TABLE cardTopic_new (
                cardId INTEGER NOT NULL REFERENCES card(id) \(deferred),
                name TEXT NOT NULL,
                PRIMARY KEY (cardId, name)
            ) WITHOUT ROWID;
            INSERT INTO cardTopic_new (cardId, name) SELECT cardId, name FROM cardTopic;
            DROP TABLE cardTopic;
            ALTER TABLE cardTopic_new RENAME TO cardTopic;
            CREATE INDEX cardTopic_name ON cardTopic(name, cardId);
            """)
    }

    private static func createNotes(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE file (
                path TEXT PRIMARY KEY NOT NULL,
                mtime DOUBLE NOT NULL,
                size INTEGER NOT NULL,
                hash TEXT NOT NULL,
                skipped BOOLEAN NOT NULL DEFAULT 0
            );
            CREATE TABLE warning (
                id INTEGER PRIMARY KEY,
                path TEXT NOT NULL REFERENCES file(path) ON DELETE CASCADE,
                line INTEGER,
                message TEXT NOT NULL
            );
            CREATE INDEX warning_path ON warning(path);
            CREATE TABLE note (
                id INTEGER PRIMARY KEY,
                path TEXT NOT NULL UNIQUE REFERENCES file(path) ON DELETE CASCADE,
                title TEXT NOT NULL,
                isDeck BOOLEAN NOT NULL,
                demo TEXT,
                cardsMode TEXT NOT NULL
            );
            CREATE TABLE topic (
                noteId INTEGER NOT NULL REFERENCES note(id) ON DELETE CASCADE,
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
                tokenize='porter unicode61 remove_diacritics 2', prefix='2 3'
            );
            CREATE TRIGGER section_ai AFTER INSERT ON section BEGIN
                INSERT INTO sectionFts(rowid, title, heading, topics, body)
                VALUES (new.id, new.title, new.heading, new.topics, new.body);
            END;
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
                noteId INTEGER NOT NULL REFERENCES note(id) ON DELETE CASCADE,
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
            CREATE INDEX link_url ON link(url);
            """)
    }

    private static func createCards(_ db: Database) throws {
        try db.execute(sql: """
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
                cardId INTEGER NOT NULL REFERENCES card(id) ON DELETE CASCADE,
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
            """)
    }

    /// The full-text table rebuilt without `prefix='2 3'`, and filled by the indexer in one
    /// statement instead of by an insert trigger (DESIGN.md 7 asks for both; we measured them).
    ///
    /// FTS5 uses a prefix index only for a prefix query of exactly that length (`ab*`, `abc*`),
    /// yet it writes every token three times to keep them. On a 7 MB corpus the prefix indexes
    /// tripled the time to fill the table (0.25 s to 0.76 s), while a ranked `ca*` query without
    /// them took 14 ms instead of 11 ms; `calibrat*` never used them.
    ///
    /// The insert trigger was worse: every INSERT into `section` then ran inside a statement
    /// savepoint, and FTS5 (SQLite 3.40) writes its pending terms out as a new segment at each
    /// savepoint, so a full index wrote thousands of tiny segments and merged them again. The
    /// indexer now inserts the new sections' rows with one INSERT ... SELECT per run. The delete
    /// and update triggers stay: they run per edited note, where the cost does not show.
    private static func rebuildSearchWithoutPrefixIndex(_ db: Database) throws {
        try db.execute(sql: """
            DROP TRIGGER section_ai;
            DROP TABLE sectionFts;
            CREATE VIRTUAL TABLE sectionFts USING fts5(
                title, heading, topics, body,
                content='section', content_rowid='id',
                tokenize='porter unicode61 remove_diacritics 2'
            );
            INSERT INTO sectionFts(sectionFts) VALUES ('rebuild');
            """)
    }

    /// The full-text table rebuilt with the same tokens from a cheaper tokenizer, and a larger
    /// buffer of pending terms.
    ///
    /// `kb_cached` (tokenizer.c) gives exactly the tokens of `porter unicode61 remove_diacritics 2`,
    /// which it wraps, but runs them once per distinct ASCII word rather than once per word:
    /// 0.35 of the 4.1 billion instructions of a full 7 MB index went to folding and stemming.
    /// `hashsize` (FTS5's default is 1 MB) is how much a statement gathers before FTS5 writes a
    /// segment; the indexer's batches of sections (`AppDatabase.searchBatch`) stay under 32 MB,
    /// so each batch is one segment instead of several that are merged again at once.
    private static func rebuildSearchWithCachedTokenizer(_ db: Database) throws {
        try db.execute(sql: """
            DROP TABLE sectionFts;
            CREATE VIRTUAL TABLE sectionFts USING fts5(
                title, heading, topics, body,
                content='section', content_rowid='id',
                tokenize='kb_cached porter unicode61 remove_diacritics 2'
            );
            INSERT INTO sectionFts(sectionFts, rank) VALUES ('hashsize', 33554432);
            INSERT INTO sectionFts(sectionFts) VALUES ('rebuild');
            """)
    }

    /// The quiz log (issue 6): one row per quiz, one per answer, and the answer's topics, so
    /// accuracy per topic is a GROUP BY. An answer points at a card or at a design prompt (by its
    /// key: prompts live in notes' text, not in a table of their own), never both.
    static func createQuizLog(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE quiz (
                id INTEGER PRIMARY KEY,
                day INTEGER NOT NULL,
                startedAt DOUBLE NOT NULL,
                seed INTEGER NOT NULL,
                scheduled BOOLEAN NOT NULL
            );
            CREATE TABLE quizAnswer (
                id INTEGER PRIMARY KEY,
                quizId INTEGER NOT NULL REFERENCES quiz(id) ON DELETE CASCADE,
                kind TEXT NOT NULL CHECK (kind IN ('choice', 'typed', 'prompt')),
                cardId INTEGER REFERENCES card(id) ON DELETE CASCADE,
                promptKey TEXT,
                promptPath TEXT,
                correct BOOLEAN NOT NULL,
                grade INTEGER NOT NULL CHECK (grade BETWEEN 0 AND 5),
                seconds DOUBLE NOT NULL,
                answeredAt DOUBLE NOT NULL,
                CHECK ((cardId IS NULL) != (promptKey IS NULL))
            );
            CREATE INDEX quizAnswer_quiz ON quizAnswer(quizId);
            CREATE INDEX quizAnswer_card ON quizAnswer(cardId);
            CREATE TABLE quizAnswerTopic (
                answerId INTEGER NOT NULL REFERENCES quizAnswer(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                PRIMARY KEY (answerId, name)
            ) WITHOUT ROWID;
            CREATE INDEX quizAnswerTopic_name ON quizAnswerTopic(name);
            """)
    }
}
