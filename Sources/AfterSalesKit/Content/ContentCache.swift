import Foundation

/// Parsing YAML costs about a millisecond per kilobyte, many times the process start itself. Content that
/// loaded and linted cleanly is therefore kept as JSON, keyed by a hash over every content file's path and
/// bytes; the next start reads the JSON instead, and any edit to any file changes the key.
public struct ContentCache: Sendable {
    /// Bump when the model's shape changes, so old caches are ignored.
    public static let schema = 2

    public var folder: URL
    public var programVersion: String

    public init(folder: URL, programVersion: String) {
        self.folder = folder
        self.programVersion = programVersion
    }

    /// `$XDG_CACHE_HOME/aftersales`, else `~/.cache/aftersales`.
    public static func defaultFolder(environment: [String: String]) -> URL {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("aftersales")
        }
        let home = environment["HOME"].map { URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".cache/aftersales")
    }

    /// Every YAML file under Content/ and Scenarios/, hashed with its relative path, plus the schema and program version.
    public static func fingerprint(root: URL, programVersion: String) -> String {
        var hasher = Hashing.Incremental()
        hasher.update("aftersales-content \(schema) \(programVersion)\n")
        for relative in ["Content", "Scenarios"] {
            let base = root.appendingPathComponent(relative)
            guard let enumerator = FileManager.default.enumerator(atPath: base.path) else { continue }
            var files: [String] = []
            while let name = enumerator.nextObject() as? String {
                if name.hasSuffix(".yaml") || name.hasSuffix(".yml") { files.append(name) }
            }
            for name in files.sorted() {
                hasher.update("\(relative)/\(name)\n")
                hasher.update((try? Data(contentsOf: base.appendingPathComponent(name))) ?? Data("<unreadable>".utf8))
                hasher.update("\n")
            }
        }
        return hasher.finalize()
    }

    private func file(for key: String) -> URL { folder.appendingPathComponent("content-\(key.prefix(32)).json") }

    /// The library as it was when this exact content last loaded and linted cleanly, if cached.
    public func load(root: URL) -> ContentLibrary? {
        let key = Self.fingerprint(root: root, programVersion: programVersion)
        guard let data = try? Data(contentsOf: file(for: key)),
            let snapshot = try? JSONDecoder().decode(ContentSnapshot.self, from: data),
            snapshot.schema == Self.schema, snapshot.key == key
        else { return nil }
        return snapshot.library(root: root)
    }

    /// Saves a library that loaded and linted without errors. Failing to write a cache is not an error.
    public func store(_ library: ContentLibrary) {
        let key = Self.fingerprint(root: library.root, programVersion: programVersion)
        guard let data = try? JSONEncoder().encode(ContentSnapshot(library, key: key)) else { return }
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let target = file(for: key)
        // One content version at a time: older caches are dropped, not accumulated.
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        where name.hasPrefix("content-") && name != target.lastPathComponent {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
        try? data.write(to: target, options: .atomic)
    }
}

/// The serialisable part of a `ContentLibrary` (everything but the parsed YAML trees).
struct ContentSnapshot: Codable {
    var schema: Int
    var key: String
    var sections: [GuideSection]
    /// The heavy parts are stored as JSON text and decoded only when first used.
    var rules: String
    var ruleIDs: [String]
    var ruleLocations: [String: SourceLocation]
    var scenarios: String
    var scenarioIDs: [String]
    var flows: String
    var curriculum: FileValue<Curriculum>?
    var strings: [String: [String: String]]
    var fileHashes: [String: String]

    struct FileValue<Value: Codable & Sendable>: Codable {
        var file: String
        var value: Value
    }

    init(_ library: ContentLibrary, key: String) {
        schema = ContentCache.schema
        self.key = key
        sections = library.sections
        rules = Self.json(library.ruleOrder.compactMap { library.rules[$0] })
        ruleIDs = library.ruleOrder
        ruleLocations = library.ruleLocations
        scenarios = Self.json(library.scenarios.values.map { FileValue(file: $0.file, value: $0.value) }.sorted { $0.value.id < $1.value.id })
        scenarioIDs = library.scenarioIDs
        flows = Self.json(library.flows.values.map { FileValue(file: $0.file, value: $0.value) }.sorted { $0.value.id < $1.value.id })
        curriculum = library.curriculum.map { FileValue(file: $0.file, value: $0.value) }
        strings = Dictionary(uniqueKeysWithValues: library.strings.map { ($0.key.rawValue, $0.value) })
        fileHashes = library.fileHashes
    }

    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(value)) ?? Data("[]".utf8), as: UTF8.self)
    }

    /// The cache was written by this program from content that loaded cleanly, so decoding cannot fail
    /// short of a damaged file, which the hash check in `load` already turned away.
    static func decode<T: Decodable & ExpressibleByArrayLiteral>(_ type: T.Type, _ text: String) -> T {
        (try? JSONDecoder().decode(T.self, from: Data(text.utf8))) ?? []
    }

    func library(root: URL) -> ContentLibrary {
        var library = ContentLibrary(root: root)
        library.sections = sections
        let (rules, scenarios, flows) = (self.rules, self.scenarios, self.flows)
        library.lazyRules = Lazy {
            Dictionary(Self.decode([Rule].self, rules).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        }
        library.ruleOrder = ruleIDs
        library.ruleLocations = ruleLocations
        library.lazyScenarios = Lazy {
            Dictionary(Self.decode([FileValue<Scenario>].self, scenarios).map { ($0.value.id, Located(value: $0.value, file: $0.file)) },
                       uniquingKeysWith: { first, _ in first })
        }
        library.setScenarioIDs(scenarioIDs)
        library.lazyFlows = Lazy {
            Dictionary(Self.decode([FileValue<Flow>].self, flows).map { ($0.value.id, Located(value: $0.value, file: $0.file)) },
                       uniquingKeysWith: { first, _ in first })
        }
        library.curriculum = curriculum.map { Located(value: $0.value, file: $0.file) }
        library.strings = Dictionary(uniqueKeysWithValues: strings.compactMap { key, value in Language(rawValue: key).map { ($0, value) } })
        library.fileHashes = fileHashes
        return library
    }
}
