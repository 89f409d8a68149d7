/// Lexical path work on UTF-8 bytes: `.` and `..` resolved without touching the disk.
public enum PathText {
    /// `target`'s pieces applied in turn to `base`: empty pieces and `.` are dropped, and `..`
    /// takes away the piece before it (none past the start).
    static func resolving(_ target: ArraySlice<UInt8>, onto base: [ArraySlice<UInt8>]) -> [ArraySlice<UInt8>] {
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        var parts = base
        for piece in target.split(separator: slash) {
            if piece.count == 1, piece.first == dot { continue }
            if piece.count == 2, piece.allSatisfy({ $0 == dot }) {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(piece)
        }
        return parts
    }

    /// `path` made absolute against the absolute `folder`, with `.`, `..` and repeated slashes
    /// resolved as `URL.standardizedFileURL` does. On bytes: to the file system every `/` is a
    /// separator, even one a combining mark follows.
    public static func absolute(_ path: String, in folder: String) -> String {
        let full = Array((path.hasPrefix("/") ? path : folder + "/" + path).utf8)
        let parts = resolving(full[...], onto: [])
        return "/" + String(decoding: Array(parts.joined(separator: [UInt8(ascii: "/")])), as: UTF8.self)
    }
}
