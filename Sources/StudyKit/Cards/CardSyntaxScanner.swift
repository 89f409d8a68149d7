import Glibc

/// Finds card syntax in one block's Markdown while ignoring code spans and link destinations.
///
/// Card markers (`::`, `{{`, `}}`) are plain punctuation, so they also occur in code
/// (`std::vector`, `{{ template }}`) and URLs. The scanner marks every unit that sits inside a
/// backtick code span, a link destination `](...)` or an autolink `<...>` as opaque, and the
/// rules look for markers only among the remaining units.
///
/// The rules are defined on characters: a `:` followed by a combining accent is not a colon.
/// The scanner reads `units`, one byte per ASCII character, so that the rules compare bytes
/// and never build a `Character`. In most text (see `isByteSafe`) the units are simply the
/// UTF-8 bytes, and a non-ASCII character is a run of bytes of 0x80 and above that no rule
/// matches. Otherwise there is one unit per character, `other` for any character that is not
/// a single ASCII character. Either way offsets are unit indices, and `text(_:)` cuts the
/// original text (code spans included) out unchanged.
struct CardSyntaxScanner {
    /// The unit of a character that is not (canonically equal to) a single ASCII character.
    static let other: UInt8 = 0xFF

    let markdown: String
    /// The block's Markdown as units (see the type's comment).
    let units: [UInt8]
    /// Unit ranges of the lines (without their `\n`), line 0 first.
    let lines: [Range<Int>]
    /// With one unit per character: where each character starts in `markdown`, then its end.
    /// Empty when the units are the UTF-8 bytes.
    private let starts: [String.Index]
    /// True where a unit belongs to a code span, a link destination or an autolink; empty when
    /// the block has none.
    private let opaque: [Bool]

    /// Reads `markdown`; `unitPerCharacter` forces one unit per character even where bytes
    /// would do, so that tests can compare the two readings.
    init(_ markdown: String, unitPerCharacter: Bool = false) {
        self.markdown = markdown
        let bytes = Array(markdown.utf8)
        if !unitPerCharacter, bytes.withUnsafeBufferPointer({ Self.isByteSafe($0, in: markdown) }) {
            units = bytes
            starts = []
        } else {
            var units: [UInt8] = []
            var starts: [String.Index] = []
            for index in markdown.indices {
                units.append(Self.unit(of: markdown[index]))
                starts.append(index)
            }
            starts.append(markdown.endIndex)
            self.units = units
            self.starts = starts
        }
        opaque = Self.opaqueMask(units)
        var lines: [Range<Int>] = []
        units.withUnsafeBufferPointer { units in
            var start = 0
            while let newline = Self.firstIndex(of: ASCIIBytes.newline, in: units, from: start) {
                lines.append(start..<newline)
                start = newline + 1
            }
            lines.append(start..<units.count)
        }
        self.lines = lines
    }

    /// A scanner for each paragraph that may hold card syntax, nil for all other blocks, so that
    /// the extractor and the generator share one reading of each block.
    static func scanners(for blocks: [Block]) -> [CardSyntaxScanner?] {
        // Filled in place, with the blocks read through a buffer pointer: `map` copied every
        // block (and so retained each of its strings) to look at two of its fields.
        var scanners = [CardSyntaxScanner?](repeating: nil, count: blocks.count)
        blocks.withUnsafeBufferPointer { blocks in
            for index in blocks.indices {
                guard case .paragraph = blocks[index].kind, mayHoldCardSyntax(blocks[index].markdown) else { continue }
                scanners[index] = CardSyntaxScanner(blocks[index].markdown)
            }
        }
        return scanners
    }

    /// The text of a unit range, as written.
    func text(_ range: Range<Int>) -> String {
        if starts.isEmpty { return String(decoding: units[range], as: UTF8.self) }
        return String(markdown[starts[range.lowerBound]..<starts[range.upperBound]])
    }

