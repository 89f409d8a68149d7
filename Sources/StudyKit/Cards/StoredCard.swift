/// What the reconciler needs to know about a card the store already holds.
public struct StoredCard: Sendable, Equatable {
    /// Whether a card takes part in reviews; retired cards keep their history but are hidden.
    public enum Status: String, Sendable, Equatable, Codable, CaseIterable {
        case active
        case suspended
        case retired
    }

    public var id: Int64
    public var key: String
    public var kind: CardKind
    public var front: String
    public var back: String
    public var path: String
    public var line: Int
    public var ordinal: Int
    public var siblingGroup: String?
    public var status: Status

    public init(
        id: Int64, key: String, kind: CardKind, front: String, back: String = "", path: String, line: Int,
        ordinal: Int = 0, siblingGroup: String? = nil, status: Status = .active
    ) {
        self.id = id
        self.key = key
        self.kind = kind
        self.front = front
        self.back = back
        self.path = path
        self.line = line
        self.ordinal = ordinal
        self.siblingGroup = siblingGroup
        self.status = status
    }
}
