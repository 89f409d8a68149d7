/// Lexical path work on UTF-8 bytes: `.` and `..` resolved without touching the disk.
public enum PathText {
    /// `target`'s pieces applied in turn to `base`: empty pieces and `.` are dropped, and `..`
    /// takes away the piece before it (none past the start).
    ///
    /// The pieces are kept as one path, `path`: its pieces joined by `/`, none of them empty, so
    /// the last piece is whatever follows the last `/`.
    static func resolve(_ target: UnsafeBufferPointer<UInt8>, onto path: inout [UInt8]) {
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        var index = 0
        while index < target.count {
            guard target[index] != slash else {
                index += 1
                continue
            }
            let start = index
            while index < target.count, target[index] != slash { index += 1 }
            let piece = UnsafeBufferPointer(rebasing: target[start..<index])
            if piece.count == 1, piece[0] == dot { continue }
            if piece.count == 2, piece[0] == dot, piece[1] == dot {
                path.removeSubrange((path.lastIndex(of: slash) ?? 0)...)
                continue
            }
            if !path.isEmpty { path.append(slash) }
            path.append(contentsOf: piece)
        }
    }

    /// `path` made absolute against the absolute `folder`, with `.`, `..` and repeated slashes
    /// resolved as `URL.standardizedFileURL` does. On bytes: to the file system every `/` is a
    /// separator, even one a combining mark follows.
    public static func absolute(_ path: String, in folder: String) -> String {
        let full = Array((path.hasPrefix("/") ? path : folder + "/" + path).utf8)
        var resolved: [UInt8] = []
        full.withUnsafeBufferPointer { resolve($0, onto: &resolved) }
        return "/" + String(decoding: resolved, as: UTF8.self)
    }
}
