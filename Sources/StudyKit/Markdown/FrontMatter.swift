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

    /// One `key: value` of the front matter: the value as text (a scalar) or as a sequence.
    struct Field: Equatable {
        var key: String
        /// The key's line in the file (the YAML starts on line 2, after `---`), for warnings.
        var line: Int?
        var text: String?
        var sequence: [String]?

        /// A sequence, or a scalar split into words.
        var list: [String] { sequence ?? text.map(FrontMatter.words) ?? [] }
    }

    static func parseFields(_ yaml: String, path: String, fast: Bool = true) throws -> (FrontMatter, [IndexWarning]) {
        var matter = FrontMatter()
        var warnings: [IndexWarning] = []
        let fields: [Field]
        if fast, let simple = simpleFields(yaml) {
            fields = simple
        } else {
            // An explicit encoding: the default one reads the process environment on every call.
            guard let node = try Yams.compose(yaml: yaml, .default, .default, .utf8) else { return (matter, []) }
            guard let mapping = node.mapping else {
                return (matter, [IndexWarning(path: path, line: 2, message: "front matter should be a YAML mapping (key: value); ignored")])
            }
            fields = mapping.compactMap { keyNode, value in
                keyNode.string.map {
                    Field(key: $0, line: keyNode.mark.map { $0.line + 1 }, text: value.string, sequence: value.sequence?.compactMap(\.string))
                }
            }
        }
        for field in fields {
            switch field.key.lowercased() {
            case "title": matter.title = field.text
            case "topics", "tags": matter.topics += field.list
            case "demo": matter.demo = field.text
            case "cards":
                if let raw = field.text?.lowercased(), let mode = CardsMode(rawValue: raw) {
                    matter.cards = mode
                } else {
                    warnings.append(IndexWarning(path: path, line: field.line, message: "front matter 'cards' must be all, explicit or none"))
                }
            default: continue
            }
        }
        return (matter, warnings)
    }

    /// The front matter most notes have, read without Yams: every line `key: value` at the left
    /// margin, with a plain one-line value or a flow list `[a, b]` of plain words, printable
    /// characters only, keys all different. Anything else (quotes, anchors, comments, indentation, other
    /// characters, empty values) returns nil and goes to Yams. Yams cost 4% of a full index, a
    /// third of it checking for duplicate keys; tests check both readings agree.
    static func simpleFields(_ yaml: String) -> [Field]? {
        // On the contiguous bytes: slicing `String.UTF8View` cost several times more.
        var yaml = yaml
        return yaml.withUTF8 { simpleFields($0[...]) }
    }

    private static func simpleFields(_ bytes: Bytes) -> [Field]? {
        var fields: [Field] = []
        var keys: Set<String> = []
        var lineNumber = 0
        var text = bytes
        if text.last == UInt8(ascii: "\n") { text = text.dropLast() }
        for rawLine in text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            // The key's line in the file: the YAML starts on line 2, after `---`.
            let fileLine = lineNumber + 1
            var line = rawLine[...]
            while line.last == UInt8(ascii: " ") { line = line.dropLast() }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return nil }
            let key = line[..<colon]
            guard let first = key.first, (first | 0x20) >= UInt8(ascii: "a"), (first | 0x20) <= UInt8(ascii: "z"),
                key.allSatisfy({ ASCIIBytes.isLetterOrDigit($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }),
                line.index(after: colon) < line.endIndex, line[line.index(after: colon)] == UInt8(ascii: " ")
            else { return nil }
            var value = line[line.index(colon, offsetBy: 2)...]
            while value.first == UInt8(ascii: " ") { value = value.dropFirst() }
            let name = String(decoding: key, as: UTF8.self)
            guard keys.insert(name).inserted else { return nil }
            if value.first == UInt8(ascii: "["), value.last == UInt8(ascii: "]") {
                var items: [String] = []
                for rawItem in value.dropFirst().dropLast().split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
                    var item = rawItem[...]
                    while item.first == UInt8(ascii: " ") { item = item.dropFirst() }
                    while item.last == UInt8(ascii: " ") { item = item.dropLast() }
                    guard isPlain(item, inFlow: true) else { return nil }
                    items.append(String(decoding: item, as: UTF8.self))
                }
                fields.append(Field(key: name, line: fileLine, text: nil, sequence: items))
            } else if let quote = value.first, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                // A quoted title ("Source: ..."): taken as written when nothing inside needs
                // unescaping (no backslash in double quotes, no quote of the same kind at all).
                guard value.count >= 2, value.last == quote else { return nil }
                let inner = value.dropFirst().dropLast()
                guard !inner.contains(quote), quote == UInt8(ascii: "'") || !inner.contains(UInt8(ascii: "\\")),
                    isPrintable(inner)
                else { return nil }
                fields.append(Field(key: name, line: fileLine, text: String(decoding: inner, as: UTF8.self), sequence: nil))
            } else {
                guard isPlain(value, inFlow: false) else { return nil }
                fields.append(Field(key: name, line: fileLine, text: String(decoding: value, as: UTF8.self), sequence: nil))
            }
        }
        return fields
    }

    /// A one-line plain scalar whose value is its text: printable characters, not starting with
    /// an indicator, no `: ` or ` #` inside, no `:` at the end; in a flow list also no `,[]{}`.
    private static func isPlain(_ bytes: Bytes, inFlow: Bool) -> Bool {
        guard let first = bytes.first, let last = bytes.last, last != UInt8(ascii: ":"),
            !indicators.contains(first), isPrintable(bytes)
        else { return false }
        var previous: UInt8 = 0
        for byte in bytes where byte < 0x80 {
            if inFlow, flowIndicators.contains(byte) { return false }
            if previous == UInt8(ascii: ":"), byte == UInt8(ascii: " ") { return false }
            if previous == UInt8(ascii: " "), byte == UInt8(ascii: "#") { return false }
            previous = byte
        }
        return true
    }

    /// Printable characters only (see `isPrintableNonASCII`), plain or inside quotes.
    private static func isPrintable(_ bytes: Bytes) -> Bool {
        var ascii = true
        for byte in bytes {
            if byte >= 0x80 { ascii = false } else if byte < 0x20 || byte == 0x7F { return false }
        }
        return ascii || String(decoding: bytes, as: UTF8.self).unicodeScalars.allSatisfy(isPrintableNonASCII)
    }

    /// YAML's printable characters above ASCII, less those libyaml reads as line breaks
    /// (U+0085, U+2028, U+2029) and the byte-order mark.
    private static func isPrintableNonASCII(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return true }
        if value == 0x2028 || value == 0x2029 || value == 0xFEFF { return false }
        return (0xA0...0xD7FF).contains(value) || (0xE000...0xFFFD).contains(value) || value >= 0x10000
    }

    /// A stretch of the YAML's UTF-8.
    private typealias Bytes = Slice<UnsafeBufferPointer<UInt8>>

    private static let indicators = Array("-?:,[]{}#&*!|>'\"%@`".utf8)
    private static let flowIndicators = Array(",[]{}".utf8)

    /// One string of comma- or space-separated words, as a list.
    static func words(_ text: String) -> [String] {
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
