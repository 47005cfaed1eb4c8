import Foundation

/// Everything loaded from a content root: rules, scenarios, flows, strings and the rest,
/// with the parsed YAML kept beside each item so problems can be pointed at.
public struct ContentLibrary: Sendable {
    public var root: URL
    // Everything but the strings may be restored from the content cache on first use (`ContentCache`):
    // the first prompt needs only the strings and the scenario ids.
    @Deferred public var sections: [GuideSection] = []
    @Deferred public var rules: [String: Rule] = [:]
    /// Rule ids in file order, for stable listings.
    @Deferred public var ruleOrder: [String] = []
    public var scenarios: [String: Located<Scenario>] {
        get { deferredScenarios }
        set {
            deferredScenarios = newValue
            knownScenarioIDs = nil
        }
        _modify {
            knownScenarioIDs = nil
            yield &deferredScenarios
        }
    }
    @Deferred var deferredScenarios: [String: Located<Scenario>] = [:]
    /// Scenario ids as the cache recorded them, so tab completion at start-up needs no scenario decoded.
    var knownScenarioIDs: [String]?
    @Deferred public var flows: [String: Located<Flow>] = [:]
    @Deferred public var curriculum: Located<Curriculum>? = nil
    public var strings: [Language: [String: String]] = [:]
    /// Every file read, relative path → SHA-256, for the content version.
    @Deferred public var fileHashes: [String: String] = [:]
    /// Where each rule was defined.
    @Deferred public var ruleLocations: [String: SourceLocation] = [:]

    public init(root: URL) { self.root = root }

    /// Scenario ids, sorted.
    public var scenarioIDs: [String] { knownScenarioIDs ?? scenarios.keys.sorted() }

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

extension ContentLibrary {
    /// How each part of a library restored from the content cache is made on first use.
    struct Restore: Sendable {
        var sections: @Sendable () -> [GuideSection]
        var rules: @Sendable () -> [String: Rule]
        var ruleOrder: @Sendable () -> [String]
        var scenarios: @Sendable () -> [String: Located<Scenario>]
        var flows: @Sendable () -> [String: Located<Flow>]
        var curriculum: @Sendable () -> Located<Curriculum>?
        var fileHashes: @Sendable () -> [String: String]
        var ruleLocations: @Sendable () -> [String: SourceLocation]
    }

    init(root: URL, strings: [Language: [String: String]], scenarioIDs: [String], restore: Restore) {
        self.root = root
        self.strings = strings
        knownScenarioIDs = scenarioIDs
        _sections = Deferred(restore.sections)
        _rules = Deferred(restore.rules)
        _ruleOrder = Deferred(restore.ruleOrder)
        _deferredScenarios = Deferred(restore.scenarios)
        _flows = Deferred(restore.flows)
        _curriculum = Deferred(restore.curriculum)
        _fileHashes = Deferred(restore.fileHashes)
        _ruleLocations = Deferred(restore.ruleLocations)
    }
}
