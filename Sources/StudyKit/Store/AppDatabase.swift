import Foundation
import Glibc
import GRDB
import GRDBSQLite
import CSQLiteSupport
import Synchronization

/// The one SQLite file of a kb root: notes, sections, links, topics, cards and review history.
///
/// Every write method runs one transaction and is named for what it does. Writes take the
/// write lock up front (IMMEDIATE), so two kb processes wait for each other instead of failing.
public final class AppDatabase: Sendable {
    /// The connection, and the new file it is building when there is one (`open(path:building:)`).
    private let state: Mutex<State>

    private struct State {
        var writer: any DatabaseWriter
        var build: Build?
        /// The migration of a new build, running on a thread of its own (`startBuild`), and
        /// what it threw once it is over.
        var migration: Pending<(any Error)?>?
        var migrationError: (any Error)?

        /// Waits for the build's migration, if one is under way.
        mutating func settle() {
            guard let migration else { return }
            migrationError = migration.wait()
            self.migration = nil
        }
    }

    /// A new database file indexed under a temporary name before it takes its real one.
    struct Build: Sendable {
        /// Where it is built (`DatabaseFiles.newBuildPath`).
        let path: String
        let finalPath: String
        /// Whether a write transaction ran on it (`write(building:)`).
        var written = false
    }

    /// The connection, once the schema is there (a new build's migration may still be running).
    var writer: any DatabaseWriter {
        state.withLock { state in
            state.settle()
            return state.writer
        }
    }

    /// The connection, or the error that stopped a new build's migration.
    private func connection() throws -> any DatabaseWriter {
        try state.withLock { state in
            state.settle()
            if let error = state.migrationError { throw error }
            return state.writer
        }
    }

    /// True for a new file being built (`open(path:building:)`) that nothing was written to yet:
    /// the index can take every file for new without asking it.
    public var isUnwrittenBuild: Bool { state.withLock { $0.build?.written == false } }

    /// `migrated` is what `Schema.state` found; otherwise the migrator decides, under the write
    /// lock (a read outside it can race another kb that is creating the file).
    init(_ writer: any DatabaseWriter, migrated: Bool = false) throws {
        state = Mutex(State(writer: writer))
        // The usual case, a database already up to date, needs no write lock at all.
        if !migrated { try Self.migrate(writer) }
    }

    /// A new build, whose schema is made on a thread of its own: the index reads and parses the
    /// notes meanwhile (it needs nothing from an empty file), and its first use of the
    /// connection waits for the schema (`Schema.createCurrent`: 9 million instructions, where
    /// replaying the migrations took 45 million, about 15 ms).
    private init(building queue: DatabaseQueue, build: Build) {
        let migration = Pending<(any Error)?>()
        state = Mutex(State(writer: queue, build: build, migration: migration))
        Thread {
            do {
                // The file is new and ours alone (a temporary name): today's schema at once.
                try queue.write(Schema.createCurrent)
                migration.fulfil(nil)
            } catch {
                migration.fulfil(error)
            }
        }.start()
    }

    deinit {
        // A build never published (the index failed, or the command never indexed) is dropped.
        state.withLock { state in
            state.settle()
            guard let build = state.build else { return }
            try? state.writer.close()
            DatabaseFiles.remove(build.path)
        }
    }

    private static func migrate(_ writer: any DatabaseWriter) throws {
        // Two processes opening a new file at once can both decide to run the same migration:
        // GRDB reads which migrations are applied before it takes the write lock for each one,
        // so the later process fails on "table already exists", or, for a migration that can run
        // twice (v7 drops and recreates a table), on recording it in GRDB's table of applied
        // migrations (a constraint), possibly once per migration the other one is still
        // applying. The failed migration's transaction is rolled back; each new attempt starts
        // from what is applied by then, so the attempts allowed grow with the migrations.
        let migrator = Schema.migrator
        let attempts = 2 * migrator.migrations.count + 2
        var attempt = 1
        while true {
            do {
                try migrator.migrate(writer)
                return
            } catch let error as DatabaseError where attempt < attempts && (error.resultCode == .SQLITE_ERROR
                || (error.resultCode == .SQLITE_CONSTRAINT && error.sql?.contains("grdb_migrations") == true)) {
                attempt += 1
                usleep(20_000)
            }
        }
    }

