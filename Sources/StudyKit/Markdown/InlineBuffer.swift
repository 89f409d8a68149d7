/// Collects the inline content of one paragraph or heading while cmark's iterator walks it.
///
/// It writes two renderings side by side: Markdown (for card fronts and backs, one line per source
/// line) and plain text (for search). Links are recorded with their plain text.
struct InlineBuffer {
    var markdown = ""
    var text = ""
    var links: [NoteLink] = []
    var tags: [String] = []
    var leadingStrong: String?
    private var openLinks: [(url: String, title: String, textStart: String.Index, isImage: Bool)] = []
    private var strongDepth = 0
    private var capturingLeadingStrong = false
    private var leadingStrongStart: String.Index?

    mutating func appendText(_ literal: String) {
        markdown += literal
        text += literal
        tags += Self.hashtags(in: literal)
    }

    mutating func appendCode(_ literal: String) {
        let fence = literal.containsByte(UInt8(ascii: "`")) ? "``" : "`"
        let pad = literal.hasPrefix("`") || literal.hasSuffix("`") ? " " : ""
        markdown += fence + pad + literal + pad + fence
        text += literal
    }

    mutating func appendBreak() {
        markdown += "\n"
        text += " "
    }

    mutating func enterEmphasis() { markdown += "*" }
    mutating func exitEmphasis() { markdown += "*" }

    mutating func enterStrong() {
        if markdown.isEmpty && strongDepth == 0 && leadingStrong == nil {
            capturingLeadingStrong = true
            leadingStrongStart = text.endIndex
        }
        strongDepth += 1
        markdown += "**"
    }

    mutating func exitStrong() {
        strongDepth -= 1
        markdown += "**"
        if strongDepth == 0 && capturingLeadingStrong, let start = leadingStrongStart {
            leadingStrong = String(text[start...])
            capturingLeadingStrong = false
        }
    }

    mutating func enterLink(url: String, title: String, isImage: Bool) {
        markdown += isImage ? "![" : "["
        openLinks.append((url, title, text.endIndex, isImage))
    }

    /// Closes the innermost link and returns its URL, title and plain text.
    mutating func exitLink() -> (url: String, title: String, text: String, isImage: Bool)? {
        guard let open = openLinks.popLast() else { return nil }
        let title = open.title.isEmpty ? "" : " \"\(open.title)\""
        markdown += "](\(open.url)\(title))"
        return (open.url, open.title, String(text[open.textStart...]), open.isImage)
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
