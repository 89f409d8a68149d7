/// Byte answers to `Character` questions, for text in which the two agree.
///
/// The text rules of the card code are defined on `Character`s (lower case, whitespace, letters,
/// equality), which is right for all of Unicode but costs a grapheme break and a property lookup
/// per character. In text whose bytes are all ASCII and none is a carriage return (CR LF is one
/// `Character`), every byte is a whole `Character` with the properties its byte suggests, so a
/// rule may read bytes and give the same answer. The fast paths check `isPlain` first and keep
/// the `Character` code for all other text.
enum ASCIIBytes {
    /// True when every byte is ASCII and none is CR.
    static func isPlain<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Bool {
        bytes.allSatisfy { $0 < 0x80 && $0 != carriageReturn }
    }

    /// Whether every byte is below 0x80, read eight bytes at a time.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var index = 0
        var high: UInt64 = 0
        while index + 8 <= bytes.count {
            high |= raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            index += 8
        }
        while index < bytes.count {
            high |= UInt64(bytes[index])
            index += 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }

    /// `isPlain` of a string's UTF-8, read from its contiguous storage when it has one: the
    /// generic loop over `String.UTF8View` costs several times more a byte.
    static func isPlain(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { isPlain($0) } ?? isPlain(text.utf8)
    }

    /// Calls `body` with the text's UTF-8 when it is plain (see `isPlain`); nil otherwise, and
    /// for the rare string without contiguous UTF-8, so that the caller's `Character` path runs.
    static func withPlain<Text: StringProtocol, Result>(
        _ text: Text, _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result? {
        let result: Result?? = text.utf8.withContiguousStorageIfAvailable { bytes in
            isPlain(bytes) ? body(bytes) : nil
        }
        return result ?? nil
    }

    /// `Character.isWhitespace` for an ASCII byte: tab, LF, VT, FF, CR and space.
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || (byte >= 0x09 && byte <= 0x0D)
    }

    /// Space or tab: the ASCII whitespace that is not a line break (`Character.isNewline` counts
    /// VT and FF as line breaks).
    static func isSpaceOrTab(_ byte: UInt8) -> Bool {
        byte == space || byte == tab
    }

    /// `Character.isLetter || Character.isNumber` for an ASCII byte.
    static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    /// `String.lowercased()` for an ASCII byte.
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 0x20 : byte
    }

    /// The number of runs of non-whitespace bytes: `split(whereSeparator: \.isWhitespace).count`.
    static func wordCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var inWord = false
        for byte in bytes {
            let isSpace = isWhitespace(byte)
            if !isSpace && !inWord { count += 1 }
            inWord = !isSpace
        }
        return count
    }

    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
}