    /// Appends the UTF-8 of `text(range)` to `output`.
    func appendText(_ range: Range<Int>, to output: inout [UInt8]) {
        if starts.isEmpty {
            output += units[range]
        } else {
            output += markdown[starts[range.lowerBound]..<starts[range.upperBound]].utf8
        }
    }

    /// The line (0-based) that holds a unit offset.
    func lineIndex(of offset: Int) -> Int {
        lines.firstIndex { $0.contains(offset) || $0.upperBound == offset } ?? max(0, lines.count - 1)
    }

    /// Whether the character that ends just before `offset` is a letter or a digit. `offset` must
    /// start a character (as a marker's offset does).
    func isLetterOrDigit(before offset: Int) -> Bool {
        let unit = units[offset - 1]
        if !starts.isEmpty { return ContentKey.isLetterOrDigit(markdown[starts[offset - 1]]) }
        if unit < 0x80 { return ASCIIBytes.isLetterOrDigit(unit) }
        return markdown[..<stringIndex(offset)].last.map(ContentKey.isLetterOrDigit) ?? false
    }

    /// Whether the character that starts at `offset` is a letter or a digit.
    func isLetterOrDigit(at offset: Int) -> Bool {
        let unit = units[offset]
        if !starts.isEmpty { return ContentKey.isLetterOrDigit(markdown[starts[offset]]) }
        if unit < 0x80 { return ASCIIBytes.isLetterOrDigit(unit) }
        return ContentKey.isLetterOrDigit(markdown[stringIndex(offset)])
    }

    /// Whether `unit` stands twice at `offset`, outside code and links: the markers `::`, `{{`, `}}`.
    func isDoubled(_ unit: UInt8, at offset: Int) -> Bool {
        offset + 1 < units.count && units[offset] == unit && units[offset + 1] == unit
            && !isOpaque(offset) && !isOpaque(offset + 1)
    }

    /// The first offset at or after `start` whose unit is `first` or `second`; the unit count
    /// when there is none.
    func firstIndex(ofEither first: UInt8, _ second: UInt8, from start: Int) -> Int {
        units.withUnsafeBufferPointer { units in
            var index = start
            while index < units.count, units[index] != first, units[index] != second { index += 1 }
            return index
        }
    }

    func isOpaque(_ offset: Int) -> Bool {
        !opaque.isEmpty && opaque[offset]
    }

    /// The range without the spaces and tabs at its ends: `text(range).trimmingSpaces` without
    /// making the untrimmed string (a space or tab unit is always a whole character).
    func trimmingSpaces(_ range: Range<Int>) -> Range<Int> {
        var start = range.lowerBound
        var end = range.upperBound
        while start < end, ASCIIBytes.isSpaceOrTab(units[start]) { start += 1 }
        while end > start, ASCIIBytes.isSpaceOrTab(units[end - 1]) { end -= 1 }
        return start..<end
    }

    /// Whether a line holds only `?`, give or take spaces and tabs.
    func isQuestionMark(_ line: Range<Int>) -> Bool {
        let trimmed = trimmingSpaces(line)
        return trimmed.count == 1 && units[trimmed.lowerBound] == UInt8(ascii: "?")
    }

    /// Runs of two or more `:` in `range` that are outside code, links and `excluded` ranges.
    func colonRuns(in range: Range<Int>, excluding excluded: [Range<Int>] = []) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var index = range.lowerBound
        while index < range.upperBound {
            // Skip to the next colon: a run starts at one.
            index = units.withUnsafeBufferPointer { units in
                Self.firstIndex(of: UInt8(ascii: ":"), in: UnsafeBufferPointer(rebasing: units[..<range.upperBound]), from: index)
            } ?? range.upperBound
            guard index < range.upperBound else { break }
            guard units[index] == UInt8(ascii: ":"), !isOpaque(index), !excluded.contains(where: { $0.contains(index) })
            else {
                index += 1
                continue
            }
            var end = index
            while end < range.upperBound, units[end] == UInt8(ascii: ":"), !isOpaque(end) { end += 1 }
            if end - index >= 2 { runs.append(index..<end) }
            index = end
        }
        return runs
    }

    /// True when the block holds anything that the extractor treats as card syntax or as a
    /// malformed attempt at it; the generator leaves such blocks alone.
    var hasCardSyntax: Bool {
        if lines.contains(where: isQuestionMark) { return true }
        for index in units.indices {
            let unit = units[index]
            if (unit == UInt8(ascii: ":") || unit == UInt8(ascii: "{") || unit == UInt8(ascii: "}"))
                && isDoubled(unit, at: index)
            {
                return true
            }
        }
        return false
    }

    private func stringIndex(_ offset: Int) -> String.Index {
        markdown.utf8.index(markdown.utf8.startIndex, offsetBy: offset)
    }
}

