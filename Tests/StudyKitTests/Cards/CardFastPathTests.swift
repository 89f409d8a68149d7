import Foundation
import Testing

@testable import StudyKit

/// The byte fast paths of the card rules against their `Character` paths, on random text.
///
/// Each rule that reads bytes keeps its `Character` version for the text where bytes and
/// characters may disagree; here both versions run on the same random strings, mostly ASCII
/// (where the fast path answers) salted with the characters that break naive byte code:
/// combining marks, a prepended mark, CR LF, Unicode spaces, letters whose lower case is longer,
/// the three characters Swift compares equal to ASCII ones (U+037E, U+1FEF, U+212A).
@Suite struct CardFastPathTests {
    static let ascii = [
        "a", "b", "Z", "x", "k", "K", "s", "is", "0", "7", "word", "top_k", " ", " ", " ", "  ", "\t", "\n", "\r",
        "\r\n", "\u{0B}", "\u{0C}", "*", "**", "~", "~~", "_", "__", ":", "::", ":::", "{{", "}}", "{", "}", "`",
        "``", "[", "]", "(", ")", "](", "<", ">", "?", "!", ".", "-", ",", ";", "c1", "http://x.y/z", "www.", "://",
    ]
    static let unicode = [
        "é", "e\u{301}", "\u{301}", "\u{600}", "\u{D4E}", "\u{A0}", "\u{3000}", "\u{2028}", "\u{85}", "İ", "\u{212A}",
        "\u{37E}", "\u{1FEF}", "👍🏽", "中文", "—", "–", "ß", "Σ", "ǅ", "\u{200D}", "🇫🇷", "ﬁ",
    ]

    /// Random strings of up to `pieces` pieces; one in `unicodeRate` pieces is not ASCII, and
    /// only a third of the strings have any.
    static func strings(seed: UInt64, count: Int = 4000, pieces: Int = 14, from extra: [String] = []) -> [String] {
        var random = CardTestRandom(seed: seed)
        return (0..<count).map { _ in
            let salted = random.chance(33)
            return (0..<random.below(pieces + 1)).map { _ in
                salted && random.chance(15) ? random.pick(unicode) : random.pick(ascii + extra)
            }.joined()
        }
    }

    @Test func normaliseMatchesCharacterPath() {
        for text in Self.strings(seed: 1) {
            let slow = ContentKey.normaliseCharacters(text)
            #expect(ContentKey.normalise(text) == slow, "\(Array(text.unicodeScalars))")
            #expect(ContentKey.withNormalisedUTF8(text) { String(decoding: $0, as: UTF8.self) } == slow)
        }
    }

    /// `normaliseCharacters` as first written, entirely on `Character`s, as the reference for
    /// the version that asks ASCII Characters by their value.
    static func normaliseByCharacterComparison(_ markdown: String) -> String {
        let chars = Array(markdown.lowercased())
        var output = ""
        var pendingSpace = false
        for (index, char) in chars.enumerated() {
            if char == "*" || char == "~" { continue }
            if char == "_" {
                var first = index
                while first > 0, chars[first - 1] == "_" { first -= 1 }
                var last = index
                while last + 1 < chars.count, chars[last + 1] == "_" { last += 1 }
                let before = first > 0 ? chars[first - 1] : " "
                let after = last + 1 < chars.count ? chars[last + 1] : " "
                if !(ContentKey.isLetterOrDigit(before) && ContentKey.isLetterOrDigit(after)) { continue }
            }
            if char.isWhitespace {
                pendingSpace = !output.isEmpty
                continue
            }
            if pendingSpace {
                output.append(" ")
                pendingSpace = false
            }
            output.append(char)
        }
        return output
    }

    @Test func normaliseCharactersMatchesCharacterComparison() {
        let around = Self.unicode.map { "A_\($0)_b *\($0)* \r\n\($0)~" }
        for text in Self.strings(seed: 11) + around {
            // Byte for byte: String's == would accept canonically equivalent text.
            #expect(Array(ContentKey.normaliseCharacters(text).utf8) == Array(Self.normaliseByCharacterComparison(text).utf8), "\(Array(text.unicodeScalars))")
        }
    }

