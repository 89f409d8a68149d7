/// The content key of a card (DESIGN.md 5): FNV-1a 64 of its kind and normalised front, in hex.
///
/// The key must be the same on every machine and every run, which rules out Swift's `Hasher`
/// (seeded per process). Normalising before hashing means that re-wrapping a line, changing
/// case or adding emphasis does not turn a card into a new one; editing the back never touches
/// the key because the back is not part of it.
public enum ContentKey {
    /// The key of a basic, reversed or generated card from its front.
    public static func make(kind: CardKind, front: String) -> String {
        // The kind and a newline, hashed in two pieces rather than joined first.
        let head = fnv1a64("\n", from: fnv1a64(kind.rawValue))
        return hex(withNormalisedUTF8(front) { fnv1a64(bytes: $0, from: head) })
    }

    /// The key of one cloze card: the whole text with its `{{...}}` deletions, plus the deletion
    /// name (`c1`, `u2`, ...) so that the siblings of one text get different keys.
    public static func cloze(text: String, deletion: String) -> String {
        cloze(normalised: normalise(text), deletion: deletion)
    }

    /// `cloze(text:deletion:)` for a text already normalised, so that the siblings of one text
    /// normalise it once.
    static func cloze(normalised: String, deletion: String) -> String {
        let head = fnv1a64(normalised, from: fnv1a64("\n", from: fnv1a64(CardKind.cloze.rawValue)))
        return hex(fnv1a64("\n" + deletion.lowercased(), from: head))
    }

    /// The sibling group of the cards made from one source (a `:::` line, a cloze text): a hash
    /// of that source, so the group survives lines shifting above it and moves across files.
    public static func siblingGroup(source: String) -> String {
        siblingGroup(normalised: normalise(source))
    }

    static func siblingGroup(normalised: String) -> String {
        "g" + hex(fnv1a64(normalised, from: fnv1a64("siblings\n")))
    }

    /// Lower-case, emphasis markers (`*`, `_` at word edges, `~~`) removed, whitespace collapsed.
    ///
    /// `_` inside a word (`snake_case`, `top_k`) is content, not emphasis, so only underscores
    /// touching a non-word character or the text's edge are dropped.
    public static func normalise(_ markdown: String) -> String {
        ASCIIBytes.withPlain(markdown) { plain in
            String(unsafeUninitializedCapacity: plain.count) { normalise(plain: plain, into: $0) }
        } ?? normaliseCharacters(markdown)
    }

