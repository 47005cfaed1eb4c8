/// What `aftersales lint` found: problems with positions, and how well the content covers the rules.
public struct LintReport: Sendable {
    public var diagnostics: [Diagnostic]
    public var coverage: Coverage

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
}

/// Per rule and per guide section: how many scenarios and quiz items train it.
public struct Coverage: Sendable {
    public struct Row: Sendable, Equatable {
        public var id: String
        public var scenarios: Int
        public var quizItems: Int
    }

    public var rules: [Row]
    public var sections: [Row]

    /// Sections with neither a scenario nor a quiz item.
    public var uncoveredSections: [String] { sections.filter { $0.scenarios + $0.quizItems == 0 }.map(\.id) }
}

/// What the linter needs to know from other kinds of content (rubrics, quiz) to check references.
/// A nil set means "not known here": references of that kind are not checked.
public struct LintContext: Sendable {
    public var rubricIDs: Set<String>?
    public var criterionIDs: Set<String>?
    public var violationIDs: Set<String>?
    /// Rule id → number of quiz items that test it; nil when there is no quiz content.
    public var quizItemsPerRule: [String: Int]?
    /// Problems other content kinds found themselves (rubrics, quiz, exams), merged into the report.
    public var extraDiagnostics: [Diagnostic]
    /// Rule ids that rubrics train, counted as trained by every scenario that uses that rubric.
    public var rubricRules: [String: [String]]

    public init(rubricIDs: Set<String>? = nil, criterionIDs: Set<String>? = nil, violationIDs: Set<String>? = nil,
                quizItemsPerRule: [String: Int]? = nil, extraDiagnostics: [Diagnostic] = [], rubricRules: [String: [String]] = [:]) {
        self.rubricIDs = rubricIDs
        self.criterionIDs = criterionIDs
        self.violationIDs = violationIDs
        self.quizItemsPerRule = quizItemsPerRule
        self.extraDiagnostics = extraDiagnostics
        self.rubricRules = rubricRules
    }
}
