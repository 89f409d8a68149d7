import Foundation
import Yams

/// YAML front matter at the top of a note, split off before cmark sees the file.
///
/// cmark does not know front matter, so the parser blanks those lines out (keeping the line
/// count, so cmark's block lines stay equal to file lines) and reads the YAML here with Yams.
struct FrontMatter: Sendable, Equatable {
    var title: String?
    var topics: [String] = []
    var demo: String?
    var cards: CardsMode?

    /// Splits `text` into front matter (if the first line is `---`) and the Markdown body with the
    /// front matter lines replaced by empty lines. Invalid YAML yields a warning and no fields.
    static func split(_ text: String, path: String) -> (FrontMatter, body: String, warnings: [IndexWarning]) {
        guard text.hasPrefix("---") else { return (FrontMatter(), text, []) }
        // Walk line by line over UTF-8 only as far as the closing fence: notes can be large.
        let bytes = text.utf8
        var lineStart = bytes.startIndex
        var lineNumber = 0
        var yamlStart: String.Index?
        var closing: (line: Int, end: String.Index)?
        while lineStart < bytes.endIndex {
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
            let line = text[lineStart..<lineEnd].trimmedSpaces
            if lineNumber == 0 {
                guard line == "---" else { return (FrontMatter(), text, []) }
                yamlStart = lineEnd < bytes.endIndex ? bytes.index(after: lineEnd) : lineEnd
            } else if line == "---" || line == "..." {
                closing = (lineNumber, lineEnd)
                break
            }
            lineNumber += 1
            lineStart = lineEnd < bytes.endIndex ? bytes.index(after: lineEnd) : bytes.endIndex
        }
        guard let closing, let yamlStart else {
            let warning = IndexWarning(path: path, line: 1, message: "front matter starts with '---' but never ends; read as Markdown")
            return (FrontMatter(), text, [warning])
        }
        let yaml = String(text[yamlStart..<lineStart])
        let rest = closing.end < bytes.endIndex ? text[bytes.index(after: closing.end)...] : ""
        let body = String(repeating: "\n", count: closing.line + 1) + rest
        do {
            let parsed = try parseFields(yaml, path: path)
            return (parsed.0, body, parsed.1)
        } catch let error as YamlError {
            let (line, reason) = describe(error)
            let warning = IndexWarning(
                path: path, line: line.map { $0 + 1 } ?? 1,
                message: "front matter is not valid YAML (\(reason)); note indexed without it")
            return (FrontMatter(), body, [warning])
        } catch {
            let warning = IndexWarning(path: path, line: 1, message: "front matter could not be read (\(error)); note indexed without it")
            return (FrontMatter(), body, [warning])
        }
    }

    private static func parseFields(_ yaml: String, path: String) throws -> (FrontMatter, [IndexWarning]) {
        var matter = FrontMatter()
        var warnings: [IndexWarning] = []
        // An explicit encoding: the default one reads the process environment on every call.
        guard let node = try Yams.compose(yaml: yaml, .default, .default, .utf8) else { return (matter, []) }
        guard let mapping = node.mapping else {
            return (matter, [IndexWarning(path: path, line: 2, message: "front matter should be a YAML mapping (key: value); ignored")])
        }
        for (keyNode, value) in mapping {
            guard let key = keyNode.string?.lowercased() else { continue }
            switch key {
            case "title": matter.title = value.string
            case "topics", "tags": matter.topics += stringList(value)
            case "demo": matter.demo = value.string
            case "cards":
                if let raw = value.string?.lowercased(), let mode = CardsMode(rawValue: raw) {
                    matter.cards = mode
                } else {
                    warnings.append(IndexWarning(
                        path: path, line: keyNode.mark.map { $0.line + 1 },
                        message: "front matter 'cards' must be all, explicit or none"))
                }
            default: continue
            }
        }
        return (matter, warnings)
    }

    /// A YAML list of strings, or one string of comma- or space-separated words.
    private static func stringList(_ node: Node) -> [String] {
        if let sequence = node.sequence { return sequence.compactMap(\.string) }
        guard let text = node.string else { return [] }
        let separators = text.containsByte(UInt8(ascii: ",")) ? CharacterSet(charactersIn: ",") : .whitespaces
        return text.components(separatedBy: separators).map { $0.trimmedSpaces }
            .filter { !$0.isEmpty }
    }

    /// The 0-based line inside the YAML text and a short reason for a Yams error.
    private static func describe(_ error: YamlError) -> (Int?, String) {
        switch error {
        case let .scanner(context, problem, mark, _):
            return (mark.line, [context?.text, problem].compactMap { $0 }.joined(separator: " "))
        case let .parser(context, problem, mark, _):
            return (mark.line, [context?.text, problem].compactMap { $0 }.joined(separator: " "))
        case let .composer(context, problem, mark, _):
            return (mark.line, [context?.text, problem].compactMap { $0 }.joined(separator: " "))
        default:
            return (nil, "\(error)")
        }
    }
}
