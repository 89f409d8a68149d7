import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import StudyKit

/// Options every command shares: where the notes and the database are, and whether to index.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The folder holding Notes/ and Decks/ (default: KB_ROOT, else the nearest one above).", valueName: "path"))
    var root: String?

    @Option(name: .long, help: ArgumentHelp("The database file (default: KB_DB, else <root>/.kb/kb.sqlite).", valueName: "file"))
    var db: String?

    @Flag(name: .long, help: "Skip bringing the index up to date before the command.")
    var noIndex = false

    var place: Place { Place(root: root, db: db, noIndex: noIndex) }

    /// Builds the context: finds the root, opens the database, fixes today, indexes unless told not to.
    /// `indexesItself`: the command runs the indexer on its own (a new database file is then
    /// built for it, as for the index here; see `AppDatabase.open(path:building:)`).
    func context(index: Bool = true, indexesItself: Bool = false) throws -> Context {
        try place.context(index: index, indexesItself: indexesItself)
    }

    static func findRoot(explicit: String?) throws -> URL {
        URL(fileURLWithPath: try findRootPath(explicit: explicit), isDirectory: true)
    }

    /// The root as an absolute path without `.`, `..` or repeated slashes: the `--root` folder,
    /// else the nearest folder holding Notes/ or Decks/ from the working folder up.
    ///
    /// POSIX calls and string work only: Foundation's first URL of a process costs half a
    /// millisecond, 5% of a whole `kb search` on the bundled notes.
    static func findRootPath(explicit: String?, from cwd: String = currentDirectory()) throws -> String {
        if let explicit, !explicit.isEmpty {
            let path = PathText.absolute(explicit, in: cwd)
            guard isFolder(path) else { throw UserError("root \(explicit) is not a folder") }
            return path
        }
        var folder = PathText.absolute(cwd, in: "/")
        while true {
            for name in Scanner.folders where exists(PathText.absolute(name, in: folder)) {
                return folder
            }
            guard folder != "/" else { break }
            folder = PathText.absolute("..", in: folder)
        }
        throw UserError("no Notes/ or Decks/ folder here or in any folder above; run kb inside your notes, or pass --root PATH (or set KB_ROOT)")
    }

    static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return FileManager.default.currentDirectoryPath }
        return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    private static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    private static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    static func today(_ fixed: String?) throws -> Day {
        guard let fixed, !fixed.isEmpty else { return Day.studyDayNow() }
        guard let day = Day(fixed) else { throw UserError("KB_TODAY=\(fixed) is not a date; use YYYY-MM-DD") }
        return day
    }
}

/// The shared options as plain values, for commands parsed without ArgumentParser
/// (`SearchRequest.fastParse`) as well as with it.
struct Place: Equatable {
    var root: String?
    var db: String?
    var noIndex = false

    /// Builds the context: finds the root, opens the database, fixes today, indexes unless told not to.
    func context(index: Bool = true, indexesItself: Bool = false) throws -> Context {
        let (context, check) = try open(index: index, indexesItself: indexesItself)
        try check?.finish()
        return context
    }

    /// Finds the root, opens the database and fixes today, leaving the index check to the
    /// caller (nil when there is none): its walk of the folders runs on another thread from here
    /// on, so a read-only command can do its work meanwhile and call `finish()` after.
    func open(index: Bool = true, indexesItself: Bool = false) throws -> (Context, IndexCheck?) {
        let rootPath = try GlobalOptions.findRootPath(explicit: root ?? environmentValue("KB_ROOT"))
        let dbPath = db ?? environmentValue("KB_DB") ?? PathText.absolute(".kb/kb.sqlite", in: rootPath)
        let today = try GlobalOptions.today(environmentValue("KB_TODAY"))
        // The index check's walk runs while the database opens.
        let walk = index && !noIndex ? Scanner(rootPath: rootPath).fingerprintInBackground() : nil
        // A new file is built and published by the index that follows.
        let database = try AppDatabase.open(path: dbPath, building: walk != nil || indexesItself)
        let context = Context(rootPath: rootPath, databasePath: dbPath, database: database, today: today, terminal: .current)
        return (context, walk.map { IndexCheck(indexer: Indexer(rootPath: rootPath, database: database, today: today), walk: $0) })
    }
}

/// Bringing the index up to date once the walk started by `Place.open` is done.
struct IndexCheck {
    let indexer: Indexer
    let walk: @Sendable () -> TreeFingerprint

    /// Waits for the walk, indexes what changed, and warns once about the notes' warnings.
    func finish() throws {
        let report = try indexer.run(listWarnings: false, walked: walk())
        if report.warningCount > 0 {
            Terminal.warn("kb: \(report.warningCount) warning\(report.warningCount == 1 ? "" : "s") in the notes; `kb check` lists them")
        }
    }
}

/// Everything a command needs, built once from the options.
struct Context {
    /// The root folder, absolute and normalised (see `GlobalOptions.findRootPath`).
    let rootPath: String
    var root: URL { URL(fileURLWithPath: rootPath, isDirectory: true) }
    let databasePath: String
    let database: AppDatabase
    let today: Day
    let terminal: Terminal

    /// `path:line` for display (paths are relative to the root).
    func location(_ path: String, _ line: Int) -> String { "\(path):\(line)" }
}

/// One environment variable, through getenv: `ProcessInfo.environment` copies every variable
/// into a new dictionary at each call.
func environmentValue(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
}
