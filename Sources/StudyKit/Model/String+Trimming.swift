extension StringProtocol {
    /// Trimmed of whitespace and newlines, without Foundation's NSString bridge (which costs more
    /// than parsing a paragraph on Linux).
    var trimmedWhitespace: String { trimmed { $0.isWhitespace } }

    /// Trimmed of whitespace but not newlines, like `trimmingCharacters(in: .whitespaces)`.
    var trimmedSpaces: String { trimmed { $0.isWhitespace && !$0.isNewline } }

    private func trimmed(_ drop: (Character) -> Bool) -> String {
        guard let first = firstIndex(where: { !drop($0) }), let last = lastIndex(where: { !drop($0) }) else { return "" }
        return String(self[first...last])
    }
}