extension CardSyntaxScanner {
    /// Marks code spans (CommonMark: a run of n backticks closed by the next run of exactly n),
    /// link destinations and autolinks. Most blocks have none, and get no mask.
    private static func opaqueMask(_ units: [UInt8]) -> [Bool] {
        // Every opaque stretch starts at one of these three; most blocks have none of them.
        let hasOpener = units.withUnsafeBufferPointer { units in
            firstIndex(of: UInt8(ascii: "`"), in: units, from: 0) != nil || firstIndex(of: UInt8(ascii: "]"), in: units, from: 0) != nil
                || firstIndex(of: UInt8(ascii: "<"), in: units, from: 0) != nil
        }
        guard hasOpener else { return [] }
        var mask: [Bool] = []
        func markOpaque(_ range: Range<Int>) {
            if mask.isEmpty { mask = [Bool](repeating: false, count: units.count) }
            for index in range { mask[index] = true }
        }
        var index = 0
        while index < units.count {
            let unit = units[index]
            if unit == UInt8(ascii: "`") {
                let open = runLength(of: unit, in: units, from: index)
                if let close = closingRun(of: open, in: units, after: index + open) {
                    markOpaque(index..<(close + open))
                    index = close + open
                } else {
                    index += open
                }
            } else if unit == UInt8(ascii: "]"), index + 1 < units.count, units[index + 1] == UInt8(ascii: "("),
                let end = closingParen(in: units, from: index + 1)
            {
                markOpaque((index + 1)..<(end + 1))
                index = end + 1
            } else if unit == UInt8(ascii: "<"), let end = autolinkEnd(in: units, from: index) {
                markOpaque(index..<(end + 1))
                index = end + 1
            } else {
                index += 1
            }
        }
        return mask
    }

    /// The first offset at or after `start` that holds `unit` (memchr).
    static func firstIndex(of unit: UInt8, in units: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = units.baseAddress, start < units.count,
            let found = memchr(base + start, Int32(unit), units.count - start)
        else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    private static func runLength(of unit: UInt8, in units: [UInt8], from start: Int) -> Int {
        var end = start
        while end < units.count, units[end] == unit { end += 1 }
        return end - start
    }

    private static func closingRun(of length: Int, in units: [UInt8], after start: Int) -> Int? {
        var index = start
        while index < units.count {
            if units[index] == UInt8(ascii: "`") {
                let run = runLength(of: units[index], in: units, from: index)
                if run == length { return index }
                index += run
            } else {
                index += 1
            }
        }
        return nil
    }

    private static func closingParen(in units: [UInt8], from open: Int) -> Int? {
        var depth = 0
        for index in open..<units.count {
            switch units[index] {
            case UInt8(ascii: "("): depth += 1
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return index }
            case ASCIIBytes.newline: return nil
            default: break
            }
        }
        return nil
    }

    private static func autolinkEnd(in units: [UInt8], from open: Int) -> Int? {
        var sawColon = false
        for index in (open + 1)..<units.count {
            switch units[index] {
            case UInt8(ascii: ">"): return sawColon ? index : nil
            case UInt8(ascii: " "), ASCIIBytes.newline, UInt8(ascii: "<"): return nil
            case UInt8(ascii: ":"): sawColon = true
            default: break
            }
        }
        return nil
    }
}
