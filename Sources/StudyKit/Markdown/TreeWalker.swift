import Ccmark
import CmarkArena
import Foundation

/// Walks a cmark document with cmark's iterator and collects blocks, sections, links and tags.
struct TreeWalker {
    let path: String
    private(set) var blocks: [Block] = []
    private(set) var links: [NoteLink] = []
    private(set) var tags: [String] = []
    private(set) var firstH1: String?

    private var headingStack: [(level: Int, text: String)] = [] {
        // Kept alongside: every block carries the path, and the stack changes only at headings.
        didSet { headingTexts = headingStack.map(\.text) }
    }
    private var headingTexts: [String] = []
    private var openLists: [Int] = []
    /// The paragraph or heading being read, when `inInline`; one buffer reused for every block.
    private var inline = InlineBuffer()
    private var inInline = false
    private var inlineLine = 0
    private var inlineEndLine = 0
    private var inlineInItem = false
    private var inlineFirstInItem = false

    private var sections: [NoteSection] = []
    private var current = NoteSection(heading: "", headingPath: [], level: 0, line: 1, endLine: 1, body: "")
    /// The current section's body so far: the plain text of its paragraphs and code blocks,
    /// one after another with a newline between two (`bodyParts` counts them).
    private var bodyBytes: [UInt8] = []
    private var bodyParts = 0

    init(path: String) { self.path = path }

