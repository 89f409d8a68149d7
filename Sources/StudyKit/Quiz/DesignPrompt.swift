import Foundation

/// An open design question from a note's "Interview prompts" section, with the outline the
/// note gives as its answer (DESIGN.md 4).
///
/// Interviews ask you to design, not to recall one fact, so these are answered in your head
/// (or on paper) and graded by yourself against the outline: the outline is a checklist, not
/// the only right answer.
public struct DesignPrompt: Sendable, Equatable {
    /// A stable identity for the log: a hash of the normalised question, so that moving the
    /// prompt to another note keeps its history, like a card's content key.
    public var key: String
    public var question: String
    public var outline: String
    public var path: String
    public var line: Int
    /// The title of the note it comes from.
    public var title: String
    public var topics: [String]

    /// The heading under which a note's prompts sit (compared without case).
    public static let sectionHeading = "Interview prompts"

    public init(question: String, outline: String, path: String, line: Int, title: String, topics: [String]) {
        self.key = Self.key(for: question)
        self.question = question
        self.outline = outline
        self.path = path
        self.line = line
        self.title = title
        self.topics = topics
    }

    public static func key(for question: String) -> String {
        ContentKey.hex(ContentKey.fnv1a64("prompt\n" + ContentKey.normalise(question)))
    }

    /// The prompts among a note's sections: every section whose parent heading is "Interview
    /// prompts" and that has an outline under it. Sections nested deeper (a sub-heading of a
    /// prompt) belong to their prompt's outline and are not prompts of their own.
    public static func extract(from sections: [PromptSection]) -> [DesignPrompt] {
        var prompts: [DesignPrompt] = []
        for section in sections {
            let path = section.headingPath
            guard path.count >= 2, path[path.count - 2].caseInsensitiveCompare(sectionHeading) == .orderedSame
            else { continue }
            let question = path[path.count - 1].trimmingCharacters(in: .whitespaces)
            let outline = section.body.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !question.isEmpty, !outline.isEmpty else { continue }
            prompts.append(DesignPrompt(
                question: question, outline: outline, path: section.path, line: section.line, title: section.title,
                topics: section.topics))
        }
        return prompts
    }
}

/// A section of a note as the prompt extraction reads it from the store.
public struct PromptSection: Sendable, Equatable {
    public var path: String
    public var title: String
    public var headingPath: [String]
    public var line: Int
    public var body: String
    public var topics: [String]

    public init(path: String, title: String, headingPath: [String], line: Int, body: String, topics: [String]) {
        self.path = path
        self.title = title
        self.headingPath = headingPath
        self.line = line
        self.body = body
        self.topics = topics
    }
}