    @Test func lowercasedByScalarMatchesTheStandardLibrary() {
        var text = "Mixed ASCII "
        for value in stride(from: 0x80, to: 0x2_0000, by: 1) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            text.unicodeScalars.append(scalar)
            if value % 64 == 0 {
                #expect(Array(ContentKey.lowercasedByScalar(text).utf8) == Array(text.lowercased().utf8), "up to \(value)")
                text = "AbC "
            }
        }
        for text in Self.strings(seed: 12) {
            #expect(Array(ContentKey.lowercasedByScalar(text).utf8) == Array(text.lowercased().utf8))
        }
    }

    @Test func containsByteMatchesTheUTF8View() {
        for text in Self.strings(seed: 4, pieces: 6) {
            for byte: UInt8 in [0, 10, 13, 35, 44, 96, 0xC3, 0xE2] {
                #expect(text.containsByte(byte) == text.utf8.contains(byte), "\(Array(text.unicodeScalars)) \(byte)")
                // A substring's bytes only: not those of the string around it.
                let inner = text.dropFirst().dropLast()
                #expect(inner.containsByte(byte) == inner.utf8.contains(byte))
            }
        }
    }

    @Test func replacingBytesMatchesFoundation() {
        // ASCII targets, the only kind it is for (Foundation also matches a decomposed é to é).
        let targets = ["\n", "\u{2}", "\u{3}", "ab", "\r\n"]
        for text in Self.strings(seed: 5, pieces: 8) + ["", "\u{2}x\u{3}", "aab\u{2}\u{2}", "é\n\r\n", "abab"] {
            for target in targets {
                for replacement in ["", " ", "**", "\u{1B}[1;33m"] {
                    #expect(
                        text.replacingBytes(target, with: replacement) == text.replacingOccurrences(of: target, with: replacement),
                        "\(Array(text.unicodeScalars)) \(Array(target.unicodeScalars))")
                }
            }
        }
    }

    @Test func trimsMatchCharacterPath() {
        func trimmed(_ text: String, _ drop: (Character) -> Bool) -> String {
            guard let first = text.firstIndex(where: { !drop($0) }), let last = text.lastIndex(where: { !drop($0) })
            else { return "" }
            return String(text[first...last])
        }
        for text in Self.strings(seed: 2, pieces: 6) {
            #expect(text.trimmedWhitespace == trimmed(text) { $0.isWhitespace }, "\(Array(text.unicodeScalars))")
            #expect(text.trimmedSpaces == trimmed(text) { $0.isWhitespace && !$0.isNewline }, "\(Array(text.unicodeScalars))")
            #expect(text.trimmingSpaces == trimmed(text) { $0 == " " || $0 == "\t" }, "\(Array(text.unicodeScalars))")
        }
    }

    @Test func wordsLabelsAndBoldTermsMatchCharacterPath() {
        for text in Self.strings(seed: 3) {
            #expect(GeneratedCardRules.wordCount(text) == text.split(whereSeparator: { $0.isWhitespace }).count)
            #expect(GeneratedCardRules.label(text) == GeneratedCardRules.labelOfCharacters(text))
            let bold = "**" + text
            let fast = GeneratedCardRules.leadingBold(bold)
            let slow = GeneratedCardRules.leadingBoldOfCharacters(bold)
            #expect(fast?.term == slow?.term && fast?.rest == slow?.rest, "\(Array(bold.unicodeScalars))")
        }
    }

    @Test func tokensMatchCharacterPath() {
        let texts = Self.strings(seed: 4, from: ["retrieval", "model", "Model", "loss"])
        for (index, text) in texts.enumerated() {
            let slow = TokenSimilarity.tokensOfCharacters(ContentKey.normaliseCharacters(text))
            #expect(TokenSimilarity.tokens(text) == slow, "\(Array(text.unicodeScalars))")
            // Another text, and a start of this one, which shares its tokens.
            for other in [texts[(index + 1) % texts.count], String(text.prefix(index % 12))] {
                Self.expectNewTokensMatch(text, other)
            }
        }
    }

    /// Where a plain stretch meets a character that is not ASCII.
    @Test(arguments: [
        // U+0D4E is a prepended letter: it takes the space after it into its character, so
        // "\u{D4E} alpha" is one token, and "alpha" alone is not a token of the text.
        ("\u{D4E} alpha beta gamma", "\u{D4E} alpha"),
        ("beta \u{D4E} alpha gamma", "\u{D4E} alpha"),
        ("alpha\u{301} beta gamma delta", "alpha\u{301}"),
        ("\u{1FEF}alpha beta\r\ngamma delta", "beta"),
        ("— alpha beta — gamma", "alpha"),
        ("alpha_\u{301} beta gamma", "alpha"),
    ])
    func newTokensAtCharacterEdges(text: String, other: String) {
        Self.expectNewTokensMatch(text, other)
    }

    static func expectNewTokensMatch(_ text: String, _ other: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let tokens = TokenSimilarity.tokensOfCharacters(ContentKey.normaliseCharacters(text))
        let known = TokenSimilarity.tokensOfCharacters(ContentKey.normaliseCharacters(other))
        let newCount = tokens.subtracting(known).count
        for count in 1...4 {
            #expect(
                TokenSimilarity.hasNewTokens(text, beyond: other, atLeast: count) == (newCount >= count),
                "\(Array(text.unicodeScalars)) beyond \(Array(other.unicodeScalars)), \(count)", sourceLocation: sourceLocation)
        }
    }

    @Test func containsMatchesFoundation() {
        let texts = Self.strings(seed: 5, pieces: 8)
        for (index, text) in texts.enumerated() {
            let part = texts[(index * 7) % texts.count].prefix(4)
            for part in [String(part), "://", "x"] {
                #expect(GeneratedCardRules.contains(part, in: text) == text.contains(part))
            }
        }
    }

    @Test func referenceDescriptionMatchesCharacterPath() {
        let links = ["[Paper title](http://x.y/z)", "[a [b] c](http://x.y/z)", "![img](http://x.y/z)", "(Smith, 2020) "]
        var checked = 0
        for text in Self.strings(seed: 6, from: links) {
            let link = NoteLink(url: "http://x.y/z", text: "Paper title", line: 1, isExternal: true)
            #expect(ReferenceDescription.text(of: text, without: link) == ReferenceDescription.textOfCharacters(text, url: link.url))
            let bytes = Array(text.utf8)
            guard bytes.withUnsafeBufferPointer({ CardSyntaxScanner.isByteSafe($0, in: text) }) else { continue }
            checked += 1
            let fast = bytes.withUnsafeBufferPointer { ReferenceDescription.textOfBytes($0, url: Array(link.url.utf8)) }
            #expect(fast == ReferenceDescription.textOfCharacters(text, url: link.url), "\(Array(text.unicodeScalars))")
        }
        #expect(checked > 1000)
    }

    /// The scanner reading bytes and the scanner reading one unit per character agree on every
    /// question the card rules ask of a block.
    @Test func scannerBytesMatchCharacters() {
        for text in Self.strings(seed: 7, pieces: 24, from: ["{{c1::", "{{c2::a::b}}", "`a::b`", " :: ", "\n?\n"]) {
            #expect(Self.reading(CardSyntaxScanner(text)) == Self.reading(CardSyntaxScanner(text, unitPerCharacter: true)),
                "\(Array(text.unicodeScalars))")
        }
    }

    /// The eight-bytes-at-a-time prefilter against its definition: a doubled `:`, `{` or `}`,
    /// or a line that is a `?` between spaces and tabs.
    @Test func prefilterMatchesItsDefinition() {
        for text in Self.strings(seed: 8, pieces: 30, from: ["\n?", "? ", "\t?\n", "abcdefgh", "12345678"]) {
            let bytes = Array(text.utf8)
            let doubled = zip(bytes, bytes.dropFirst()).contains { $0 == $1 && ":{}".utf8.contains($0) }
            let question = bytes.split(separator: ASCIIBytes.newline, omittingEmptySubsequences: false).contains {
                $0.filter { !ASCIIBytes.isSpaceOrTab($0) } == [UInt8(ascii: "?")]
            }
            #expect(CardSyntaxScanner.mayHoldCardSyntax(text) == (doubled || question), "\(Array(text.unicodeScalars))")
        }
    }

    /// Everything the extractor reads from a scanner, with unit offsets turned into text.
    static func reading(_ scanner: CardSyntaxScanner) -> [String] {
        var reading = [String(scanner.hasCardSyntax)]
        for line in scanner.lines {
            reading.append("line \(scanner.text(line)) \(scanner.isQuestionMark(line))")
            for run in scanner.colonRuns(in: line) {
                let before = run.lowerBound > line.lowerBound && scanner.isLetterOrDigit(before: run.lowerBound)
                let after = run.upperBound < line.upperBound && scanner.isLetterOrDigit(at: run.upperBound)
                reading.append("run \(scanner.text(line.lowerBound..<run.lowerBound)) \(run.count) \(before) \(after)")
            }
        }
        let (deletions, problems) = ClozeParser.scan(scanner)
        for problem in problems { reading.append("problem \(scanner.lineIndex(of: problem.offset)) \(problem.message)") }
        for deletion in deletions {
            reading.append("deletion \(deletion.card) \(deletion.answer) \(deletion.hint ?? "-")")
            reading.append(ClozeParser.front(scanner, deletions, asking: deletion.card))
            reading.append(ClozeParser.back(scanner, deletions, asking: deletion.card))
            reading.append(String(scanner.colonRuns(in: 0..<scanner.units.count, excluding: deletions.map(\.range)).count))
        }
        return reading
    }

    /// The byte rules assume that no non-ASCII character other than these three equals an
    /// ASCII one; a Unicode update that added one would show here.
    @Test func onlyThreeCharactersEqualASCII() {
        let ascii = Set((0..<128).map { Character(Unicode.Scalar(UInt8($0))) })
        var equal: [UInt32] = []
        for value in UInt32(0x80)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value), ascii.contains(Character(scalar)) else { continue }
            equal.append(value)
        }
        #expect(equal == [0x037E, 0x1FEF, 0x212A])
    }

    @Test func asciiBytePredicatesMatchCharacters() {
        for byte in UInt8(0)..<128 {
            let character = Character(Unicode.Scalar(byte))
            #expect(ASCIIBytes.isWhitespace(byte) == character.isWhitespace)
            #expect(ASCIIBytes.isSpaceOrTab(byte) == (character.isWhitespace && !character.isNewline))
            #expect(ASCIIBytes.isSpaceOrTab(byte) == (character == " " || character == "\t"))
            #expect(ASCIIBytes.isLetterOrDigit(byte) == ContentKey.isLetterOrDigit(character))
            #expect(String(decoding: [ASCIIBytes.lowercased(byte)], as: UTF8.self) == String(character).lowercased())
            #expect(ReferenceDescription.isSeparator(Unicode.Scalar(byte)) == ReferenceDescription.separators.contains(Unicode.Scalar(byte)))
        }
    }
}
