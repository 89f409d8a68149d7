import Ccmark
import CmarkArena
import Foundation
import RecLab
import Testing

@Suite("cmark arena")
struct CmarkArenaTests {
    @Test("documents built in the arena render as cmark's own parse does, with a second one parsed and released inside")
    func sameDocuments() throws {
        var random = SplitMix64(seed: 17)
        for round in 0..<300 {
            // Every 50th document is larger than one chunk of the arena (256 KB).
            let outerText = Self.randomMarkdown(&random, blocks: round % 50 == 0 ? 6_000 : 1 + Int(random.next() % 80))
            let innerText = Self.randomMarkdown(&random, blocks: 1 + Int(random.next() % 40))
            let outer = kb_cmark_arena_mark()
            let document = try #require(Self.parse(outerText))
            let inner = kb_cmark_arena_mark()
            let second = try #require(Self.parse(innerText))
            #expect(Self.html(second) == Self.reference(innerText))
            kb_cmark_arena_release(inner)
            // The first document outlives the release of the second.
            #expect(Self.html(document) == Self.reference(outerText))
            kb_cmark_arena_release(outer)
        }
    }

    private static func parse(_ text: String) -> OpaquePointer? {
        var text = text
        return text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { kb_cmark_parse($0.baseAddress, $0.count, CMARK_OPT_DEFAULT) }
        }
    }

    /// The HTML of a document in the arena (the string is arena memory too, not freed).
    private static func html(_ document: OpaquePointer) -> String {
        String(cString: cmark_render_html(document, CMARK_OPT_DEFAULT))
    }

    /// cmark's own parse and render, with its default allocator.
    private static func reference(_ text: String) -> String {
        var text = text
        let document = text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, CMARK_OPT_DEFAULT) }
        }
        defer { cmark_node_free(document) }
        let html = cmark_render_html(document, CMARK_OPT_DEFAULT)!
        defer { free(html) }
        return String(cString: html)
    }

    private static func randomMarkdown(_ random: inout SplitMix64, blocks: Int) -> String {
        let pieces = [
            "# Title *em*\n", "## Sub **strong** `code`\n", "- item [link](http://x.org/a \"t\")\n", "1. one\n2. two\n",
            "> quote\n> > nested\n", "```swift\nlet a = 1\n```\n", "    indented code\n", "<div>html</div>\n",
            "Q: what? ::: A: that\n", "a paragraph with {{c1::cloze}} and #tag\n", "[ref]: http://ref.example \"Ref\"\n",
            "see [ref] and <http://auto.link>\n", "CRLF line\r\n", "café naïve 日本語\n", "***\n", "Setext\n===\n",
            "**Bold term**: its definition here.\n", "- [ ] task\n  - nested *item*\n", "![img](pic.png)\n",
            "\\*escaped\\* & entities &amp; &#35;\n", "line with trailing spaces  \nnext\n", "\n",
        ]
        var text = ""
        for _ in 0..<blocks { text += pieces[Int(random.next() % UInt64(pieces.count))] }
        return text
    }
}
