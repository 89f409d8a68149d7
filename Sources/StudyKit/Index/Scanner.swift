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
    public let root: URL

    public init(root: URL) { self.root = root }

    /// All Markdown files, sorted by path. Hidden files and folders are skipped.
    ///
    /// Walks with `opendir`/`lstat` rather than Foundation's enumerator and resource values,
    /// which cost more than the rest of a no-change index on Linux. Symbolic links are not
    /// followed, so a link loop cannot hang the walk.
    public func scan() -> [FileStamp] {
        var stamps: [FileStamp] = []
        let rootPath = root.standardizedFileURL.path
        for folder in Self.folders {
            walk(rootPath + "/" + folder, relative: folder, into: &stamps)
        }
        return stamps.sorted { $0.path < $1.path }
    }

    /// `.md` or `.markdown` in any case, tested on the bytes (no lower-cased copy per file).
    static func isMarkdown(_ name: String) -> Bool {
        let lower = name.utf8.suffix(9).map { $0 | 0x20 }  // ASCII letters to lower case; `.` stays
        return lower.suffix(3).elementsEqual(".md".utf8) || lower.suffix(9).elementsEqual(".markdown".utf8)
    }

    private func walk(_ path: String, relative: String, into stamps: inout [FileStamp]) {
        guard let directory = opendir(path) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard !name.hasPrefix(".") else { continue }
            let full = path + "/" + name
            var info = stat()
            guard lstat(full, &info) == 0 else { continue }
            let kind = info.st_mode & S_IFMT
            if kind == S_IFDIR {
                walk(full, relative: relative + "/" + name, into: &stamps)
            } else if kind == S_IFREG {
                guard Self.isMarkdown(name) else { continue }
                let mtime = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
                stamps.append(FileStamp(path: relative + "/" + name, mtime: mtime, size: Int(info.st_size)))
            }
        }
    }
}
