import Foundation

/// The little HTML that card fields need, both ways: Anki fields are HTML, kb cards Markdown.
///
/// Not a Markdown or HTML engine: cards are short, and what they use is emphasis, code, links
/// and line breaks. Anything else passes through as text, escaped, so nothing is lost.
public enum AnkiHTML {
    /// Markdown of a card side as an Anki field: `&<>` escaped, `**bold**`, `*italic*`,
    /// `` `code` `` and `[text](url)` as tags, line breaks as `<br>`.
    public static func fromMarkdown(_ markdown: String) -> String {
        var html = escape(markdown)
        html = replace(html, #"`([^`]+)`"#, "<code>$1</code>")
        html = replace(html, #"\*\*(.+?)\*\*"#, "<b>$1</b>")
        html = replace(html, #"(?<![\w*])\*([^*\s][^*]*?)\*(?![\w*])"#, "<i>$1</i>")
        html = replace(html, #"\[([^\]]+)\]\(([^)\s]+)\)"#, "<a href=\"$2\">$1</a>")
        return html.replacingOccurrences(of: "\n", with: "<br>")
    }

    /// An HTML field as Markdown text for a deck: line breaks kept, `<b>`/`<strong>` as bold,
    /// `<i>`/`<em>` as italic, `<code>` as code, other tags dropped, entities decoded.
    public static func toMarkdown(_ html: String) -> String {
        var text = html
        text = replace(text, #"(?i)<br\s*/?>|</div>\s*<div>|</p>\s*<p>"#, "\n")
        text = replace(text, #"(?i)</?(b|strong)>"#, "**")
        text = replace(text, #"(?i)</?(i|em)>"#, "*")
        text = replace(text, #"(?i)</?code>"#, "`")
        text = replace(text, #"<[^>]*>"#, "")
        return decodeEntities(text)
    }

    /// A field with tags removed and entities decoded: Anki's sort field and checksum input.
    public static func plainText(_ html: String) -> String {
        decodeEntities(replace(html, #"<[^>]*>"#, ""))
    }

    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    static func decodeEntities(_ text: String) -> String {
        var output = text
        for (entity, character) in [("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&apos;", "'")] {
            output = output.replacingOccurrences(of: entity, with: character)
        }
        return output.replacingOccurrences(of: "&amp;", with: "&")
    }

    private static func replace(_ text: String, _ pattern: String, _ template: String) -> String {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]) else { return text }
        return regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
    }
}
