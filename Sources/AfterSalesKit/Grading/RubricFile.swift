/// The YAML schema of one `Content/rubrics/*.yaml` file, as written by content authors.
///
/// ```yaml
/// id: apology-letter
/// title: {en: Apology letter, zh: 道歉信}
/// context_defaults: {fault: seller}
/// critical_cap: 40
/// criteria:
///   - id: apology
///     rule: apology.sincere-apology
///     weight: 15
///     applies: {context: {reason: [defect, damaged]}}
///     detect: [{any: [apology]}]
///     fix: {en: ..., zh: ...}
/// violations:
///   - id: blame_buyer
///     rule: apology.no-blame
///     critical: true
///     detect: [{any: [blame]}]
///     fix: {en: ..., zh: ...}
/// gates:
///   good: {all: [apology, concrete_solution], any: [ownership, improvement]}
///   floor: {any: [remedy, next_step]}
/// ```
public struct RubricFile: Decodable, Sendable {
    public var id: String
    public var title: Localized
    public var about: String?
    public var source: String?
    public var context_defaults: [String: String]?
    public var critical_cap: Double?
    public var criteria: [CriterionSpec]
    public var violations: [ViolationSpec]
    public var gates: GateSpec?
}

public struct CriterionSpec: Decodable, Sendable {
    public var id: String
    public var rule: String
    public var weight: Double
    public var applies: AppliesSpec?
    public var detect: [ClauseSpec]
    public var fix: Localized
}

public struct ViolationSpec: Decodable, Sendable {
    public var id: String
    public var rule: String
    public var critical: Bool?
    public var penalty: Double?
    public var applies: AppliesSpec?
    public var detect: [ClauseSpec]
    public var allow: AllowSpec?
    /// Violations not reported when this one fires (a reply in the wrong language is not also "vague").
    public var hides: [String]?
    /// Only hide them when one of these terms is live: a reply wholly in another language is not also "vague", but an
    /// English reply with one foreign line still is.
    public var hides_when: [String]?
    public var fix: Localized
}

/// When a criterion or violation applies: context values (a missing key takes the rubric's default) and variables.
public struct AppliesSpec: Decodable, Sendable {
    public var context: [String: [String]]?
    public var context_not: [String: [String]]?
    public var vars_any: [String]?
}

/// One way a detector fires; every key given must hold.
public struct ClauseSpec: Decodable, Sendable {
    /// At least one of these terms has a live match.
    public var any: [String]?
    /// Every one of these terms has a live match.
    public var all: [String]?
    /// None of these terms has a live match.
    public var none: [String]?
    /// At least one of these terms has a negated match ("I'm not sorry").
    public var negated: [String]?
    /// Every term appears within `window` consecutive sentences (default 1: the same sentence).
    public var sentence: [String]?
    public var window: Int?
    /// Criteria (earlier in the list, or any criterion for a violation) met / not met.
    public var met: [String]?
    public var unmet: [String]?
    public var context: [String: [String]]?
}

/// When a fired violation is nevertheless allowed: Amazon's own example of telling a buyer, once the problem is
/// solved, that they *can* update their seller feedback — once, neutrally, with nothing offered.
public struct AllowSpec: Decodable, Sendable {
    public var context: [String: [String]]?
    /// Every sentence holding the violation's evidence must contain each of these terms…
    public var sentence_has: [String]?
    /// …and none of these.
    public var sentence_lacks: [String]?
    /// Criteria that must be met (the problem is solved).
    public var met: [String]?
    /// At most this many sentences may hold the evidence.
    public var at_most: Int?
}

public struct GateSpec: Decodable, Sendable {
    public struct Good: Decodable, Sendable {
        public var all: [String]?
        public var any: [String]?
    }

    public struct Floor: Decodable, Sendable {
        public var any: [String]
    }

    /// Without all of `all`, one of `any` (criteria that apply) and no violation, the score stays below `good`.
    public var good: Good?
    /// With one of these (terms or criteria) and no critical violation the score is at least `acceptable`.
    public var floor: Floor?
}
