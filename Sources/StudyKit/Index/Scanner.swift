import Foundation

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
    public func scan() -> [FileStamp] {
        var stamps: [FileStamp] = []
        let manager = FileManager.default
        let keys: [URLResourceKey] = [.contentModificationDateKey, .fileSizeKey, .isRegularFileKey]
        let rootPath = root.standardizedFileURL.path
        for folder in Self.folders {
            let base = root.appendingPathComponent(folder)
            guard let walker = manager.enumerator(
                at: base, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles])
            else { continue }
            for case let url as URL in walker {
                let ext = url.pathExtension.lowercased()
                guard ext == "md" || ext == "markdown" else { continue }
                guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else { continue }
                var relative = url.standardizedFileURL.path
                if relative.hasPrefix(rootPath + "/") { relative.removeFirst(rootPath.count + 1) }
                stamps.append(FileStamp(
                    path: relative,
                    mtime: values.contentModificationDate?.timeIntervalSince1970 ?? 0,
                    size: values.fileSize ?? 0))
            }
        }
        return stamps.sorted { $0.path < $1.path }
    }
}
