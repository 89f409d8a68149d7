/// The content key of a card (DESIGN.md 5): FNV-1a 64 of its kind and normalised front, in hex.
///
/// The key must be the same on every machine and every run, which rules out Swift's `Hasher`
/// (seeded per process). Normalising before hashing means that re-wrapping a line, changing
/// case or adding emphasis does not turn a card into a new one; editing the back never touches
/// the key because the back is not part of it.
public enum ContentKey {
    /// The key of a basic, reversed or generated card from its front.
    public static func make(kind: CardKind, front: String) -> String {
        hex(fnv1a64(kind.rawValue + "\n" + normalise(front)))
    }

    /// The key of one cloze card: the whole text with its `{{...}}` deletions, plus the deletion
    /// name (`c1`, `u2`, ...) so that the siblings of one text get different keys.
    public static func cloze(text: String, deletion: String) -> String {
        hex(fnv1a64(CardKind.cloze.rawValue + "\n" + normalise(text) + "\n" + deletion.lowercased()))
    }

    /// The sibling group of the cards made from one source (a `:::` line, a cloze text): a hash
    /// of that source, so the group survives lines shifting above it and moves across files.
    public static func siblingGroup(source: String) -> String {
        "g" + hex(fnv1a64("siblings\n" + normalise(source)))
    }

    /// Lower-case, emphasis markers (`*`, `_` at word edges, `~~`) removed, whitespace collapsed.
    ///
    /// `_` inside a word (`snake_case`, `top_k`) is content, not emphasis, so only underscores
    /// touching a non-word character or the text's edge are dropped.
    public static func normalise(_ markdown: String) -> String {
        let chars = Array(markdown.lowercased())
        var output = ""
        var pendingSpace = false
        for (index, char) in chars.enumerated() {
            if char == "*" || char == "~" { continue }
            if char == "_" {
                var first = index
                while first > 0, chars[first - 1] == "_" { first -= 1 }
                var last = index
                while last + 1 < chars.count, chars[last + 1] == "_" { last += 1 }
                let before = first > 0 ? chars[first - 1] : " "
                let after = last + 1 < chars.count ? chars[last + 1] : " "
                if !(isLetterOrDigit(before) && isLetterOrDigit(after)) { continue }
            }
            if char.isWhitespace {
                pendingSpace = !output.isEmpty
                continue
            }
            if pendingSpace {
                output.append(" ")
                pendingSpace = false
            }
            output.append(char)
        }
        return output
    }

    /// FNV-1a, 64-bit, over the UTF-8 bytes (offset basis and prime from the published
    /// definition: http://www.isthe.com/chongo/tech/comp/fnv/).
    public static func fnv1a64(_ text: String) -> UInt64 {
        fnv1a64(bytes: text.utf8)
    }

    /// The same hash over any bytes; the indexer uses it to tell whether a file's content changed.
    public static func fnv1a64<Bytes: Sequence>(bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// Sixteen lower-case hex digits, zero-padded, so keys sort and compare as plain strings.
    public static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    static func isLetterOrDigit(_ char: Character) -> Bool {
        char.isLetter || char.isNumber
    }
}
