/// One block of a note as the card extractor and generator see it.
///
/// The parser flattens cmark's tree into blocks in document order so that card code never
/// touches the C API. `markdown` is rebuilt from the inline tree, not copied from the file:
/// list markers and block-quote prefixes are gone, one line per source line (soft breaks become
/// `\n`), code spans keep their backticks, emphasis keeps `*`/`**`, links stay `[text](url)`.
/// Line `k` of `markdown` (0-based) is on file line `line + k`.
///
/// Made with the memberwise initializer (the defaults are the properties' own): Swift 6.3 copied
/// a block made by an initializer written out here and then appended to an array, retaining
/// every string and array in it and releasing the original (about 20,000 blocks per parse
/// thread in a full index of the 7 MB corpus).
public struct Block: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A paragraph; `inListItem` tells whether it sits directly in a list item.
        case paragraph(inListItem: Bool)
        case heading(level: Int)
        /// A whole list; `items` holds each item's plain text.
        case list(ordered: Bool)
        case codeBlock
        case htmlBlock
        case thematicBreak
    }

    public var kind: Kind
    /// 1-based line in the file (front matter included) where the block starts.
    public var line: Int
    /// 1-based line where the block ends.
    public var endLine: Int
    /// The inline content rebuilt as Markdown (see the type's comment). Empty for lists.
    public var markdown: String = ""
    /// Plain text: no markup, code spans as their content.
    public var text: String = ""
    /// Headings above this block, outermost first (a heading's own path excludes itself).
    public var headingPath: [String] = []
    /// For `.list`: the plain text of each item (its first paragraph), in order.
    public var items: [String] = []
    /// For `.list`: the Markdown of each item's first paragraph, in order.
    public var itemMarkdown: [String] = []
    /// The text of a `**strong**` span when it is the first inline of a paragraph.
    public var leadingStrong: String? = nil
    /// Links inside this block, in order.
    public var links: [NoteLink] = []
}
