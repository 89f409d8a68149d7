import Foundation
import Testing
@testable import StudyKit

@Suite("NoteParser")
struct NoteParserTests {
    let parser = NoteParser()

    @Test("front matter gives title, topics, demo and cards mode; line numbers count its lines")
    func frontMatter() {
        let text = """
            ---
            title: Two-tower retrieval
            topics: [Retrieval, two tower]
            demo: two-tower
            cards: explicit
            ---
            # Ignored H1

            Body text with #Embeddings tag.

            ## In-batch negatives
            Other items in the batch.
            """
        let note = parser.parse(text: text, path: "Notes/retrieval/two-tower.md")
        #expect(note.title == "Two-tower retrieval")
        #expect(note.topics == ["embeddings", "retrieval", "two-tower"])
        #expect(note.demo == "two-tower")
        #expect(note.cardsMode == .explicit)
        #expect(note.warnings.isEmpty)
        let heading = note.sections.first { $0.heading == "In-batch negatives" }
        #expect(heading?.line == 11)
        #expect(heading?.headingPath == ["Ignored H1", "In-batch negatives"])
        #expect(heading?.body == "Other items in the batch.")
        let paragraph = note.blocks.first { $0.text.hasPrefix("Body text") }
        #expect(paragraph?.line == 9)
    }

    @Test("title falls back to the first H1, then the file name")
    func titleFallbacks() {
        #expect(parser.parse(text: "# Metrics\n\ntext", path: "Notes/metrics.md").title == "Metrics")
        #expect(parser.parse(text: "just text", path: "Notes/eval/ab-tests.md").title == "ab-tests")
    }

    @Test("invalid YAML front matter: a warning with path:line and the note is indexed without it")
    func badYAML() {
        let text = "---\ntitle: ok\ntopics: [a, b\n---\n# Heading\n\nBody.\n"
        let note = parser.parse(text: text, path: "Notes/bad.md")
        #expect(note.warnings.count == 1)
        #expect(note.warnings.first?.path == "Notes/bad.md")
        #expect((note.warnings.first?.line ?? 0) >= 2)
        #expect(note.warnings.first?.message.contains("not valid YAML") == true)
        #expect(note.title == "Heading")
        #expect(note.sections.first?.line == 5)
    }

    @Test("blocks: paragraphs in list items, lists with items, leading bold, code kept out of tags")
    func blocks() {
        let text = """
            ## Stages of a funnel
            1. **Retrieval**: thousands of candidates.
            2. Ranking, with `#notatag` in code.

            ```
            #alsonot
            ```
            """
        let note = parser.parse(text: text, path: "Notes/x.md")
        let list = note.blocks.first { if case .list = $0.kind { return true } else { return false } }
        #expect(list?.kind == .list(ordered: true))
        #expect(list?.items == ["Retrieval: thousands of candidates.", "Ranking, with #notatag in code."])
        #expect(list?.line == 2)
        let first = note.blocks.first { $0.kind == .paragraph(inListItem: true) }
        #expect(first?.leadingStrong == "Retrieval")
        #expect(first?.markdown == "**Retrieval**: thousands of candidates.")
        #expect(first?.headingPath == ["Stages of a funnel"])
        #expect(note.topics.isEmpty)
    }

    @Test("link scheme and host read from bytes agree with URLComponents", arguments: [
        "https://arxiv.org/abs/2008.13535", "HTTP://Example.COM:8080/a?b=c#d", "https://user@host.io/x",
        "https://host.io:notaport/x", "https://[::1]/x", "https://ex%41mple.com/", "https://a b.com/",
        "https://exämple.com/", "http://", "https:///path", "mailto:someone@example.com", "ftp://files.example.com/x",
        "../ranking/dcn.md", "dcn.md#cross-layer", "#top", "//cdn.example.com/x.js", "?q=1", "", "a:b",
        "https://www.YouTube.com", "https://doi.org/10.1145/2648584.2648589", "javascript:alert(1)",
        "https://example.com?x", "https://example.com#frag", "Notes/a (b).md", "https://host/a(b)",
    ])
    func schemeAndHost(url: String) {
        let components = URLComponents(string: url)
        let fast = TreeWalker.schemeAndHost(url)
        #expect(fast.scheme == components?.scheme?.lowercased())
        #expect(fast.host == components?.host)
    }

    @Test("line count: newlines plus one, on any text")
    func lineCount() {
        for text in ["", "a", "a\n", "a\nb\n\n", "\n\n\n", "caf\u{E9}\r\nna\u{EF}ve\n\u{1F600}", String(repeating: "line\n", count: 1000)] {
            #expect(NoteParser.lineCount(text) == text.utf8.filter { $0 == 10 }.count + 1)
        }
    }

    @Test("the part before the fragment, on bytes as by characters")
    func withoutFragment() {
        for url in ["a.md", "a.md#x", "#top", "a#b#c", "", "#", "x#", "caf\u{E9}.md#s", "a#\u{301}b#c", "\u{E9}#"] {
            let characters = url.split(separator: "#", maxSplits: 1).first.map(String.init) ?? url
            #expect(TreeWalker.withoutFragment(url) == characters, "\(Array(url.unicodeScalars))")
        }
    }

