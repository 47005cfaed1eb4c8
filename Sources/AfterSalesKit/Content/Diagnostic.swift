/// A problem found in content, pointing at the file, line and column it comes from.
public struct Diagnostic: Sendable, Hashable, Error, CustomStringConvertible, Codable {
    public enum Severity: String, Sendable, Codable { case error, warning }

    public var file: String
    public var line: Int
    public var column: Int
    public var code: DiagnosticCode
    public var severity: Severity
    public var message: String

    public init(file: String, line: Int, column: Int, code: DiagnosticCode, message: String, severity: Severity? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.code = code
        self.severity = severity ?? code.severity
        self.message = message
    }

    /// `file:line:column: error: AS0008 message`, the form editors and compilers use.
    public var description: String {
        "\(file):\(line):\(column): \(severity.rawValue): \(code.rawValue) \(message)"
    }
}

/// Stable codes for every kind of content problem; the README lists them.
public enum DiagnosticCode: String, Sendable, Codable, CaseIterable {
    case yamlSyntax = "AS0001"
    case wrongType = "AS0002"
    case duplicateKey = "AS0003"
    case duplicateID = "AS0004"
    case unknownNode = "AS0005"
    case unknownRule = "AS0006"
    case unknownRubric = "AS0007"
    case unreachableNode = "AS0008"
    case noEnding = "AS0009"
    case noBestChoice = "AS0010"
    case missingTranslation = "AS0011"
    case scoreOutOfRange = "AS0012"
    case unknownVariable = "AS0013"
    case badCondition = "AS0014"
    case unknownFlow = "AS0015"
    case badNode = "AS0016"
    case unknownReference = "AS0017"
    case badQuizItem = "AS0018"
    case badExamSpec = "AS0019"
    case unreadableFile = "AS0020"
    case untrainedRule = "AS1001"
    case untestedRule = "AS1002"

    public var severity: Diagnostic.Severity { rawValue.hasPrefix("AS1") ? .warning : .error }

    /// One line for the README's table and `lint --codes`.
    public var summary: String {
        switch self {
        case .yamlSyntax: return "YAML syntax error"
        case .wrongType: return "missing key or value of the wrong type"
        case .duplicateKey: return "the same key twice in one mapping"
        case .duplicateID: return "two items share an id"
        case .unknownNode: return "a transition goes to a node or ending that does not exist"
        case .unknownRule: return "a rule id that Content/rules.yaml does not define"
        case .unknownRubric: return "a rubric id that Content/rubrics does not define"
        case .unreachableNode: return "node unreachable from the start"
        case .noEnding: return "node with no way to an ending"
        case .noBestChoice: return "a choice list with no single best choice"
        case .missingTranslation: return "text missing its zh or en version"
        case .scoreOutOfRange: return "a reachable score above 100 or below 0"
        case .unknownVariable: return "a {placeholder} the scenario does not define"
        case .badCondition: return "a condition that does not parse or names something unknown"
        case .unknownFlow: return "a call to a sub-flow that does not exist"
        case .badNode: return "a node with neither choices, a reply, a call nor a next step"
        case .unknownReference: return "a reference to a scenario, quiz item or step that does not exist"
        case .badQuizItem: return "a quiz item without a valid answer"
        case .badExamSpec: return "an exam spec that cannot be run"
        case .unreadableFile: return "a content file that cannot be read"
        case .untrainedRule: return "warning: no scenario trains this rule"
        case .untestedRule: return "warning: no quiz item tests this rule"
        }
    }
}

/// Several diagnostics at once, so a loader can report every broken file in one go.
public struct ContentErrors: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
