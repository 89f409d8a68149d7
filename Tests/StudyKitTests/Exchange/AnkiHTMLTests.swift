import Testing
@testable import StudyKit

@Suite("Anki fields and deck escaping")
struct AnkiHTMLTests {
    @Test(
        "Markdown of a card side becomes an HTML field",
        arguments: [
            ("a < b & c", "a &lt; b &amp; c"),
            ("**bold** and *italic*", "<b>bold</b> and <i>italic</i>"),
            ("`x_0` and [DCN](https://arxiv.org/abs/2008.13535)", "<code>x_0</code> and <a href=\"https://arxiv.org/abs/2008.13535\">DCN</a>"),
            ("two\nlines", "two<br>lines"),
        ])
    func toHTML(markdown: String, html: String) {
        #expect(AnkiHTML.fromMarkdown(markdown) == html)
    }

    @Test(
        "an HTML field becomes Markdown text",
        arguments: [
            ("<b>NE</b> is<br>log loss", "**NE** is\nlog loss"),
            ("<div>one</div><div>two</div>", "one\ntwo"),
            ("a&nbsp;&lt;b&gt; &amp;amp;", "a <b> &amp;"),
            ("<span style=\"color: red\">red</span> <i>it</i>", "red *it*"),
        ])
    func fromHTML(html: String, markdown: String) {
        #expect(AnkiHTML.toMarkdown(html) == markdown)
    }

    @Test(
        "a line's first character is escaped only where Markdown would start a block",
        arguments: [
            ("# title", "\\# title"), ("- item", "\\- item"), ("-1 degrees", "-1 degrees"), ("***", "\\***"),
            ("*emphasis* here", "*emphasis* here"), ("1. first", "1\\. first"), ("2024 was", "2024 was"),
            ("> quote", "\\> quote"), ("?", "\\?"), ("    indented", "indented"), ("```swift", "\\```swift"),
        ])
    func lineStart(line: String, escaped: String) {
        #expect(DeckWriter.escapeLineStart(line) == escaped)
    }

    @Test("GUIDs are short base-91 strings, distinct for distinct keys")
    func guids() {
        let a = AnkiExport.guid(forKey: "00000000000000ff"), b = AnkiExport.guid(forKey: "0123456789abcdef")
        #expect(a != b)
        #expect(a.count <= 10 && b.count <= 10)
        #expect(AnkiExport.guid(forKey: "0123456789abcdef") == b)
    }
}
