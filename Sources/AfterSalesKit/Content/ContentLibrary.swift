import Foundation

/// Everything loaded from a content root: rules, scenarios, flows, strings and the rest,
/// with the parsed YAML kept beside each item so problems can be pointed at.
public struct ContentLibrary: Sendable {
    public var root: URL
    public var sections: [GuideSection] = []
    /// Rules, scenarios and sub-flows restored from the content cache are decoded on first use.
    public var rules: [String: Rule] {
        get { lazyRules.value }
        set { lazyRules = Lazy(newValue) }
    }
    var lazyRules = Lazy<[String: Rule]>([:])
    /// Rule ids in file order, for stable listings.
    public var ruleOrder: [String] = []
    public var scenarios: [String: Located<Scenario>] {
        get { lazyScenarios.value }
        set {
            lazyScenarios = Lazy(newValue)
            scenarioIDs = newValue.keys.sorted()
        }
    }
    var lazyScenarios = Lazy<[String: Located<Scenario>]>([:])
    /// Scenario ids, known without decoding the scenarios (tab completion at start-up).
    public private(set) var scenarioIDs: [String] = []
    public var flows: [String: Located<Flow>] {
        get { lazyFlows.value }
        set { lazyFlows = Lazy(newValue) }
    }
    var lazyFlows = Lazy<[String: Located<Flow>]>([:])
    public var curriculum: Located<Curriculum>?
    public var strings: [Language: [String: String]] = [:]
    /// Every file read, relative path → SHA-256, for the content version.
    public var fileHashes: [String: String] = [:]
    /// Where each rule was defined.
    public var ruleLocations: [String: SourceLocation] = [:]

    public init(root: URL) { self.root = root }

    mutating func setScenarioIDs(_ ids: [String]) { scenarioIDs = ids }

    public func strings(for language: Language) -> StringTable {
        let other: Language = language == .en ? .zh : .en
        return StringTable(language: language, entries: strings[language] ?? [:], fallback: strings[other] ?? [:])
    }

    /// Scenarios sorted by topic, difficulty and id: the order listings show.
    public var sortedScenarios: [Scenario] {
        scenarios.values.map(\.value).sorted {
            ($0.topic, $0.difficulty, $0.id) < ($1.topic, $1.difficulty, $1.id)
        }
    }

    /// A hash over every content file read, so transcripts can say which content graded them.
    public var contentVersion: String {
        Hashing.sha256Hex(fileHashes.keys.sorted().map { "\($0) \(fileHashes[$0]!)" }.joined(separator: "\n"))
    }
}

/// A value and the YAML document it came from, with the path to it inside that document.
/// Values restored from the content cache have no document: they were linted when the cache was made.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var document: YAMLDocument?
    public var file: String
    public var path: [PathStep]

    public init(value: Value, document: YAMLDocument, path: [PathStep]) {
        self.value = value
        self.document = document
        self.file = document.file
        self.path = path
    }

    public init(value: Value, file: String) {
        self.value = value
        self.document = nil
        self.file = file
        self.path = []
    }

    public func diagnostic(_ steps: [PathStep], _ code: DiagnosticCode, _ message: String) -> Diagnostic {
        document?.diagnostic(at: path + steps, code: code, message)
            ?? Diagnostic(file: file, line: 1, column: 1, code: code, message: message)
    }
}

public struct SourceLocation: Sendable, Hashable, Codable {
    public var file: String
    public var line: Int
    public var column: Int
}
