import Foundation

/// Anki's plain-text card format (https://docs.ankiweb.net/importing/text-files.html): a few
/// `#key:value` header lines, then one note per record of separated fields, quoted like CSV
/// when a field holds the separator, a quote or a line break.
///
/// kb writes front, back, tags and the note type (Basic or Cloze) and reads any file in the
/// format: the header names the separator and the special columns; the first two other columns
/// are front and back.
public enum PlainTextCards {
    /// One card read from a file.
    public struct Row: Sendable, Equatable {
        /// The line the record starts on (1-based), for messages.
        public var line: Int
        public var front: String
        public var back: String
        public var tags: [String]
        /// True for a cloze note: the front holds `{{c1::...}}` deletions and the back is extra text.
        public var isCloze: Bool

        public init(line: Int, front: String, back: String, tags: [String] = [], isCloze: Bool = false) {
            self.line = line
            self.front = front
            self.back = back
            self.tags = tags
            self.isCloze = isCloze
        }
    }

    /// A record that could not be read, reported with its line and skipped.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public struct Parsed: Sendable, Equatable {
        public var rows: [Row] = []
        public var problems: [Problem] = []
    }

    /// Separators by the names Anki's `#separator:` header uses.
    static let separatorNames: [String: Character] = [
        "tab": "\t", "comma": ",", "semicolon": ";", "space": " ", "pipe": "|", "colon": ":",
    ]

    /// Reads a file's text; `separator` applies when the file has no `#separator:` header
    /// (the caller picks it from the extension: tab for .tsv, comma for .csv).
    public static func parse(_ text: String, separator defaultSeparator: Character) -> Parsed {
        var header = Header(separator: defaultSeparator)
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
        var first = 0
        while first < lines.count, lines[first].hasPrefix("#"), header.read(lines[first]) { first += 1 }
        var parsed = Parsed()
        let body = Array(lines[first...].joined(separator: "\n"))
        var reader = RecordReader(chars: body, separator: header.separator, firstLine: first + 1)
        while let record = reader.next() {
            switch record {
            case .failure(let problem): parsed.problems.append(problem)
            case .success(let (line, fields)):
                if fields.allSatisfy({ $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) { continue }
                switch header.row(fields, line: line) {
                case .success(let row): parsed.rows.append(row)
                case .failure(let problem): parsed.problems.append(problem)
                }
            }
        }
        return parsed
    }

    /// A file in the format: the header, then front, back, tags and note type per card.
    /// Cloze cards are written as cloze text (`{{c1::...}}`) with the Cloze note type, so both
    /// Anki and `kb import` make cloze cards of them again.
    public static func write(_ cards: [CardInfo], separator: Character) -> String {
        let name = separatorNames.first { $0.value == separator }?.key ?? String(separator)
        var lines = ["#separator:\(name)", "#html:false", "#tags column:3", "#notetype column:4"]
        for card in cards {
            var fields = [card.front, card.back, card.topics.joined(separator: " "), "Basic"]
            if card.kind == .cloze, let text = ClozeAnswer.clozeText(front: card.front, back: card.back) {
                fields = [text, "", fields[2], "Cloze"]
            }
            lines.append(fields.map { quote($0, separator: separator) }.joined(separator: String(separator)))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A field as written: quoted (quotes doubled) when it holds the separator, a quote, a line
    /// break, or starts with `#` (which would read as a header line).
    static func quote(_ field: String, separator: Character) -> String {
        let needs = field.contains(separator) || field.contains("\"") || field.contains("\n") || field.hasPrefix("#")
        return needs ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }
}
