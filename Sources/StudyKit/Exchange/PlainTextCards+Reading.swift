import Foundation

/// The header lines and the record reader of `PlainTextCards`.
extension PlainTextCards {
    /// What the `#key:value` lines say; columns are 1-based as in Anki.
    struct Header {
        var separator: Character
        var html = false
        var tagsColumn: Int?
        var notetypeColumn: Int?
        var otherColumns: Set<Int> = []

        /// Reads one header line; false when the line is not a header (then data starts there).
        mutating func read(_ line: String) -> Bool {
            let body = line.dropFirst()
            guard let colon = body.firstIndex(of: ":") else { return false }
            let key = String(body[..<colon]).trimmingSpaces.lowercased()
            let value = String(body[body.index(after: colon)...])
            switch key {
            case "separator":
                let name = value.trimmingSpaces.lowercased()
                if let known = PlainTextCards.separatorNames[name] {
                    separator = known
                } else if let only = value.first, value.count == 1 {
                    separator = only
                } else {
                    return false
                }
            case "html": html = value.trimmingSpaces.lowercased() == "true"
            case "tags column": tagsColumn = Int(value.trimmingSpaces)
            case "notetype column": notetypeColumn = Int(value.trimmingSpaces)
            case "deck column", "guid column":
                if let column = Int(value.trimmingSpaces) { otherColumns.insert(column) }
            case "columns", "tags", "deck", "notetype", "if matches": break
            default: return false
            }
            return true
        }

        /// A record's fields as a card, or why they are not one.
        func row(_ fields: [String], line: Int) -> Result<Row, Problem> {
            var content: [String] = []
            for (index, field) in fields.enumerated() {
                let column = index + 1
                if column == tagsColumn || column == notetypeColumn || otherColumns.contains(column) { continue }
                content.append(html ? AnkiHTML.toMarkdown(field) : field)
            }
            let tags = tagsColumn.flatMap { $0 <= fields.count ? fields[$0 - 1] : nil }?
                .split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) ?? []
            let notetype = notetypeColumn.flatMap { $0 <= fields.count ? fields[$0 - 1] : nil } ?? ""
            let front = (content.first ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let back = content.count > 1 ? content[1].trimmingCharacters(in: .whitespacesAndNewlines) : ""
            let isCloze = notetype.lowercased().contains("cloze") || ClozeText.hasDeletion(front)
            if front.isEmpty { return .failure(Problem(line: line, message: "the front (first field) is empty")) }
            if isCloze && !ClozeText.hasDeletion(front) {
                return .failure(Problem(line: line, message: "a Cloze note without a {{c1::...}} deletion in its text"))
            }
            if !isCloze && content.count < 2 {
                let shown = separator == "\t" ? "a tab" : "'\(separator)'"
                return .failure(Problem(line: line, message: "only one field; front and back must be separated by \(shown)"))
            }
            if !isCloze && back.isEmpty { return .failure(Problem(line: line, message: "the back (second field) is empty")) }
            return .success(Row(line: line, front: front, back: back, tags: tags, isCloze: isCloze))
        }
    }

    /// Splits text into records of fields, honouring quotes across separators and line breaks.
    struct RecordReader {
        let chars: [Character]
        let separator: Character
        var index = 0
        var line: Int

        init(chars: [Character], separator: Character, firstLine: Int) {
            self.chars = chars
            self.separator = separator
            self.line = firstLine
        }

        mutating func next() -> Result<(Int, [String]), Problem>? {
            guard index < chars.count else { return nil }
            let start = line
            var fields: [String] = []
            var field = ""
            var quoted = false
            var atFieldStart = true
            while index < chars.count {
                let char = chars[index]
                index += 1
                if quoted {
                    if char == "\"" {
                        if index < chars.count, chars[index] == "\"" {
                            field.append("\"")
                            index += 1
                        } else {
                            quoted = false
                        }
                    } else {
                        if char == "\n" { line += 1 }
                        field.append(char)
                    }
                    continue
                }
                if char == "\"" && atFieldStart {
                    quoted = true
                    atFieldStart = false
                } else if char == separator {
                    fields.append(field)
                    field = ""
                    atFieldStart = true
                } else if char == "\n" {
                    line += 1
                    fields.append(field)
                    return .success((start, fields))
                } else {
                    field.append(char)
                    atFieldStart = false
                }
            }
            if quoted {
                return .failure(Problem(line: start, message: "a quote (\") opened here is never closed; the rest of the file was not read"))
            }
            fields.append(field)
            return .success((start, fields))
        }
    }
}
