import Foundation
import RecLab
import Testing

@testable import StudyKit

/// The front matter read without Yams (`FrontMatter.simpleFields`) must give exactly what Yams
/// gives, and hand everything else to Yams.
@Suite("Front matter: the simple reader agrees with Yams")
struct FrontMatterTests {
    /// Both readings of `yaml`: fields and warnings, or the error's description.
    static func readings(_ yaml: String) -> (fast: String, yams: String) {
        func describe(_ fast: Bool) -> String {
            do {
                let (matter, warnings) = try FrontMatter.parseFields(yaml, path: "Notes/x.md", fast: fast)
                return "\(matter) \(warnings)"
            } catch {
                return "error: \(error)"
            }
        }
        return (describe(true), describe(false))
    }

    @Test("the repository's own front matter takes the simple reader, with Yams's result")
    func repositoryNotes() throws {
        var simple = 0
        for (path, text) in try Repository.markdown() {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            guard lines.first == "---", let end = lines.dropFirst().firstIndex(of: "---") else { continue }
            let yaml = lines[1..<end].joined(separator: "\n") + "\n"
            let (fast, yams) = Self.readings(yaml)
            #expect(fast == yams, "\(path)")
            if FrontMatter.simpleFields(yaml) != nil { simple += 1 }
        }
        #expect(simple > 35)
    }

    @Test("tricky values go to Yams or read the same", arguments: [
        "title: A: b\n", "title: a # comment\n", "title: 'quoted'\n", "title: \"double\"\n", "title: &anchor x\n",
        "title: *alias\n", "title: - dash\n", "title: [a, b]\n", "topics: [a, b]\n", "topics: []\n", "topics: [a, , b]\n",
        "topics: [a, [b]]\n", "topics: a, b, c\n", "topics: a b c\n", "title: x\ntitle: y\n", "Title: x\ntitle: y\n",
        "title: caf\u{E9}\n", "title:\n", "title: \n", "  title: x\n", "title: x\n  continued\n", "title: x\n\ndemo: y\n",
        "cards: explicit\n", "cards: sometimes\n", "cards: [all]\n", "title: http://example.com/a#b\n", "title: a#b\n",
        "title: yes\n", "title: null\n", "title: ~\n", "title: 12\n", "title: x:\n", "title: tab\there\n",
        "%YAML 1.2\ntitle: x\n", "title: x\n...\n", "- a\n- b\n", "just text\n", "", "\n", "title:x\n",
        "topics: [ a ,b ]\n", "title: a  b   c\n", "title: trailing   \n", "demo: dcn\ntopics: [ranking, dcn]\ntags: extra\n",
        "title: Feature crosses, wide & deep\n", "title: {a: b}\n", "title: ? x\n", "title: !tag x\n", "title: |\n  block\n",
    ])
    func trickyValues(yaml: String) {
        let (fast, yams) = Self.readings(yaml)
        #expect(fast == yams, "\(Array(yaml.unicodeScalars))")
    }

    @Test("random front matter from risky pieces: both readings agree")
    func randomFrontMatter() {
        let keys = ["title", "topics", "tags", "demo", "cards", "Title", "other", "x-y", "a_b", "1bad", ""]
        let values = [
            "plain words", "[a, b, c]", "[one]", "a, b", "a b", "all", "none", "explicit", "x: y", "x #c", "'q'", "\"q\"",
            "&a v", "*a", "-v", "[a, [b]]", "[]", "", "caf\u{E9}", "a:", "http://h/p", "a#b", "  spaced  ", "{k: v}", "v\tt",
            "[ x , y ]", "[x,y,]", "ok?", "?no", "50%", "%no", "@no", "`no`", "!no", "|", ">", "a,b", "[a:b]", "[a: b]",
            "a \u{2014} b", "na\u{EF}ve", "e\u{301}", "\u{1F600}", "a\u{A0}", "\u{A0}a", "a\u{2028}b", "a\u{85}b",
            "\u{FEFF}a", "a\u{2029}", "[caf\u{E9}, \u{4E2D}\u{6587}]", "\u{E000}", "\u{FFFD}", "a\u{7F}b",
            "\"Source: x (y, 2023)\"", "\"esc \\\" aped\"", "\"back\\\\slash\"", "'single: q'", "'it''s'", "\"a # b\"",
            "\"\"", "''", "\"open", "'open", "\"a\" b", "\"x\" # c", "\"tab\there\"", "\"caf\u{E9} \u{2014}\"",
            "\"a\u{2028}b\"", "'[not, a, list]'", "\"'mixed'\"", "'\"mixed\"'",
        ]
        var random = SplitMix64(seed: 11)
        var simple = 0
        for _ in 0..<3000 {
            var yaml = ""
            for _ in 0..<Int(random.next() % 5) {
                let key = keys[Int(random.next() % UInt64(keys.count))]
                let value = values[Int(random.next() % UInt64(values.count))]
                let indent = random.next() % 10 == 0 ? " " : ""
                yaml += indent + key + ":" + (random.next() % 12 == 0 ? "" : " ") + value + "\n"
            }
            let (fast, yams) = Self.readings(yaml)
            #expect(fast == yams, "\(Array(yaml.unicodeScalars))")
            if FrontMatter.simpleFields(yaml) != nil { simple += 1 }
        }
        // The simple reader must answer often enough for the comparison to mean something.
        #expect(simple > 150)
    }
}
