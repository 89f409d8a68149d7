import Foundation
#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the file system says about one Markdown file, cheaply (no reading).
public struct FileStamp: Sendable, Equatable {
    /// Path relative to the root, `/`-separated.
    public var path: String
    public var mtime: Double
    public var size: Int
    public var hash: String

    public init(path: String, mtime: Double, size: Int, hash: String = "") {
        self.path = path
        self.mtime = mtime
        self.size = size
        self.hash = hash
    }
}

/// Walks `Notes/` and `Decks/` under a root and stats every Markdown file.
public struct Scanner: Sendable {
    public static let folders = ["Notes", "Decks"]
    /// The root folder as an absolute path.
    public let rootPath: String
    public var root: URL { URL(fileURLWithPath: rootPath, isDirectory: true) }

    public init(root: URL) { rootPath = root.standardizedFileURL.path }

    /// `rootPath` must be absolute; it is used as given (no URL is made: a process's first
    /// Foundation URL costs half a millisecond, and every command walks first).
    public init(rootPath: String) { self.rootPath = rootPath }

    /// All Markdown files, sorted by path. Hidden files and folders are skipped.
    ///
    /// Walks with `opendir`/`fstatat` rather than Foundation's enumerator and resource values,
    /// which cost more than the rest of a no-change index on Linux. Symbolic links are not
    /// followed, so a link loop cannot hang the walk.
    public func scan() -> [FileStamp] {
        var stamps: [FileStamp] = []
        var none: [[UInt8]]?
        walk(deferring: &none) { path, mtime, size in
            stamps.append(FileStamp(path: String(decoding: path, as: UTF8.self), mtime: mtime, size: size))
        }
        return stamps.sorted { $0.path < $1.path }
    }

    /// Starts `fingerprint()` on a thread of its own and returns a function that waits for it,
    /// so that a command opens its database meanwhile: the walk and the open take about as
    /// long, and a command otherwise runs on one core of two.
    public func fingerprintInBackground() -> @Sendable () -> TreeFingerprint {
        let result = Pending<TreeFingerprint>()
        let scanner = self
        Thread { result.fulfil(scanner.fingerprint()) }.start()
        return { result.wait() }
    }

    /// The same walk reduced to a `TreeFingerprint`, without building a path string per file:
    /// every command checks it before anything else, and on a tree of 8,000 notes that check
    /// should cost little more than the `lstat` calls themselves.
    ///
    /// The folders one level down are walked in parallel (the digest is a sum, so the parts add
    /// up in any order): on 8,000 files the walk is most of a `kb search`.
    public func fingerprint() -> TreeFingerprint {
        var total = TreeFingerprint()
        var deferred: [[UInt8]]? = []
        walk(deferring: &deferred) { total.add(path: $0, mtime: $1, size: $2) }
        let folders = deferred ?? []
        let parts = FingerprintParts(count: folders.count)
        DispatchQueue.concurrentPerform(iterations: folders.count) { index in
            var part = TreeFingerprint()
            var relative = folders[index]
            if let directory = opendir(rootPath + "/" + String(decoding: relative, as: UTF8.self)) {
                var none: [[UInt8]]?
                walk(directory, relative: &relative, deferring: &none) { part.add(path: $0, mtime: $1, size: $2) }
            }
            parts.set(index, part)
        }
        for part in parts.all { total.merge(part) }
        return total
    }

    /// `.md` or `.markdown` in any case, tested on the bytes (no lower-cased copy per file).
    static func isMarkdown(_ name: String) -> Bool {
        isMarkdown(Array(name.utf8)[...])
    }

    static func isMarkdown(_ name: ArraySlice<UInt8>) -> Bool {
        // Compared in place, ASCII letters folded to lower case (`| 0x20` leaves `.` alone).
        func endsWith(_ suffix: StaticString) -> Bool {
            let count = suffix.utf8CodeUnitCount
            guard name.count >= count else { return false }
            let start = name.endIndex - count
            for offset in 0..<count where name[start + offset] | 0x20 != suffix.utf8Start[offset] {
                return false
            }
            return true
        }
        return endsWith(".md") || endsWith(".markdown")
    }

    /// Calls `visit` with the root-relative path (UTF-8 bytes, `/`-separated), mtime and size of
    /// every Markdown file under `Notes/` and `Decks/`, in directory order; with `deferring`,
    /// their subfolders are listed there instead of walked.
    private func walk(deferring: inout [[UInt8]]?, _ visit: (ArraySlice<UInt8>, Double, Int) -> Void) {
        for folder in Self.folders {
            guard let directory = opendir(rootPath + "/" + folder) else { continue }
            var relative = Array(folder.utf8)
            walk(directory, relative: &relative, deferring: &deferring, visit)
        }
    }

