/// Finds card syntax in one block's Markdown while ignoring code spans and link destinations.
///
/// Card markers (`::`, `{{`, `}}`) are plain punctuation, so they also occur in code
/// (`std::vector`, `{{ template }}`) and URLs. The scanner marks every character that sits inside
/// a backtick code span, a link destination `](...)` or an autolink `<...>` as opaque, and the
/// rules look for markers only among the remaining characters. Offsets are `Character` indices
/// into `chars`, so the original text (code spans included) can be cut out unchanged.
struct CardSyntaxScanner {
    /// The block's Markdown as characters.
    let chars: [Character]
    /// True where a character belongs to a code span, a link destination or an autolink.
    let opaque: [Bool]
    /// Character ranges of the lines (without their `\n`), line 0 first.
    let lines: [Range<Int>]

    init(_ markdown: String) {
        chars = Array(markdown)
        opaque = CardSyntaxScanner.opaqueMask(chars)
        var lines: [Range<Int>] = []
        var start = 0
        for (index, char) in chars.enumerated() where char == "\n" {
            lines.append(start..<index)
            start = index + 1
        }
        lines.append(start..<chars.count)
        self.lines = lines
    }

    /// A cheap test on the bytes: false means the Markdown certainly holds no card syntax (no
    /// `::`, `{{`, `}}` and no line holding only `?`), so most paragraphs never need a scanner.
    static func mayHoldCardSyntax(_ markdown: String) -> Bool {
        var previous: UInt8 = 0
        var lineHasOnlyQuestion = false
        var lineHasOther = false
        for byte in markdown.utf8 {
            if (byte == UInt8(ascii: ":") || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}")) && byte == previous {
                return true
            }
            switch byte {
            case UInt8(ascii: "\n"):
                if lineHasOnlyQuestion && !lineHasOther { return true }
                lineHasOnlyQuestion = false
                lineHasOther = false
            case UInt8(ascii: "?"):
                if lineHasOnlyQuestion { lineHasOther = true }
                lineHasOnlyQuestion = true
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                break
            default:
                lineHasOther = true
            }
            previous = byte
        }
        return lineHasOnlyQuestion && !lineHasOther
    }

    /// The text of a character range, as written.
    func text(_ range: Range<Int>) -> String {
        String(chars[range])
    }

    /// The line (0-based) that holds a character offset.
    func lineIndex(of offset: Int) -> Int {
        lines.firstIndex { $0.contains(offset) || $0.upperBound == offset } ?? max(0, lines.count - 1)
    }

    /// Whether a marker of `length` characters starts at `offset` outside code and links.
    func isMarker(_ marker: String, at offset: Int) -> Bool {
        var position = offset
        for char in marker {
            guard position < chars.count, chars[position] == char, !opaque[position] else { return false }
            position += 1
        }
        return true
    }

    /// Runs of two or more `:` in `range` that are outside code, links and `excluded` ranges.
    func colonRuns(in range: Range<Int>, excluding excluded: [Range<Int>] = []) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var index = range.lowerBound
        while index < range.upperBound {
            guard chars[index] == ":", !opaque[index], !excluded.contains(where: { $0.contains(index) }) else {
                index += 1
                continue
            }
            var end = index
            while end < range.upperBound, chars[end] == ":", !opaque[end] { end += 1 }
            if end - index >= 2 { runs.append(index..<end) }
            index = end
        }
        return runs
    }

    /// True when the block holds anything that the extractor treats as card syntax or as a
    /// malformed attempt at it; the generator leaves such blocks alone.
    var hasCardSyntax: Bool {
        if lines.contains(where: { text($0).trimmingSpaces == "?" }) { return true }
        for index in chars.indices where !opaque[index] {
            if isMarker("::", at: index) || isMarker("{{", at: index) || isMarker("}}", at: index) {
                return true
            }
        }
        return false
    }

    /// Marks code spans (CommonMark: a run of n backticks closed by the next run of exactly n),
    /// link destinations and autolinks.
    private static func opaqueMask(_ chars: [Character]) -> [Bool] {
        var mask = [Bool](repeating: false, count: chars.count)
        var index = 0
        while index < chars.count {
            let char = chars[index]
            if char == "`" {
                let open = runLength(of: "`", in: chars, from: index)
                if let close = closingRun(of: open, in: chars, after: index + open) {
                    for k in index..<(close + open) { mask[k] = true }
                    index = close + open
                } else {
                    index += open
                }
            } else if char == "]", index + 1 < chars.count, chars[index + 1] == "(",
                let end = closingParen(in: chars, from: index + 1)
            {
                for k in (index + 1)...end { mask[k] = true }
                index = end + 1
            } else if char == "<", let end = autolinkEnd(in: chars, from: index) {
                for k in index...end { mask[k] = true }
                index = end + 1
            } else {
                index += 1
            }
        }
        return mask
    }

    private static func runLength(of char: Character, in chars: [Character], from start: Int) -> Int {
        var end = start
        while end < chars.count, chars[end] == char { end += 1 }
        return end - start
    }

    private static func closingRun(of length: Int, in chars: [Character], after start: Int) -> Int? {
        var index = start
        while index < chars.count {
            if chars[index] == "`" {
                let run = runLength(of: "`", in: chars, from: index)
                if run == length { return index }
                index += run
            } else {
                index += 1
            }
        }
        return nil
    }

    private static func closingParen(in chars: [Character], from open: Int) -> Int? {
        var depth = 0
        for index in open..<chars.count {
            switch chars[index] {
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth == 0 { return index }
            case "\n": return nil
            default: break
            }
        }
        return nil
    }

    private static func autolinkEnd(in chars: [Character], from open: Int) -> Int? {
        var sawColon = false
        for index in (open + 1)..<chars.count {
            let char = chars[index]
            if char == ">" { return sawColon ? index : nil }
            if char == " " || char == "\n" || char == "<" { return nil }
            if char == ":" { sawColon = true }
        }
        return nil
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
