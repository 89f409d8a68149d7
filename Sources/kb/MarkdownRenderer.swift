import Foundation

/// Renders Markdown for a terminal, line by line: headings, emphasis, code and links styled,
/// front matter dropped. Good enough for reading a note or a card; not a CommonMark renderer.
struct MarkdownRenderer {
    let terminal: Terminal

    func render(_ markdown: String) -> String {
        var lines = markdown.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
        if lines.first?.trimmingCharacters(in: .whitespaces) == "---",
            let end = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" })
        {
            lines.removeSubrange(0...end)
            while lines.first?.isEmpty == true { lines.removeFirst() }
        }
        var output: [String] = []
        var inFence = false
        for line in lines {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                inFence.toggle()
                continue
            }
            if inFence {
                output.append("    " + terminal.cyan(line))
                continue
            }
            if let heading = headingLevel(trimmed) {
                let text = String(trimmed.dropFirst(heading)).trimmingCharacters(in: .whitespaces)
                let styled = heading <= 2 ? terminal.bold(terminal.underline(inline(text))) : terminal.bold(inline(text))
                output.append(styled)
                continue
            }
            output.append(inline(line))
        }
        return output.joined(separator: "\n")
    }

    private func headingLevel(_ line: String) -> Int? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes), line.count == hashes || line.dropFirst(hashes).first == " " else { return nil }
        return hashes
    }

    /// Styles `code`, **bold**, *italic* and [links](url) inside one line.
    func inline(_ line: String) -> String {
        var result = ""
        var chars = Substring(line)
        while let first = chars.first {
            if first == "`", let end = chars.dropFirst().firstIndex(of: "`") {
                result += terminal.cyan(String(chars[chars.index(after: chars.startIndex)..<end]))
                chars = chars[chars.index(after: end)...]
            } else if chars.hasPrefix("**"), let end = chars.dropFirst(2).range(of: "**") {
                result += terminal.bold(inline(String(chars[chars.index(chars.startIndex, offsetBy: 2)..<end.lowerBound])))
                chars = chars[end.upperBound...]
            } else if first == "*" || first == "_", chars.count > 2, chars.dropFirst().first?.isWhitespace == false,
                let end = chars.dropFirst().firstIndex(of: first)
            {
                result += terminal.italic(String(chars[chars.index(after: chars.startIndex)..<end]))
                chars = chars[chars.index(after: end)...]
            } else if first == "[", let close = chars.firstIndex(of: "]"),
                chars[chars.index(after: close)...].first == "(",
                let paren = chars[close...].firstIndex(of: ")")
            {
                let text = String(chars[chars.index(after: chars.startIndex)..<close])
                result += terminal.underline(inline(text))
                if !terminal.colour {
                    let url = chars[chars.index(close, offsetBy: 2)..<paren]
                    result += " <\(url)>"
                }
                chars = chars[chars.index(after: paren)...]
            } else {
                result.append(first)
                chars = chars.dropFirst()
            }
        }
        return result
    }
}
