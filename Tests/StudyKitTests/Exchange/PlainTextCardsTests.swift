import Testing
@testable import StudyKit

@Suite("Plain-text cards (CSV/TSV)")
struct PlainTextCardsTests {
    @Test("headers name the separator, HTML and the tags and note type columns")
    func headers() {
        let text = """
            #separator:Semicolon
            #html:true
            #tags column:3
            #notetype column:4
            What is <b>NE</b>?;Log loss over the entropy of the base rate;metrics ranking;Basic
            The capital is {{c1::Paris}};;geo;Cloze
            """
        let parsed = PlainTextCards.parse(text, separator: "\t")
        #expect(parsed.problems.isEmpty)
        #expect(parsed.rows == [
            PlainTextCards.Row(line: 5, front: "What is **NE**?", back: "Log loss over the entropy of the base rate", tags: ["metrics", "ranking"]),
            PlainTextCards.Row(line: 6, front: "The capital is {{c1::Paris}}", back: "", tags: ["geo"], isCloze: true),
        ])
    }

    @Test("quoted fields hold separators, doubled quotes and line breaks; line numbers follow the file")
    func quoting() {
        let text = "a,\"b, with a comma\"\n\"multi\nline\",\"say \"\"hi\"\"\"\nc,d\n"
        let parsed = PlainTextCards.parse(text, separator: ",")
        #expect(parsed.rows.map(\.line) == [1, 2, 4])
        #expect(parsed.rows.map(\.back) == ["b, with a comma", "say \"hi\"", "d"])
        #expect(parsed.rows[1].front == "multi\nline")
    }

    @Test("bad rows are reported with their line and skipped; the good ones around them stay")
    func badRows() {
        let text = """
            #separator:tab
            good\tone

            only a front
            \tno front
            no back\t
            {{c1::x}} cloze without a type column\t
            also good\ttwo
            "never closed\tthree
            lost\tfour
            """
        let parsed = PlainTextCards.parse(text, separator: ",")
        #expect(parsed.rows.map(\.front) == ["good", "{{c1::x}} cloze without a type column", "also good"])
        #expect(parsed.problems.map(\.line) == [4, 5, 6, 9])
        #expect(parsed.problems[0].message.contains("separated by a tab"))
        #expect(parsed.problems[3].message.contains("never closed"))
    }

    @Test("without a header, the caller's separator applies (tab for .tsv, comma for .csv)")
    func defaultSeparator() {
        #expect(PlainTextCards.parse("a,b\tc\n", separator: "\t").rows.first?.back == "c")
        #expect(PlainTextCards.parse("a,b\tc\n", separator: ",").rows.first?.back == "b\tc")
    }

    @Test("what export writes, import reads back: basic and cloze cards, tags, awkward characters")
    func writeThenRead() {
        let cards = [
            QuizFixtures.card(1, "What is \"NE\"?", "Log loss, normalised\nby entropy", topics: ["metrics", "ranking"]),
            QuizFixtures.card(2, "NDCG divides DCG by [...].", "NDCG divides DCG by **the ideal DCG**.", kind: .cloze, topics: []),
            QuizFixtures.card(3, "#hash\tfront", "back", topics: ["x"]),
        ]
        for separator: Character in ["\t", ","] {
            let parsed = PlainTextCards.parse(PlainTextCards.write(cards, separator: separator), separator: separator == "," ? "\t" : ",")
            #expect(parsed.problems.isEmpty)
            #expect(parsed.rows.map(\.front) == ["What is \"NE\"?", "NDCG divides DCG by {{c1::the ideal DCG}}.", "#hash\tfront"])
            #expect(parsed.rows.map(\.back) == ["Log loss, normalised\nby entropy", "", "back"])
            #expect(parsed.rows.map(\.isCloze) == [false, true, false])
            #expect(parsed.rows.map(\.tags) == [["metrics", "ranking"], [], ["x"]])
        }
    }
}
