import Glibc

extension String {
    /// Every occurrence of the ASCII `target` replaced, matching UTF-8 bytes: what Foundation's
    /// `replacingOccurrences(of:with:)` does for the markers and newlines it was used on here,
    /// without its trip through NSString (a millisecond for one page of search results). Only
    /// for ASCII targets: Foundation also matches canonically equivalent non-ASCII text.
    public func replacingBytes(_ target: String, with replacement: String) -> String {
        let needle = Array(target.utf8)
        precondition(needle.allSatisfy { $0 < 0x80 }, "replacingBytes takes an ASCII target")
        guard let first = needle.first, containsByte(first) else { return self }
        let with = Array(replacement.utf8)
        var source = self
        return source.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                if bytes[index] == first, index + needle.count <= bytes.count,
                    needle.indices.allSatisfy({ bytes[index + $0] == needle[$0] })
                {
                    out += with
                    index += needle.count
                } else {
                    out.append(bytes[index])
                    index += 1
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}

extension String {
    /// `String(decoding: bytes, as: UTF8.self).trimmedSpaces`, for valid UTF-8, making only the
    /// trimmed string when both kept ends are ASCII (see `trimmed`).
    init(trimmingSpacesOf bytes: UnsafeBufferPointer<UInt8>) {
        var start = 0
        var end = bytes.count
        while start < end, ASCIIBytes.isSpaceOrTab(bytes[start]) { start += 1 }
        while end > start, ASCIIBytes.isSpaceOrTab(bytes[end - 1]) { end -= 1 }
        if start == end || (bytes[start] < 0x80 && bytes[end - 1] < 0x80) {
            self = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        } else {
            self = String(decoding: bytes, as: UTF8.self).trimmedSpaces
        }
    }
}

extension StringProtocol {
    /// Whether the UTF-8 form holds `byte`: memchr over the contiguous bytes. `utf8.contains`
    /// walks the view one byte at a time, 3% of a full index for a few such tests per paragraph.
    func containsByte(_ byte: UInt8) -> Bool {
        utf8.withContiguousStorageIfAvailable { bytes in
            bytes.baseAddress.map { memchr($0, Int32(byte), bytes.count) != nil } ?? false
        } ?? utf8.contains(byte)
    }

    /// Trimmed of whitespace and newlines, without Foundation's NSString bridge (which costs more
    /// than parsing a paragraph on Linux).
    var trimmedWhitespace: String { trimmed(ASCIIBytes.isWhitespace) { $0.isWhitespace } }

    /// Trimmed of whitespace but not newlines, like `trimmingCharacters(in: .whitespaces)`.
    var trimmedSpaces: String { trimmed(ASCIIBytes.isSpaceOrTab) { $0.isWhitespace && !$0.isNewline } }

    /// Trimmed of spaces and tabs only: unlike `trimmedSpaces`, keeps no-break and other Unicode
    /// spaces, which card syntax treats as text.
    var trimmingSpaces: String { trimmed(ASCIIBytes.isSpaceOrTab) { $0 == " " || $0 == "\t" } }

    /// Drops the characters `drop` accepts from both ends.
    ///
    /// Bytes first: `dropByte` accepts exactly the ASCII bytes whose `Character` `drop` accepts,
    /// and it accepts both of CR and LF or neither. When the bytes kept at both ends are ASCII
    /// too, every byte dropped is a whole character (two ASCII bytes other than CR LF are always
    /// two characters), so cutting bytes is cutting characters. A kept end that is not ASCII may
    /// carry a combining mark over a dropped space, or be Unicode whitespace itself: the
    /// `Character` path decides then.
    private func trimmed(_ dropByte: (UInt8) -> Bool, _ drop: (Character) -> Bool) -> String {
        let fast: String?? = utf8.withContiguousStorageIfAvailable { bytes in
            var start = 0
            var end = bytes.count
            while start < end, dropByte(bytes[start]) { start += 1 }
            while end > start, dropByte(bytes[end - 1]) { end -= 1 }
            guard start == end || (bytes[start] < 0x80 && bytes[end - 1] < 0x80) else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
        if let fast = fast ?? nil { return fast }
        guard let first = firstIndex(where: { !drop($0) }), let last = lastIndex(where: { !drop($0) }) else { return "" }
        return String(self[first...last])
    }
}