    mutating func walk(_ markdown: String) {
        // cmark reads the string's own UTF-8 (it takes a length, not a NUL), without a copy, and
        // builds the tree in this thread's arena (CmarkArena): it all goes at once at the end.
        let mark = kb_cmark_arena_mark()
        defer { kb_cmark_arena_release(mark) }
        var text = markdown
        guard let document = text.withUTF8({ buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    kb_cmark_parse($0, buffer.count, CMARK_OPT_DEFAULT)
                }
            }
        }) else { return }
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            visit(node, entering: event == CMARK_EVENT_ENTER)
        }
    }

    private mutating func visit(_ node: OpaquePointer, entering: Bool) {
        let type = cmark_node_get_type(node)
        switch type {
        case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
            if entering { beginInline(node) } else { endInline(node, isHeading: type == CMARK_NODE_HEADING) }
        case CMARK_NODE_LIST:
            if entering {
                let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
                openLists.append(blocks.count)
                blocks.append(Block(
                    kind: .list(ordered: ordered), line: Int(cmark_node_get_start_line(node)),
                    endLine: Int(cmark_node_get_end_line(node)), headingPath: headingTexts))
            } else {
                openLists.removeLast()
            }
        case CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK:
            let literal = Self.string(cmark_node_get_literal(node))
            let isCode = type == CMARK_NODE_CODE_BLOCK
            blocks.append(Block(
                kind: isCode ? .codeBlock : .htmlBlock, line: Int(cmark_node_get_start_line(node)),
                endLine: Int(cmark_node_get_end_line(node)), markdown: literal, text: literal,
                headingPath: headingTexts))
            if isCode { appendToBody(literal) }
        case CMARK_NODE_THEMATIC_BREAK:
            let line = Int(cmark_node_get_start_line(node))
            blocks.append(Block(kind: .thematicBreak, line: line, endLine: line, headingPath: headingTexts))
        case CMARK_NODE_TEXT:
            if inInline { inline.appendText(Self.bytes(cmark_node_get_literal(node))) }
        case CMARK_NODE_CODE:
            if inInline { inline.appendCode(Self.bytes(cmark_node_get_literal(node))) }
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
            if inInline { inline.appendBreak() }
        case CMARK_NODE_EMPH:
            guard inInline else { break }
            if entering { inline.enterEmphasis() } else { inline.exitEmphasis() }
        case CMARK_NODE_STRONG:
            guard inInline else { break }
            if entering { inline.enterStrong() } else { inline.exitStrong() }
        case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
            guard inInline else { break }
            if entering {
                inline.enterLink(
                    url: Self.string(cmark_node_get_url(node)), title: Self.string(cmark_node_get_title(node)),
                    isImage: type == CMARK_NODE_IMAGE)
            } else if let closed = inline.exitLink(), !closed.isImage {
                let link = makeLink(url: closed.url, text: closed.text, title: closed.title)
                inline.links.append(link)
            }
        default:
            break
        }
    }


    private mutating func beginInline(_ node: OpaquePointer) {
        inline.reset()
        inInline = true
        inlineLine = Int(cmark_node_get_start_line(node))
        inlineEndLine = Int(cmark_node_get_end_line(node))
        let parent = cmark_node_parent(node)
        inlineInItem = parent.map { cmark_node_get_type($0) == CMARK_NODE_ITEM } ?? false
        inlineFirstInItem = inlineInItem && parent.flatMap { cmark_node_first_child($0) } == node
    }

    private mutating func endInline(_ node: OpaquePointer, isHeading: Bool) {
        guard inInline else { return }
        inInline = false
        for index in inline.links.indices { inline.links[index].line = inlineLine }
        // Only when there is something to add: appending even an empty array to the shared
        // empty array allocates a buffer.
        if !inline.links.isEmpty { links += inline.links }
        if !inline.tags.isEmpty { tags += inline.tags }
        let blockLinks = inline.links
        let markdown = String(decoding: inline.markdown, as: UTF8.self)
        let text: String
        if inline.markdownIsText, inline.text.first.map(Self.isKeptEnd) ?? true, inline.text.last.map(Self.isKeptEnd) ?? true {
            // Plain text with nothing to trim reads as its Markdown: one string for both.
            text = markdown
        } else {
            text = inline.text.withUnsafeBufferPointer(String.init(trimmingSpacesOf:))
        }
        if isHeading {
            let level = Int(cmark_node_get_heading_level(node))
            if level == 1 && firstH1 == nil && !text.isEmpty { firstH1 = text }
            while let last = headingStack.last, last.level >= level { headingStack.removeLast() }
            blocks.append(Block(
                kind: .heading(level: level), line: inlineLine, endLine: inlineEndLine,
                markdown: markdown, text: text, headingPath: headingTexts, links: blockLinks))
            headingStack.append((level, text))
            startSection(heading: text, level: level, line: inlineLine)
            return
        }
        blocks.append(Block(
            kind: .paragraph(inListItem: inlineInItem), line: inlineLine, endLine: inlineEndLine,
            markdown: markdown, text: text, headingPath: headingTexts,
            leadingStrong: inline.leadingStrong, links: blockLinks))
        appendToBody(text)
        if inlineFirstInItem, let listIndex = openLists.last {
            blocks[listIndex].items.append(text)
            blocks[listIndex].itemMarkdown.append(markdown)
        }
    }

    /// An end byte that `String(trimmingSpacesOf:)` keeps without a look at characters: ASCII,
    /// but not a space or a tab.
    private static func isKeptEnd(_ byte: UInt8) -> Bool {
        byte < 0x80 && !ASCIIBytes.isSpaceOrTab(byte)
    }

    private mutating func appendToBody(_ part: String) {
        if bodyParts > 0 { bodyBytes.append(ASCIIBytes.newline) }
        bodyBytes.append(contentsOf: part.utf8)
        bodyParts += 1
    }

    private mutating func startSection(heading: String, level: Int, line: Int) {
        closeSection(endLine: line - 1)
        current = NoteSection(heading: heading, headingPath: headingTexts, level: level, line: line, endLine: line, body: "")
    }

    private mutating func closeSection(endLine: Int) {
        current.body = String(decoding: bodyBytes, as: UTF8.self)
        current.endLine = max(current.line, endLine)
        bodyBytes.removeAll(keepingCapacity: true)
        bodyParts = 0
        // The preamble is kept only when it says something.
        if current.level > 0 || !current.body.trimmedWhitespace.isEmpty {
            sections.append(current)
        }
    }

    /// Closes the last section and returns them all.
    mutating func finishSections(lastLine: Int) -> [NoteSection] {
        closeSection(endLine: lastLine)
        return sections
    }

    private func makeLink(url: String, text: String, title: String) -> NoteLink {
        let (scheme, rawHost) = Self.schemeAndHost(url)
        let isExternal = scheme != nil
        var host = rawHost?.lowercased()
        if let current = host, current.hasPrefix("www.") { host = String(current.dropFirst(4)) }
        var target: String?
        if !isExternal, !url.hasPrefix("#") {
            let withoutFragment = Self.withoutFragment(url)
            // Foundation's decoding only when there is something to decode.
            let decoded = withoutFragment.containsByte(UInt8(ascii: "%")) ? withoutFragment.removingPercentEncoding ?? withoutFragment : withoutFragment
            if decoded.hasSuffix(".md") { target = Self.resolve(decoded, from: path) }
        }
        return NoteLink(url: url, text: text, title: title, line: 0, isExternal: isExternal, host: host, targetPath: target)
    }

    /// The destination up to its first `#` (all of it when it has none), as the first piece of
    /// `split(separator: "#")`. On bytes for ASCII, where bytes are characters; by `Character`
    /// otherwise (a `#` followed by a combining mark is not a `#` there) and for a leading `#`
    /// (`split` drops the empty piece before it).
    static func withoutFragment(_ url: String) -> String {
        if url.utf8.first != UInt8(ascii: "#"), url.utf8.allSatisfy({ $0 < 0x80 }) {
            guard let hash = url.utf8.firstIndex(of: UInt8(ascii: "#")) else { return url }
            return String(url[..<hash])
        }
        return url.split(separator: "#", maxSplits: 1).first.map(String.init) ?? url
    }

    /// The scheme and host of a link destination, as `URLComponents(string:)` reads them.
    ///
    /// Most destinations are plain `http(s)://host/...` URLs or relative paths; those are read
    /// from the bytes here, because Foundation's parser was a tenth of the Markdown parse. Any
    /// byte outside the URL alphabet, a bracket, a percent sign or another scheme goes to
    /// `URLComponents` itself, so the answer is the same for every destination.
    static func schemeAndHost(_ url: String) -> (scheme: String?, host: String?) {
        var copy = url
        let fast: (scheme: String?, host: String?)?? = copy.withUTF8 { bytes in
            guard bytes.allSatisfy(isPlainURLByte) else { return nil }
            if !bytes.contains(UInt8(ascii: ":")), !(bytes.count >= 2 && bytes[0] == UInt8(ascii: "/") && bytes[1] == UInt8(ascii: "/")) {
                return (nil, nil)  // a relative path, query or fragment
            }
            for prefix in [httpsPrefix, httpPrefix] {
                guard bytes.count > prefix.count, zip(bytes, prefix).allSatisfy({ $0 | 0x20 == $1 | 0x20 }) else { continue }
                var authority = bytes[prefix.count...].prefix { $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#") }
                if let at = authority.lastIndex(of: UInt8(ascii: "@")) { authority = authority[(at + 1)...] }
                if let colon = authority.firstIndex(of: UInt8(ascii: ":")) {
                    let port = authority[(colon + 1)...]
                    guard port.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
                    authority = authority[..<colon]
                }
                let host = String(decoding: UnsafeBufferPointer(rebasing: authority), as: UTF8.self)
                return (prefix.count == httpsPrefix.count ? "https" : "http", host)
            }
            return nil
        }
        if let fast = fast ?? nil { return fast }
        let components = URLComponents(string: url)
        return (components?.scheme?.lowercased(), components?.host)
    }

    private static let httpsPrefix = Array("https://".utf8)
    private static let httpPrefix = Array("http://".utf8)

    /// Letters, digits and the punctuation `URLComponents` accepts unescaped (brackets and `%`
    /// excepted: see above), as a bit per ASCII byte.
    private static let urlPunctuation: (low: UInt64, high: UInt64) = {
        var mask: (low: UInt64, high: UInt64) = (0, 0)
        for byte in "-._~:/?#@!$&'()*+,;=".utf8 {
            if byte < 64 { mask.low |= 1 << UInt64(byte) } else { mask.high |= 1 << UInt64(byte - 64) }
        }
        return mask
    }()

    private static func isPlainURLByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case 0..<64:
            return urlPunctuation.low & (1 << UInt64(byte)) != 0
        case 64..<128:
            return urlPunctuation.high & (1 << UInt64(byte - 64)) != 0
        default:
            return false
        }
    }

    /// Resolves a relative link against the folder of the note that holds it.
    static func resolve(_ relative: String, from notePath: String) -> String {
        resolveASCII(relative, from: notePath) ?? resolveCharacters(relative, from: notePath)
    }

    /// `resolve` on bytes, for ASCII paths (nearly all): splitting a String by `Character`
    /// cost 40,000 instructions a link. With other bytes, a `/` may carry a combining mark and
    /// stop being a separator, so those paths take the `Character` route.
    static func resolveASCII(_ relative: String, from notePath: String) -> String? {
        var target = relative
        var base = notePath
        return target.withUTF8 { target in
            base.withUTF8 { base -> String? in
                guard target.allSatisfy({ $0 < 0x80 }), base.allSatisfy({ $0 < 0x80 }) else { return nil }
                let slash = UInt8(ascii: "/")
                var path: [UInt8] = []
                if target.first != slash {
                    // The note's folder: the pieces of its path, as they are, but the last one.
                    for byte in base where byte != slash || path.last.map({ $0 != slash }) ?? false { path.append(byte) }
                    if path.last == slash { path.removeLast() }
                    path.removeSubrange((path.lastIndex(of: slash) ?? 0)...)
                }
                PathText.resolve(target, onto: &path)
                return String(decoding: path, as: UTF8.self)
            }
        }
    }

    static func resolveCharacters(_ relative: String, from notePath: String) -> String {
        var parts = relative.hasPrefix("/") ? [] : notePath.split(separator: "/").dropLast().map(String.init)
        for piece in relative.split(separator: "/") {
            switch piece {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(String(piece))
            }
        }
        return parts.joined(separator: "/")
    }

    static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    /// The bytes of a C string up to its NUL (as `string` reads them), without copying; valid
    /// while cmark's node lives.
    static func bytes(_ pointer: UnsafePointer<CChar>?) -> UnsafeBufferPointer<UInt8> {
        guard let pointer else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer))
    }
}
