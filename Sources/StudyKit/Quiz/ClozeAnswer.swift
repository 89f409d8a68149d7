/// Recovers the hidden text of a cloze card from its stored front and back.
///
/// The store keeps what the review screen shows: the front with each asked deletion as `[...]`
/// (or `[hint]`) and the back with the same places filled in bold (see `ClozeParser`). Walking
/// both side by side, the text they share is skipped and each bracket on the front lines up with
/// one `**answer**` on the back, so no second copy of the cloze text needs storing.
public enum ClozeAnswer {
    /// The asked deletions in reading order; nil when front and back do not line up that way.
    public static func answers(front: String, back: String) -> [String]? {
        let f = Array(front), b = Array(back)
        var i = 0, j = 0
        var answers: [String] = []
        while i < f.count || j < b.count {
            if i < f.count, j < b.count, f[i] == b[j] {
                i += 1
                j += 1
                continue
            }
            guard i < f.count, f[i] == "[", let close = f[i...].firstIndex(of: "]") else { return nil }
            guard j + 1 < b.count, b[j] == "*", b[j + 1] == "*" else { return nil }
            guard let end = boldEnd(b, from: j + 2) else { return nil }
            let answer = String(b[(j + 2)..<end])
            guard !answer.isEmpty else { return nil }
            answers.append(answer)
            i = close + 1
            j = end + 2
        }
        return answers.isEmpty ? nil : answers
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
