import Glibc

extension CardSyntaxScanner {
    /// A cheap test on the bytes: false means the Markdown certainly holds no card syntax (no
    /// `::`, `{{`, `}}` and no line holding only `?`), so most paragraphs never need a scanner.
    static func mayHoldCardSyntax(_ markdown: String) -> Bool {
        markdown.utf8.withContiguousStorageIfAvailable(mayHoldCardSyntax)
            ?? Array(markdown.utf8).withUnsafeBufferPointer(mayHoldCardSyntax)
    }

    /// Looks at each `:`, `{`, `}` and `?` in turn, found with memchr: the bytes that every
    /// marker needs are few in most paragraphs, and memchr passes over the rest many bytes at
    /// a time (a test of every byte, even eight at a time, cost more than any other card rule).
    private static func mayHoldCardSyntax(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        for byte in markerBytes {
            var index = 0
            while index < bytes.count, let found = memchr(base + index, Int32(byte), bytes.count - index) {
                let position = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                if startsCardSyntax(bytes, at: position) { return true }
                index = position + 1
            }
        }
        return false
    }

    private static let markerBytes: [UInt8] = [UInt8(ascii: ":"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "?")]

    /// A marker's first byte (`::`, `{{`, `}}`) or a `?` alone on its line but for spaces and tabs.
    private static func startsCardSyntax(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        switch bytes[index] {
        case UInt8(ascii: ":"), UInt8(ascii: "{"), UInt8(ascii: "}"):
            return index + 1 < bytes.count && bytes[index + 1] == bytes[index]
        case UInt8(ascii: "?"):
            var before = index
            while before > 0, ASCIIBytes.isSpaceOrTab(bytes[before - 1]) { before -= 1 }
            var after = index + 1
            while after < bytes.count, ASCIIBytes.isSpaceOrTab(bytes[after]) { after += 1 }
            return (before == 0 || bytes[before - 1] == ASCIIBytes.newline)
                && (after == bytes.count || bytes[after] == ASCIIBytes.newline)
        default:
            return false
        }
    }
}