    /// Opens (or creates) the database file at `path`, refusing files that are not ours.
    ///
    /// With `building`, for a caller that indexes next (`Indexer.run` publishes the file): a file
    /// that does not exist yet is built under a temporary name, without a log, and takes its
    /// name only when the index is in it (`publish`). A full index of the 7 MB corpus otherwise
    /// wrote its 18 MB twice, once to the -wal file at the commit and once more from there into
    /// the database at the checkpoint, on the writer's path: median wall time 685 -> 600 ms over
    /// 20 alternated rounds. Nothing is lost if kb stops half-way: the real name never points at
    /// a partial file.
    public static func open(path: String, building: Bool = false) throws -> AppDatabase {
        do {
            let exists = FileManager.default.fileExists(atPath: path)
            if !exists { try createFolder(of: path) }
            if building && !exists { return try startBuild(finalPath: path) }
            let (queue, migrated) = try openQueue(path: path, inWALMode: exists ? verify(path: path) : false)
            return try AppDatabase(queue, migrated: migrated)
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw StoreError.notADatabase(path: path)
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "\(error)")
        }
    }

    private static func createFolder(of path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        guard !folder.isEmpty else { return }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "cannot create \(folder): \(error.localizedDescription)")
        }
    }

    /// The one connection to an existing (or empty) file, switched to WAL if it is not yet;
    /// `migrated` tells whether the schema is already the latest.
    private static func openQueue(path: String, inWALMode: Bool) throws -> (DatabaseQueue, migrated: Bool) {
        // One connection, in WAL mode: a kb process reads and writes from one thread at a
        // time, and a pool opened a writer and a reader connection (each reading the schema)
        // for every command. Other processes still read while one writes.
        let queue = try DatabaseQueue(path: path, configuration: configuration())
        // WAL is a property of the file, set once when it is new. (GRDB's `.wal` set-up
        // asked for it at every open, and checked the log's size through Foundation, which
        // reads /etc/passwd and /etc/group: 0.7 ms of every command.)
        if !inWALMode {
            try queue.inDatabase { db in
                // Before WAL, which fixes it; an existing file keeps its own (`pageSize`).
                try db.execute(sql: "PRAGMA page_size = \(Self.pageSize)")
                do {
                    guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                        throw StoreError.cannotOpen(path: path, reason: "SQLite could not switch the file to WAL mode")
                    }
                } catch DatabaseError.SQLITE_BUSY {
                    // Another kb is creating the file and holds it: it switches the file to
                    // WAL itself, and this connection finds that in the header when it reads.
                }
            }
        }
        // In one read transaction: another kb may be creating the schema right now, and the
        // fallback inside `state` must see the same snapshot as the first query.
        let (superseded, migrated) = try queue.read { db in try Schema.state(db) }
        if superseded { throw StoreError.newerSchema(path: path) }
        return (queue, migrated)
    }

    /// A new file under a temporary name in the same folder, with the journal in memory (a
    /// failed statement still rolls back), no fsync until `publish`, and no foreign-key checks.
    private static func startBuild(finalPath: String) throws -> AppDatabase {
        DatabaseFiles.removeAbandonedBuilds(of: finalPath)
        let build = Build(path: DatabaseFiles.newBuildPath(for: finalPath), finalPath: finalPath)
        DatabaseFiles.remove(build.path)
        do {
            let queue = try DatabaseQueue(path: build.path, configuration: configuration())
            try queue.inDatabase { db in
                try db.execute(sql: "PRAGMA page_size = \(Self.pageSize)")
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = MEMORY")
                try db.execute(sql: "PRAGMA synchronous = OFF")
                // A page cache of 2 MB rather than the 32 MB every other connection gets: the
                // new file has no log, so a full cache writes its least recently used pages
                // straight into the file while the index runs, beside the parse threads, instead
                // of all 18 MB at the commit with one core idle (commit 8 -> 2 ms; median full
                // index of the 7 MB corpus 253 -> 247 ms over 41 alternated runs; a page wanted
                // again is read back from the OS's cache). At 70 MB (8,000 files) the full index
                // took 2.48 s rather than 3.05 s (medians of 4 alternated runs).
                try db.execute(sql: "PRAGMA cache_size = -2048")
                // No foreign-key checks while the index fills the empty file: every row it writes
                // refers to one it wrote before (a test runs `foreign_key_check` on a build), and
                // nothing is deleted, so no cascade is missed. Checking each section, link, topic,
                // card and warning against its parent cost 63 million of the writer's 1,370
                // million instructions on the 7 MB corpus. `publish` reopens with them on.
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
            }
            return AppDatabase(building: queue, build: build)
        } catch {
            DatabaseFiles.remove(build.path)
            throw error
        }
    }

    /// Gives a file built by `open(path:building:)` its real name, and reopens it there as any
    /// existing database (in WAL mode from now on). Returns true when it did, false when another
    /// kb created the file first (this build is dropped and the connection is to that file),
    /// nil when there was nothing to publish.
    ///
    /// The name is taken with link(2), which fails if it exists, so a file that another kb made
    /// meanwhile (and may already have written reviews to) is never replaced.
    @discardableResult
    func publish() throws -> Bool? {
        try state.withLock { state -> Bool? in
            state.settle()
            if let error = state.migrationError { throw error }
            guard let build = state.build else { return nil }
            try state.writer.close()
            state.build = nil
            let published = try DatabaseFiles.moveIntoPlace(build.path, as: build.finalPath)
            // Builds of a kb stopped meanwhile (or not yet reaped when this one started).
            DatabaseFiles.removeAbandonedBuilds(of: build.finalPath)
            let (queue, migrated) = try Self.openQueue(path: build.finalPath, inWALMode: Self.verify(path: build.finalPath))
            if !migrated { try Self.migrate(queue) }
            state.writer = queue
            return published
        }
    }

    /// Starts writing a new build's file to disk once the index is committed to it, so that the
    /// fsync of `publish` (about 19 ms for the 18 MB of a full 7 MB index on this machine's disk)
    /// finds less left to do after the warnings are listed. Nothing for any other file.
    func startWriteback() {
        guard let path = state.withLock({ $0.build?.path }) else { return }
        _ = kb_start_writeback(path)
    }

    /// Page size of a new database file, in bytes (SQLite's default is 4,096). A full index of
    /// the 7 MB corpus writes a 19 MB file in one transaction, and every page goes through the
    /// log twice (two writes at the commit, a read and a write at the checkpoint): 16 KB pages
    /// cut those system calls from 18,700 to 4,600, and the writer's instructions by 34 million
    /// (fewer pages to split and balance). Over 20 alternated runs, median 780 -> 735 ms;
    /// searches read no slower (`bench-index`: 2.6-4.3 ms median either way). 32 KB pages were
    /// measured a round later: the full index faster again (the writer -14 million, median
    /// 570 -> 550 ms), but `kb today` on 100,000 cards slower (31.4 -> 36.2 ms median over 21
    /// alternated runs, the log empty), and the daily commands come first.
    static let pageSize = 16_384

    /// An empty in-memory database, for tests.
    public static func inMemory() throws -> AppDatabase {
        let queue = try DatabaseQueue(configuration: configuration())
        try queue.write(Schema.createCurrent)
        return try AppDatabase(queue, migrated: true)
    }

    /// SQLite's process-wide settings (`kb_sqlite_configure_process`), made once before the first
    /// connection: every way of opening one goes through `configuration()` or names this.
    static let sqliteConfigured: Void = { _ = kb_sqlite_configure_process() }()

    static func configuration() -> Configuration {
        _ = sqliteConfigured
        var config = Configuration()
        config.busyMode = .timeout(60)
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in
            // Keep the -wal file when a checkpoint empties it, rather than deleting and creating
            // it again: a read-only connection (`verify`) needs it to exist, and deleting is one
            // more directory write. (GRDB's pool also made a table to recreate a missing one.)
            var persist: Int32 = 1
            _ = sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_PERSIST_WAL, &persist)
            // And no checkpoint when it closes: the last connection to close folds the log back
            // with three fsyncs and a truncate, at the end of every command, reads included
            // (1.5 ms of a 15 ms `kb search`). The log is folded back by SQLite's own automatic
            // checkpoint at commit instead, kept small (256 pages rather than 1,000: 4 MB with
            // 16 KB pages, 1 MB in a file made with 4 KB ones) because a process that opens the
            // file first reads all of the log, and by `compactLog` after writes.
            _ = kb_sqlite_checkpoint_on_close(db.sqliteConnection, 0)
            // The search's ranking function and the full-text table's tokenizer (rank.c, tokenizer.c).
            let registered = kb_sqlite_register_fts5(db.sqliteConnection)
            if registered != SQLITE_OK { throw DatabaseError(resultCode: ResultCode(rawValue: registered), message: "cannot register kb_rank and kb_cached") }
            // As GRDB set it for WAL: a commit survives kb being killed at once; only a power
            // cut can lose the commits since the last checkpoint, and never corrupts the file.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 256; PRAGMA synchronous = NORMAL")
            // Statement journals in memory: a statement inside the index's one transaction that
            // may fail half-way keeps the pages it changes in one, which SQLite spills to a
            // temporary file past 64 KB. The multi-row inserts made 41,558 writes, 85 MB, in a
            // full index of the 7 MB corpus, all system calls on the writer's path; since v9
            // (Schema) they need none, and the full-text inserts' stay small. And a page cache
            // of up to 32 MB rather than 2: that index builds a 19 MB file in one transaction,
            // and a small cache wrote pages to the log and read them back before the commit
            // (10,043 reads; 4,661 with the larger cache, the checkpoint's).
            try db.execute(sql: "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -32768")
            // Debian builds SQLite with SQLITE_SECURE_DELETE, which zeroes freed cells and every
            // B-tree page it initialises (the whole 16 KB, beside the pager zeroing a new page
            // already): off, the writer ran 15 million fewer of its 1.15 billion instructions in
            // a full index of the 7 MB corpus. A study index holds nothing that needs scrubbing
            // from the file.
            try db.execute(sql: "PRAGMA secure_delete = OFF")
        }
        return config
    }

    /// Reads the header of an existing file without changing it: an empty file is fine, a SQLite
    /// file must carry our application id (or be empty), anything else is refused. Returns
    /// whether the file is in WAL mode (header bytes 18 and 19 are 2).
    private static func verify(path: String) throws -> Bool {
        // POSIX calls: FileManager's attributes look up the owner's and group's names in
        // /etc/passwd and /etc/group, half a millisecond of every command.
        var info = stat()
        guard stat(path, &info) == 0, info.st_size > 0 else { return false }
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw StoreError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        var header = [UInt8](repeating: 0, count: 100)
        let count = pread(descriptor, &header, 100, 0)
        Glibc.close(descriptor)
        guard count == 100, header.starts(with: Array("SQLite format 3\0".utf8)) else {
            throw StoreError.notADatabase(path: path)
        }
        // Bytes 68-71 hold the application id, big-endian: when they are ours, no need to open
        // the file through SQLite to be sure (a brand-new file may still have it only in its WAL).
        let headerID = header[68..<72].reduce(UInt32(0)) { ($0 << 8) | UInt32($1) }
        let inWALMode = header[18] == 2 && header[19] == 2
        if headerID == UInt32(bitPattern: Schema.applicationID) { return inWALMode }
        // The id is read through SQLite, not from the header bytes: in WAL mode a fresh header
        // may still sit in the -wal file.
        _ = sqliteConfigured
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(60)
        let id: Int32
        let tables: Int
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            (id, tables) = try queue.read { db in
                (try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
                 // GRDB creates its migrations table before the first migration sets our id.
                 try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'grdb!_%' ESCAPE '!' AND name NOT LIKE 'sqlite!_%' ESCAPE '!'") ?? 0)
            }
            try queue.close()
        } catch {
            throw StoreError.notADatabase(path: path)
        }
        if id != 0 && id != Schema.applicationID { throw StoreError.notOurs(path: path) }
        if id == 0 && tables > 0 { throw StoreError.notOurs(path: path) }
        return inWALMode
    }

    /// A log above this size is folded back after a write (see `compactLog`).
    public static let largeLog = 256 << 10

    /// After a write that grew the log (an index that changed files, a review session, an
    /// import): fold the -wal file back into the database and truncate it.
    ///
    /// The -wal file stays between runs, and connections do not checkpoint when they close (see
    /// `configuration()`), so a process that opens the file first rebuilds SQLite's index of the
    /// log by reading every frame in it: after indexing 70 MB of notes that was 250 MB read at
    /// the start of every `kb search`, and 1.5 MB (after a small index) cost 1.5 ms of one.
    /// With one connection and WAL set once (no GRDB pool set-up), an empty log is fine.
    public func compactLog(above threshold: Int = largeLog) throws {
        var info = stat()
        guard stat(writer.path + "-wal", &info) == 0, Int(info.st_size) > threshold else { return }
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
    }

    /// Runs `body` in one IMMEDIATE write transaction. A new file still being built is published
    /// first (`publish`), unless the write is the index that builds it (`building`): nothing but
    /// the index is written to a file that may yet be dropped.
    func write<T>(building: Bool = false, _ body: (Database) throws -> T) throws -> T {
        if !building { try publish() }
        let writer = try connection()
        state.withLock { $0.build?.written = true }
        return try writer.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .commit
            }
            guard let result else { throw StoreError.cannotOpen(path: writer.path, reason: "transaction produced no result") }
            return result
        }
    }

    /// Runs `body` with a consistent read-only view.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try connection().read(body)
    }
}
