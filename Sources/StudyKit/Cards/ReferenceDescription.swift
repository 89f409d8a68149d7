import Foundation

/// The description of a reference list item: its Markdown without the link, without a leading
/// `(authors, year)` and without separators at either end, as the back of a key-idea card.
///
/// The rule was first written on `Character`s with Foundation's search and trimming. It now
/// reads bytes whenever the item's bytes and characters agree (see
/// `CardSyntaxScanner.isByteSafe`: in such text every ASCII byte is a character of its own, and
/// searching for a link's plain ASCII target finds the same place as Foundation does). Trimming
/// stays by Unicode scalar, with the same character set, as Foundation trims.
enum ReferenceDescription {
    static func text(of markdown: String, without link: NoteLink) -> String? {
        let fast: String?? = markdown.utf8.withContiguousStorageIfAvailable { bytes in
            guard ASCIIBytes.isPlain(link.url), CardSyntaxScanner.isByteSafe(bytes, in: markdown) else { return nil }
            return .some(textOfBytes(bytes, url: Array(link.url.utf8)))
        } ?? nil
        if let fast { return fast }
        return textOfCharacters(markdown, url: link.url)
    }

    /// What Foundation trims from both ends: `:-—–,;.` and Unicode whitespace and newlines.
    static let separators = CharacterSet(charactersIn: ":-—–,;.").union(.whitespacesAndNewlines)

    /// The rule on UTF-8 bytes; offsets are byte offsets.
    static func textOfBytes(_ bytes: UnsafeBufferPointer<UInt8>, url: [UInt8]) -> String? {
        let target = [UInt8(ascii: "]"), UInt8(ascii: "(")] + url
        guard let targetStart = firstIndex(of: target, in: bytes),
            let (start, end) = linkBounds(in: bytes, target: targetStart..<(targetStart + target.count), brackets: brackets)
        else { return nil }
        var text = trimmingSeparators(Array(bytes[..<start]) + [ASCIIBytes.space] + bytes[(end + 1)...])
        if text.first == UInt8(ascii: "("), let close = text.firstIndex(of: UInt8(ascii: ")")) {
            text = trimmingSeparators(Array(text[(close + 1)...]))
        }
        return text.isEmpty ? nil : String(decoding: text, as: UTF8.self)
    }

    /// `[`, `]`, `)` and `!` as bytes and as characters.
    private typealias Brackets<Unit> = (open: Unit, close: Unit, closeParen: Unit, bang: Unit)
    private static let brackets: Brackets<UInt8> = (UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: ")"), UInt8(ascii: "!"))
    private static let bracketCharacters: Brackets<Character> = ("[", "]", ")", "!")

    /// The offsets of the `[` that opens the link whose `](url` is at `target` (balanced `[...]`
    /// inside the link text are skipped) and of the `)` after the URL; nil for no such link or
    /// for an image.
    private static func linkBounds<Units: RandomAccessCollection>(
        in units: Units, target: Range<Int>, brackets: Brackets<Units.Element>
    ) -> (start: Int, end: Int)? where Units.Index == Int, Units.Element: Equatable {
        var start = target.lowerBound
        var depth = 0
        while start > 0 {
            start -= 1
            if units[start] == brackets.close { depth += 1 }
            if units[start] == brackets.open {
                if depth == 0 { break }
                depth -= 1
            }
        }
        guard units[start] == brackets.open, let end = units[target.upperBound...].firstIndex(of: brackets.closeParen)
        else { return nil }
        if start > 0, units[start - 1] == brackets.bang { return nil }
        return (start, end)
    }

    /// Drops separators from both ends, one Unicode scalar at a time as Foundation does.
    private static func trimmingSeparators(_ bytes: [UInt8]) -> [UInt8] {
        var start = 0
        var end = bytes.count
        while start < end, let (scalar, length) = scalar(in: bytes, at: start), isSeparator(scalar) { start += length }
        while end > start {
            var first = end - 1
            while first > start, bytes[first] & 0xC0 == 0x80 { first -= 1 }
            guard let (scalar, _) = scalar(in: bytes, at: first), isSeparator(scalar) else { break }
            end = first
        }
        return Array(bytes[start..<end])
    }

    static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case ":", "-", ",", ";", ".": true
        case _ where scalar.isASCII: ASCIIBytes.isWhitespace(UInt8(scalar.value))
        default: separators.contains(scalar)
        }
    }

    /// The scalar whose UTF-8 starts at `offset`, and its length in bytes.
    private static func scalar(in bytes: [UInt8], at offset: Int) -> (Unicode.Scalar, Int)? {
        var iterator = bytes[offset...].makeIterator()
        var decoder = Unicode.UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return nil }
        return (scalar, UTF8.width(scalar))
    }

    private static func firstIndex(of needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
            if bytes[start..<(start + needle.count)].elementsEqual(needle) { return start }
        }
        return nil
    }

    /// The rule on `Character`s, for text whose bytes and characters do not agree.
    static func textOfCharacters(_ markdown: String, url: String) -> String? {
        guard let target = markdown.range(of: "](\(url)") else { return nil }
        let chars = Array(markdown)
        let targetStart = markdown.distance(from: markdown.startIndex, to: target.lowerBound)
        let targetEnd = min(targetStart + 2 + url.count, chars.count)
        guard let (start, end) = linkBounds(in: chars, target: targetStart..<targetEnd, brackets: bracketCharacters)
        else { return nil }
        var text = (String(chars[..<start]) + " " + String(chars[(end + 1)...])).trimmingCharacters(in: separators)
        if text.hasPrefix("("), let close = text.firstIndex(of: ")") {
            text = String(text[text.index(after: close)...]).trimmingCharacters(in: separators)
        }
        return text.isEmpty ? nil : text
    }
}
