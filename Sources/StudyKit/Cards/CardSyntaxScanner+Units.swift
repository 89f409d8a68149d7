extension CardSyntaxScanner {
    /// Whether every ASCII byte of the text is a whole character that equals no other, so that
    /// the rules may read UTF-8 bytes as units.
    ///
    /// Not so when the text holds CR (CR LF is one character), one of the three non-ASCII
    /// characters that Swift compares equal to an ASCII one (U+037E `;`, U+1FEF `` ` ``, U+212A
    /// `K`, by canonical equivalence), or an ASCII byte that shares a character with its
    /// non-ASCII neighbour (`e` and a combining accent, a prepended mark before a digit).
    static func isByteSafe(_ bytes: UnsafeBufferPointer<UInt8>, in text: String) -> Bool {
        if firstIndex(of: ASCIIBytes.carriageReturn, in: bytes, from: 0) != nil { return false }
        guard !ASCIIBytes.isASCII(bytes) else { return true }
        for index in 1..<bytes.count {
            let byte = bytes[index]
            if (byte < 0x80) != (bytes[index - 1] < 0x80) {
                let position = text.utf8.index(text.utf8.startIndex, offsetBy: index)
                if position.samePosition(in: text) == nil { return false }
            }
            if (byte == 0xBE && bytes[index - 1] == 0xCD)
                || (index >= 2 && byte == 0xAF && bytes[index - 1] == 0xBF && bytes[index - 2] == 0xE1)
                || (index >= 2 && byte == 0xAA && bytes[index - 1] == 0x84 && bytes[index - 2] == 0xE2)
            {
                return false
            }
        }
        return true
    }

    /// The unit of a character: its ASCII code when it equals a single ASCII character.
    static func unit(of character: Character) -> UInt8 {
        let scalars = character.unicodeScalars
        guard let scalar = scalars.first, scalars.count == 1 else { return other }
        switch scalar.value {
        case 0..<0x80: return UInt8(scalar.value)
        case 0x037E: return UInt8(ascii: ";")
        case 0x1FEF: return UInt8(ascii: "`")
        case 0x212A: return UInt8(ascii: "K")
        default: return other
        }
    }
}