    @Test("relative links resolve the same on bytes as by characters")
    func resolveOnBytes() {
        let notes = ["Notes/retrieval/two-tower.md", "Notes/a.md", "Decks/x/y/z.md", "top.md", "Notes//double.md"]
        let targets = [
            "dcn.md", "../ranking/dcn.md", "./a.md", "../../../../up.md", "/Notes/abs.md", "a//b.md", "..",
            ".", "x/./y/../z.md", "", "../", "deep/er/still.md",
        ]
        for note in notes {
            for target in targets {
                #expect(TreeWalker.resolveASCII(target, from: note) == TreeWalker.resolveCharacters(target, from: note), "\(target) from \(note)")
            }
        }
        // Other bytes take the Character route (a `/` may carry a combining mark there).
        #expect(TreeWalker.resolveASCII("caf\u{E9}.md", from: "Notes/a.md") == nil)
        #expect(TreeWalker.resolve("caf\u{E9}.md", from: "Notes/a.md") == "Notes/caf\u{E9}.md")
    }

    @Test("every link destination in the repository's notes reads the same as with URLComponents")
    func repositoryLinks() throws {
        var checked = 0
        for (path, text) in try Repository.markdown() {
            for link in NoteParser().parse(text: text, path: path).links {
                let components = URLComponents(string: link.url)
                let fast = TreeWalker.schemeAndHost(link.url)
                #expect(fast.scheme == components?.scheme?.lowercased(), "\(link.url)")
                #expect(fast.host == components?.host, "\(link.url)")
                checked += 1
            }
        }
        #expect(checked > 100)
    }

    @Test("links: external with host, relative resolved to a note path, line of the block")
    func links() {
        let text = "# T\n\nSee [the paper](https://www.arxiv.org/abs/1) and [two-tower](../retrieval/two-tower.md#logq).\n"
        let note = parser.parse(text: text, path: "Notes/ranking/dcn.md")
        #expect(note.links.count == 2)
        #expect(note.links[0].isExternal && note.links[0].host == "arxiv.org" && note.links[0].text == "the paper")
        #expect(note.links[1].targetPath == "Notes/retrieval/two-tower.md")
        #expect(note.links.allSatisfy { $0.line == 3 })
    }

    @Test("soft breaks keep one Markdown line per source line")
    func multiLineParagraph() {
        let note = parser.parse(text: "Question line\n?\nAnswer line\n", path: "Decks/d.md")
        #expect(note.blocks.first?.markdown == "Question line\n?\nAnswer line")
        #expect(note.isDeck && note.deck == "d")
    }

    @Test("bad bytes: invalid UTF-8 is replaced with a warning, binary and oversized files are skipped, empty is fine")
    func badBytes() {
        var bytes = Data("# Title\n\nline two\n".utf8)
        bytes.append(contentsOf: [0xFF, 0xFE, 0x41, 0x0A])
        guard case .note(let note) = parser.parse(data: bytes, path: "Notes/latin1.md") else {
            Issue.record("invalid UTF-8 should still be indexed")
            return
        }
        #expect(note.warnings.first?.message.contains("UTF-8") == true)
        #expect(note.warnings.first?.line == 4)
        #expect(note.blocks.last?.text.contains("\u{FFFD}") == true)

        guard case .skipped(let binary) = parser.parse(data: Data([0x89, 0x50, 0x4E, 0x47, 0, 0, 1]), path: "Notes/img.md") else {
            Issue.record("binary should be skipped")
            return
        }
        #expect(binary.message.contains("binary"))

        let huge = Data(repeating: 0x61, count: NoteParser.maxFileSize + 1)
        guard case .skipped(let big) = parser.parse(data: huge, path: "Notes/huge.md") else {
            Issue.record("oversized should be skipped")
            return
        }
        #expect(big.message.contains("4 MiB"))

        guard case .note(let empty) = parser.parse(data: Data(), path: "Notes/empty.md") else {
            Issue.record("empty should be indexed")
            return
        }
        #expect(empty.title == "empty" && empty.sections.isEmpty && empty.warnings.isEmpty)
    }

    @Test("10,000 levels of block quote and of nested lists parse without running out of stack")
    func deepNesting() {
        let quotes = String(repeating: ">", count: 10_000) + " deep\n"
        let quoted = parser.parse(text: quotes, path: "Notes/quotes.md")
        #expect(quoted.blocks.contains { $0.text == "deep" })
        // "- - - item" opens a list inside a list item on one line: 10,000 levels in 20 kB.
        let lists = String(repeating: "- ", count: 10_000) + "item\n"
        let listed = parser.parse(text: lists, path: "Notes/lists.md")
        #expect(listed.blocks.contains { $0.text == "item" })
        #expect(listed.blocks.filter { if case .list = $0.kind { return true } else { return false } }.count == 10_000)
    }
}