    /// Calls `body` with the UTF-8 of `normalise(text)`; plain ASCII is normalised into a
    /// temporary buffer, without making a string.
    static func withNormalisedUTF8<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let fast = ASCIIBytes.withPlain(text) { plain in withNormalised(plain: plain, body) }
        if let fast { return fast }
        var normalised = normaliseCharacters(text)
        return normalised.withUTF8(body)
    }

    /// Calls `body` with `normalise` of plain ASCII bytes, in a temporary buffer.
    static func withNormalised<Result>(
        plain bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { buffer in
            let count = normalise(plain: bytes, into: buffer)
            return body(UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
    }

    /// `normalise` on plain ASCII (see `ASCIIBytes`), byte for byte the same rules; returns the
    /// number of bytes written. The output is never longer than the input: every byte written
    /// stands for one byte read.
    private static func normalise(plain bytes: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>)
        -> Int
    {
        keptBytes.withUnsafeBufferPointer { kept in normalise(plain: bytes, into: output, kept: kept) }
    }

    /// For each byte, what `normalise` writes for it when it is kept as it is (lower-cased):
    /// letters, digits, most punctuation; 0 for the bytes with a rule of their own (whitespace
    /// and other controls, `*`, `~`, `_`).
    private static let keptBytes: [UInt8] = (0...255).map { (value: Int) -> UInt8 in
        let byte = UInt8(value)
        let special = byte <= ASCIIBytes.space || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "~") || byte == UInt8(ascii: "_")
        return special ? 0 : ASCIIBytes.lowercased(byte)
    }

    private static func normalise(
        plain bytes: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>, kept: UnsafeBufferPointer<UInt8>
    ) -> Int {
        var count = 0
        var pendingSpace = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let keptAs = kept[Int(byte)]
            if keptAs != 0 {
                if pendingSpace {
                    output[count] = ASCIIBytes.space
                    count += 1
                    pendingSpace = false
                }
                output[count] = keptAs
                count += 1
                index += 1
                continue
            }
            var end = index + 1
            switch byte {
            case UInt8(ascii: "*"), UInt8(ascii: "~"):
                index = end
                continue
            case UInt8(ascii: "_"):
                // A run of underscores stays only between two letters or digits.
                while end < bytes.count, bytes[end] == byte { end += 1 }
                let before = index > 0 && ASCIIBytes.isLetterOrDigit(bytes[index - 1])
                let after = end < bytes.count && ASCIIBytes.isLetterOrDigit(bytes[end])
                if !(before && after) {
                    index = end
                    continue
                }
            case _ where ASCIIBytes.isWhitespace(byte):
                pendingSpace = count > 0
                index = end
                continue
            default:
                break
            }
            if pendingSpace {
                output[count] = ASCIIBytes.space
                count += 1
                pendingSpace = false
            }
            for kept in index..<end {
                output[count] = ASCIIBytes.lowercased(bytes[kept])
                count += 1
            }
            index = end
        }
        return count
    }

    /// `normalise` for any text, one `Character` at a time.
    ///
    /// The markers are asked of `asciiValue`: no Character but `*`, `~` and `_` themselves
    /// equals them, and a Character with an ASCII value is one ASCII scalar or CR LF, whose
    /// value (LF) is whitespace like CR LF itself.
    static func normaliseCharacters(_ markdown: String) -> String {
        let chars = Array(lowercasedByScalar(markdown))
        var output: [UInt8] = []
        output.reserveCapacity(markdown.utf8.count)
        var pendingSpace = false
        for (index, char) in chars.enumerated() {
            let ascii = char.asciiValue
            if ascii == UInt8(ascii: "*") || ascii == UInt8(ascii: "~") { continue }
            if ascii == UInt8(ascii: "_") {
                var first = index
                while first > 0, chars[first - 1].asciiValue == UInt8(ascii: "_") { first -= 1 }
                var last = index
                while last + 1 < chars.count, chars[last + 1].asciiValue == UInt8(ascii: "_") { last += 1 }
                let before = first > 0 ? chars[first - 1] : " "
                let after = last + 1 < chars.count ? chars[last + 1] : " "
                if !(isLetterOrDigit(before) && isLetterOrDigit(after)) { continue }
            }
            if ascii.map(ASCIIBytes.isWhitespace) ?? char.isWhitespace {
                pendingSpace = !output.isEmpty
                continue
            }
            if pendingSpace {
                output.append(ASCIIBytes.space)
                pendingSpace = false
            }
            // Whitespace went above, so an ASCII value here is the Character's one byte.
            if let ascii { output.append(ascii) } else { output += char.utf8 }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// `text.lowercased()`: each scalar's lower-case mapping in turn, as the standard library
    /// maps text that is not all ASCII, but with ASCII scalars mapped on their byte rather
    /// than through a string per scalar.
    static func lowercasedByScalar(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                output.append(ASCIIBytes.lowercased(UInt8(truncatingIfNeeded: scalar.value)))
            } else {
                output += scalar.properties.lowercaseMapping.utf8
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// FNV-1a, 64-bit, over the UTF-8 bytes (offset basis and prime from the published
    /// definition: http://www.isthe.com/chongo/tech/comp/fnv/).
    public static func fnv1a64(_ text: String) -> UInt64 {
        fnv1a64(text, from: offsetBasis)
    }

    /// The hash of some text followed by `text`, from the hash of the text before it: FNV-1a
    /// reads bytes in one pass, so keys are hashed in pieces without joining strings.
    static func fnv1a64(_ text: String, from hash: UInt64) -> UInt64 {
        text.utf8.withContiguousStorageIfAvailable { fnv1a64(bytes: $0, from: hash) } ?? fnv1a64(bytes: text.utf8, from: hash)
    }

    /// The same hash over any bytes; the indexer uses it to tell whether a file's content changed.
    public static func fnv1a64<Bytes: Sequence>(bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        fnv1a64(bytes: bytes, from: offsetBasis)
    }

    private static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    private static func fnv1a64<Bytes: Sequence>(bytes: Bytes, from start: UInt64) -> UInt64
    where Bytes.Element == UInt8 {
        var hash = start
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// Sixteen lower-case hex digits, zero-padded, so keys sort and compare as plain strings.
    public static func hex(_ value: UInt64) -> String {
        String(unsafeUninitializedCapacity: 16) { output in
            for index in 0..<16 {
                let nibble = UInt8(truncatingIfNeeded: value >> (60 - 4 * index)) & 0xF
                output[index] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
            }
            return 16
        }
    }

    static func isLetterOrDigit(_ char: Character) -> Bool {
        char.isLetter || char.isNumber
    }
}
