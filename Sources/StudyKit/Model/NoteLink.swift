/// A link written in a note, as stored in the `link` table. Made with the memberwise
/// initializer, which Swift moves into an array rather than copying (see `Block`).
public struct NoteLink: Sendable, Equatable, Hashable {
    public var url: String
    /// The link's visible text, plain.
    public var text: String
    public var title: String = ""
    /// 1-based line of the block holding the link (cmark's inline positions are unreliable).
    public var line: Int
    /// True for `http(s)://` and other absolute URLs.
    public var isExternal: Bool
    /// Lower-cased host of an external link, without a leading `www.`.
    public var host: String?
    /// For a relative link to a Markdown file: its path relative to the root.
    public var targetPath: String?
}
