/// Errors about the database file, written for the person at the terminal.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case notOurs(path: String)
    case notADatabase(path: String)
    case newerSchema(path: String)
    case cannotOpen(path: String, reason: String)

    public var description: String {
        switch self {
        case .notOurs(let path):
            return "\(path) is a SQLite database that kb did not create; it was left untouched. "
                + "Point kb elsewhere with --db or KB_DB."
        case .notADatabase(let path):
            return "\(path) is not a SQLite database (corrupt or another kind of file); it was left untouched. "
                + "Move it away or point kb elsewhere with --db or KB_DB."
        case .newerSchema(let path):
            return "\(path) was written by a newer kb; it was left untouched. Update kb to use it."
        case .cannotOpen(let path, let reason):
            return "cannot open \(path): \(reason)"
        }
    }
}
