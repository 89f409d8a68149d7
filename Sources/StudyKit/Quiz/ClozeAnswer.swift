/// Recovers the hidden text of a cloze card from its stored front and back.
///
/// The store keeps what the review screen shows: the front with each asked deletion as `[...]`
/// (or `[hint]`) and the back with the same places filled in bold (see `ClozeParser`). Walking
/// both side by side, the text they share is skipped and each bracket on the front lines up with
/// one `**answer**` on the back, so no second copy of the cloze text needs storing.
public enum ClozeAnswer {
    /// One asked deletion: where its bracket sits on the front, what it hides, and its hint.
    public struct Blank: Sendable, Equatable {
        /// Character offsets of `[...]` or `[hint]` in the front.
        public var range: Range<Int>
        public var answer: String
        public var hint: String?
    }

    /// The asked deletions in reading order; nil when front and back do not line up that way.
    public static func answers(front: String, back: String) -> [String]? {
        blanks(front: front, back: back)?.map(\.answer)
    }

    public static func blanks(front: String, back: String) -> [Blank]? {
        let f = Array(front), b = Array(back)
        var i = 0, j = 0
        var blanks: [Blank] = []
        while i < f.count || j < b.count {
            if i < f.count, j < b.count, f[i] == b[j] {
                i += 1
                j += 1
                continue
            }
            guard i < f.count, f[i] == "[", let close = f[i...].firstIndex(of: "]") else { return nil }
            guard j + 1 < b.count, b[j] == "*", b[j + 1] == "*", let end = boldEnd(b, from: j + 2) else { return nil }
            let answer = String(b[(j + 2)..<end])
            guard !answer.isEmpty else { return nil }
            let label = String(f[(i + 1)..<close])
            blanks.append(Blank(range: i..<(close + 1), answer: answer, hint: label == "..." ? nil : label))
            i = close + 1
            j = end + 2
        }
        return blanks.isEmpty ? nil : blanks
    }

    /// The cloze text in Anki's (and our) syntax: the front with each blank written back as
    /// `{{c1::answer}}` or `{{c1::answer::hint}}`; nil when the card does not line up.
    public static func clozeText(front: String, back: String, number: Int = 1) -> String? {
        guard let blanks = blanks(front: front, back: back) else { return nil }
        var chars = Array(front)
        for blank in blanks.reversed() {
            let hint = blank.hint.map { "::" + $0 } ?? ""
            chars.replaceSubrange(blank.range, with: Array("{{c\(number)::\(blank.answer)\(hint)}}"))
        }
        return String(chars)
    }

    /// The offset of the `**` closing bold text that starts at `start`.
    private static func boldEnd(_ b: [Character], from start: Int) -> Int? {
        var k = start
        while k + 1 < b.count {
            if b[k] == "*", b[k + 1] == "*" { return k }
            k += 1
        }
        return nil
    }
}
