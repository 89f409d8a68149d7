import Foundation
import Glibc
import Synchronization

/// A database's files on disk: the file and those SQLite keeps beside it, and the temporary name
/// a new file is built under until it takes its own (`AppDatabase.open(path:building:)`,
/// `AppDatabase.publish`).
public enum DatabaseFiles {
    /// Removes a database file and the files SQLite may keep beside it (missing ones are fine).
    public static func remove(_ path: String) {
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(path + suffix) }
    }

    private static let buildCount = Atomic<Int>(0)

    /// Where a new file for `finalPath` is built: `finalPath` + ".new-" + this process's id + "-"
    /// + a count, so that builds of one file by two kb processes (or two in one) never share a name.
    static func newBuildPath(for finalPath: String) -> String {
        finalPath + ".new-\(getpid())-\(buildCount.add(1, ordering: .relaxed).newValue)"
    }

    /// Gives the built file at `path` the name `finalPath`, unless a file has that name already:
    /// true when it did, false when the name was taken (the build is removed either way).
    static func moveIntoPlace(_ path: String, as finalPath: String) throws -> Bool {
        // On disk before it has its name: a power cut must not leave a half-written file there.
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        if descriptor >= 0 {
            _ = fsync(descriptor)
            Glibc.close(descriptor)
        }
        defer { remove(path) }
        if link(path, finalPath) == 0 { return true }
        var failure = errno
        if failure == EEXIST { return false }
        // A file system without hard links: rename, if the name is still free.
        if failure == EPERM || failure == ENOTSUP || failure == EOPNOTSUPP || failure == ENOSYS || failure == EMLINK {
            var info = stat()
            if stat(finalPath, &info) == 0 { return false }
            if rename(path, finalPath) == 0 { return true }
            failure = errno
        }
        throw StoreError.cannotOpen(path: finalPath, reason: String(cString: strerror(failure)))
    }

    /// Builds left behind by a kb that stopped before publishing (its process is gone).
    static func removeAbandonedBuilds(of finalPath: String) {
        let folder = (finalPath as NSString).deletingLastPathComponent
        let prefix = (finalPath as NSString).lastPathComponent + ".new-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder) else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let pid = name.dropFirst(prefix.count).split(separator: "-").first.flatMap({ pid_t($0) }),
                !isRunning(pid)
            else { continue }
            remove((folder as NSString).appendingPathComponent(name))
        }
    }

    /// Whether process `pid` still runs. One that was killed but not yet reaped by its parent (a
    /// zombie) still answers kill(2), so Linux's /proc tells its state.
    static func isRunning(_ pid: pid_t) -> Bool {
        if kill(pid, 0) != 0 { return errno != ESRCH }  // EPERM: another user's, and running
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return true }
        // "pid (name) state ...": the state is the first field after the name.
        return stat[stat.index(after: close)...].first { $0 != " " } != "Z"
    }
}