    /// Walks one open directory (and closes it); `relative` is its path, reused as a buffer.
    /// With `deferring`, subfolders are listed there instead of walked.
    private func walk(
        _ directory: OpaquePointer, relative: inout [UInt8], deferring: inout [[UInt8]]?,
        _ visit: (ArraySlice<UInt8>, Double, Int) -> Void
    ) {
        defer { closedir(directory) }
        let descriptor = dirfd(directory)
        let base = relative.count
        while let entry = readdir(directory) {
            relative.removeSubrange(base...)
            relative.append(UInt8(ascii: "/"))
            let nameStart = relative.count
            var info = stat()
            let found = withUnsafeBytes(of: entry.pointee.d_name) { bytes -> Bool in
                let name = bytes.prefix { $0 != 0 }
                guard let first = name.first, first != UInt8(ascii: ".") else { return false }
                relative.append(contentsOf: name)
                return bytes.withMemoryRebound(to: CChar.self) {
                    fstatat(descriptor, $0.baseAddress!, &info, AT_SYMLINK_NOFOLLOW) == 0
                }
            }
            guard found else { continue }
            let kind = info.st_mode & S_IFMT
            if kind == S_IFDIR, deferring != nil {
                deferring?.append(relative)
            } else if kind == S_IFDIR {
                let child = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                    bytes.withMemoryRebound(to: CChar.self) { openat(descriptor, $0.baseAddress!, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
                }
                guard child >= 0, let childDirectory = fdopendir(child) else {
                    if child >= 0 { close(child) }
                    continue
                }
                walk(childDirectory, relative: &relative, deferring: &deferring, visit)
            } else if kind == S_IFREG, Self.isMarkdown(relative[nameStart...]) {
                let mtime = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
                visit(relative[...], mtime, Int(info.st_size))
            }
        }
    }
}

/// An order-independent digest of a tree's Markdown files (path, mtime and size of each).
///
/// The indexer stores the fingerprint of the tree it indexed; when a later walk gives the same
/// one, no file was added, removed or touched, and the command can skip reading the file table.
/// Each file's FNV-1a hash is summed, so the directory order of `readdir` does not matter.
public struct TreeFingerprint: Sendable, Equatable {
    public private(set) var count = 0
    public private(set) var sum: UInt64 = 0

    public init() {}

    mutating func add(path: some Collection<UInt8>, mtime: Double, size: Int) {
        let stamp = Self.mix(mtime.bitPattern &+ Self.mix(UInt64(truncatingIfNeeded: size)))
        sum = sum &+ (ContentKey.fnv1a64(bytes: path) ^ stamp)
        count += 1
    }

    /// The SplitMix64 finaliser (Steele, Lea and Flood, 2014): spreads every input bit.
    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func merge(_ other: TreeFingerprint) {
        sum = sum &+ other.sum
        count += other.count
    }

    /// The fingerprint of stamps already scanned (the same digest `Scanner.fingerprint()` makes).
    init(_ stamps: [FileStamp]) {
        for stamp in stamps { add(path: stamp.path.utf8, mtime: stamp.mtime, size: stamp.size) }
    }

    /// A text form for the database: count and sum.
    var text: String { "\(count):\(sum)" }
}

/// The per-folder fingerprints of the parallel walk.
private final class FingerprintParts: @unchecked Sendable {
    private let lock = NSLock()
    private var parts: [TreeFingerprint]

    init(count: Int) { parts = Array(repeating: TreeFingerprint(), count: count) }

    func set(_ index: Int, _ part: TreeFingerprint) {
        lock.lock()
        defer { lock.unlock() }
        parts[index] = part
    }

    var all: [TreeFingerprint] {
        lock.lock()
        defer { lock.unlock() }
        return parts
    }
}

/// A value another thread is computing: `wait` blocks until `fulfil` has stored it.
final class Pending<Value: Sendable>: @unchecked Sendable {
    private let ready = DispatchSemaphore(value: 0)
    private var value: Value?

    func fulfil(_ value: Value) {
        self.value = value
        ready.signal()
    }

    /// The value; call once.
    func wait() -> Value {
        ready.wait()
        return value!
    }
}
