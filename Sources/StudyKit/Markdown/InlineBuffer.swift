import Glibc

/// Collects the inline content of one paragraph or heading while cmark's iterator walks it.
///
/// It writes two renderings side by side: Markdown (for card fronts and backs, one line per source
/// line) and plain text (for search). Links are recorded with their plain text.
///
/// Both renderings are kept as UTF-8 bytes, copied straight from cmark's literals, and become
/// strings once per block (`TreeWalker` reads them when the block ends). cmark is given valid
/// UTF-8 and splits text only at ASCII bytes, so every literal is valid UTF-8 on its own and the
/// bytes of the whole are the bytes of the pieces put together. The walker keeps one buffer and
/// `reset`s it for each block, so the byte arrays keep their capacity.
struct InlineBuffer {
    var markdown: [UInt8] = []
    var text: [UInt8] = []
    var links: [NoteLink] = []
    var tags: [String] = []
    var leadingStrong: String?
    /// True while only text has been appended, so that the two renderings hold the same bytes.
    private(set) var markdownIsText = true
    /// Open links and images: destination, title and where their plain text starts in `text`.
    private var openLinks: [(url: String, title: String, textStart: Int, isImage: Bool)] = []
    private var strongDepth = 0
    private var capturingLeadingStrong = false
    private var leadingStrongStart: Int?

    /// Empties the buffer for the next block, keeping the byte arrays' storage.
    mutating func reset() {
        markdown.removeAll(keepingCapacity: true)
        text.removeAll(keepingCapacity: true)
        links = []
        tags = []
        leadingStrong = nil
        openLinks.removeAll(keepingCapacity: true)
        strongDepth = 0
        capturingLeadingStrong = false
        leadingStrongStart = nil
        markdownIsText = true
    }

    mutating func appendText(_ literal: UnsafeBufferPointer<UInt8>) {
        markdown.append(contentsOf: literal)
        text.append(contentsOf: literal)
        // Most text has no `#` at all; only then is the literal made a string to look for tags.
        if let base = literal.baseAddress, memchr(base, Int32(UInt8(ascii: "#")), literal.count) != nil {
            tags += Self.hashtags(in: String(decoding: literal, as: UTF8.self))
        }
    }

    mutating func appendCode(_ literal: UnsafeBufferPointer<UInt8>) {
        markdownIsText = false
        let tick = UInt8(ascii: "`")
        let hasTick = literal.contains(tick)
        let pad: Bool
        if literal.allSatisfy({ $0 < 0x80 }) {
            // In ASCII every byte but a CR before LF is a character of its own, so the text
            // starts or ends with a backtick character exactly when its bytes do.
            pad = literal.first == tick || literal.last == tick
        } else {
            // Elsewhere a backtick may carry a combining mark, and U+1FEF equals "`" as a
            // Character: the string answers.
            let string = String(decoding: literal, as: UTF8.self)
            pad = string.hasPrefix("`") || string.hasSuffix("`")
        }
        if hasTick { markdown += [tick, tick] } else { markdown.append(tick) }
        if pad { markdown.append(ASCIIBytes.space) }
        markdown.append(contentsOf: literal)
        if pad { markdown.append(ASCIIBytes.space) }
        if hasTick { markdown += [tick, tick] } else { markdown.append(tick) }
        text.append(contentsOf: literal)
    }

    mutating func appendBreak() {
        markdownIsText = false
        markdown.append(ASCIIBytes.newline)
        text.append(ASCIIBytes.space)
    }

    mutating func enterEmphasis() {
        markdownIsText = false
        markdown.append(UInt8(ascii: "*"))
    }

    mutating func exitEmphasis() { markdown.append(UInt8(ascii: "*")) }

    mutating func enterStrong() {
        if markdown.isEmpty && strongDepth == 0 && leadingStrong == nil {
            capturingLeadingStrong = true
            leadingStrongStart = text.count
        }
        strongDepth += 1
        markdownIsText = false
        markdown += [UInt8(ascii: "*"), UInt8(ascii: "*")]
    }

    mutating func exitStrong() {
        strongDepth -= 1
        markdown += [UInt8(ascii: "*"), UInt8(ascii: "*")]
        if strongDepth == 0 && capturingLeadingStrong, let start = leadingStrongStart {
            leadingStrong = String(decoding: text[start...], as: UTF8.self)
            capturingLeadingStrong = false
        }
    }

    mutating func enterLink(url: String, title: String, isImage: Bool) {
        markdownIsText = false
        if isImage { markdown.append(UInt8(ascii: "!")) }
        markdown.append(UInt8(ascii: "["))
        openLinks.append((url, title, text.count, isImage))
    }

    /// Closes the innermost link and returns its URL, title and plain text.
    mutating func exitLink() -> (url: String, title: String, text: String, isImage: Bool)? {
        guard let open = openLinks.popLast() else { return nil }
        // `](url)`, or `](url "title")` with a title.
        markdown += [UInt8(ascii: "]"), UInt8(ascii: "(")]
        markdown += open.url.utf8
        if !open.title.isEmpty {
            markdown += [ASCIIBytes.space, UInt8(ascii: "\"")]
            markdown += open.title.utf8
            markdown.append(UInt8(ascii: "\""))
        }
        markdown.append(UInt8(ascii: ")"))
        return (open.url, open.title, String(decoding: text[open.textStart...], as: UTF8.self), open.isImage)
    }

    /// `#tag` words in plain text: a `#` at a word start followed by a letter.
    static func hashtags(in literal: String) -> [String] {
        // Byte test first: Foundation's `contains` on String is a slow path on Linux.
        guard literal.containsByte(UInt8(ascii: "#")) else { return [] }
        var tags: [String] = []
        let chars = Array(literal)
        var index = 0
        while index < chars.count {
            let atWordStart = index == 0 || chars[index - 1].isWhitespace || chars[index - 1] == "("
            if chars[index] == "#", atWordStart, index + 1 < chars.count, chars[index + 1].isLetter {
                var end = index + 1
                while end < chars.count, chars[end].isLetter || chars[end].isNumber || chars[end] == "-" || chars[end] == "_" {
                    end += 1
                }
                var tag = String(chars[(index + 1)..<end])
                while tag.hasSuffix("-") || tag.hasSuffix("_") { tag.removeLast() }
                if !tag.isEmpty { tags.append(tag) }
                index = end
            } else {
                index += 1
            }
        }
        return tags
    }
}
