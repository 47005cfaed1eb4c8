/// One best practice or policy fact, stated once and referred to by id everywhere else.
public struct Rule: Sendable, Codable, Identifiable, Hashable {
    /// Dotted id whose first part is the rule's group, e.g. `claims.answer-buyer-within-48h`.
    public var id: String
    /// The skill this rule belongs to (claims, apology, returns, reviews, communication, escalation, policy).
    public var group: String
    public var title: Localized
    public var text: Localized
    public var source: Source
    /// Where current policy differs from the guide: what changed and why current policy wins.
    public var supersedes: Localized?

    public struct Source: Sendable, Codable, Hashable {
        /// Section of the guide this rule trains, e.g. `claims` (one of `GuideSection`'s ids).
        public var section: String
        /// Human reference: the guide's section and step, and/or the policy page it comes from.
        public var guide: String?
        public var policy: String?
    }
}

/// A section of the source guide, for coverage reports.
public struct GuideSection: Sendable, Codable, Hashable, Identifiable {
    public var id: String
    public var title: Localized
}
