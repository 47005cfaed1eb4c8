import Foundation

/// Reads a content root into a `ContentLibrary`. Every broken file is reported, not just the first.
public struct ContentLoader: Sendable {
    public var root: URL

    public init(root: URL) { self.root = root }

    public func load() throws(ContentErrors) -> ContentLibrary {
        var library = ContentLibrary(root: root)
        var problems: [Diagnostic] = []

        func each(_ folder: String, _ body: (YAMLDocument) throws(Diagnostic) -> Void) {
            for file in yamlFiles(in: folder) {
                do {
                    let document = try read(file, into: &library)
                    try body(document)
                } catch {
                    problems.append(error)
                }
            }
        }

        each("Content/rules.yaml") { doc throws(Diagnostic) in
            let file = try doc.decode(RulesFile.self)
            library.sections = file.sections
            for (index, rule) in file.rules.enumerated() {
                if library.rules[rule.id] != nil {
                    problems.append(doc.diagnostic(at: [.key("rules"), .index(index), .key("id")], code: .duplicateID,
                                                   "rule '\(rule.id)' is defined twice"))
                    continue
                }
                library.rules[rule.id] = rule
                library.ruleOrder.append(rule.id)
                let mark = doc.mark(at: [.key("rules"), .index(index)])
                library.ruleLocations[rule.id] = SourceLocation(file: doc.file, line: mark.line, column: mark.column)
            }
        }
        for language in Language.allCases {
            each("Content/strings/\(language.rawValue).yaml") { doc throws(Diagnostic) in
                library.strings[language] = try Self.decode(ScenarioFastDecoding.stringTable(doc.root), doc)
            }
        }
        each("Content/curriculum.yaml") { doc throws(Diagnostic) in
            library.curriculum = Located(value: try doc.decode(Curriculum.self), document: doc, path: [])
        }
        // Scenarios and sub-flows are many: read, parsed and decoded on all cores, then added in file order.
        for (doc, flow) in parsed(yamlFiles(in: "Scenarios/flows"), Self.decodeFlow, into: &library, problems: &problems) {
            if library.flows[flow.id] != nil {
                problems.append(doc.diagnostic(at: [.key("id")], code: .duplicateID, "flow '\(flow.id)' is defined twice"))
            }
            library.flows[flow.id] = Located(value: flow, document: doc, path: [])
        }
        for (doc, scenario) in parsed(yamlFiles(in: "Scenarios"), Self.decodeScenario, into: &library, problems: &problems) {
            if let other = library.scenarios[scenario.id] {
                problems.append(doc.diagnostic(at: [.key("id")], code: .duplicateID,
                                               "scenario '\(scenario.id)' is also defined in \(other.file)"))
            }
            library.scenarios[scenario.id] = Located(value: scenario, document: doc, path: [])
        }
        if !problems.isEmpty { throw ContentErrors(diagnostics: problems) }
        return library
    }

    /// Adds the scenario files of another folder (e.g. an instructor's drafts) to a loaded library.
    public func loadScenarios(from folder: URL, into library: inout ContentLibrary) throws(ContentErrors) {
        var problems: [Diagnostic] = []
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        if names.isEmpty {
            throw ContentErrors(diagnostics: [Diagnostic(file: folder.path, line: 1, column: 1, code: .unreadableFile,
                                                         message: "no scenario files (*.yaml) here")])
        }
        let files = names.map { folder.appendingPathComponent($0) }
        for (doc, scenario) in parsed(files, Self.decodeScenario, into: &library, problems: &problems) {
            if library.scenarios[scenario.id] != nil {
                problems.append(doc.diagnostic(at: [.key("id")], code: .duplicateID, "scenario '\(scenario.id)' is defined twice"))
            }
            library.scenarios[scenario.id] = Located(value: scenario, document: doc, path: [])
        }
        if !problems.isEmpty { throw ContentErrors(diagnostics: problems) }
    }

    /// A file read, parsed and decoded, with its hash for the content version.
    struct Parsed<Value: Sendable>: Sendable {
        var document: YAMLDocument
        var sha256: String
        var value: Value
    }

    /// A file that failed; if it could be read, its hash still counts for the content version (as `read` does).
    struct ParseFailure: Error, Sendable {
        var diagnostic: Diagnostic
        var hashedPath: String?
        var sha256: String?
    }

    /// The files that parsed and decoded, in the order of `files`; every file read counts in the content version
    /// (its hash goes into `library`), and each failure's diagnostic goes into `problems`.
    func parsed<T: Sendable>(_ files: [URL], _ decode: @escaping @Sendable (YAMLDocument) throws(Diagnostic) -> T,
                             into library: inout ContentLibrary, problems: inout [Diagnostic]) -> [(document: YAMLDocument, value: T)] {
        var values: [(document: YAMLDocument, value: T)] = []
        for result in parse(files, decode) {
            switch result {
            case .success(let file):
                library.fileHashes[file.document.file] = file.sha256
                values.append((file.document, file.value))
            case .failure(let error):
                if let path = error.hashedPath { library.fileHashes[path] = error.sha256 }
                problems.append(error.diagnostic)
            }
        }
        return values
    }

    static let decodeScenario: @Sendable (YAMLDocument) throws(Diagnostic) -> Scenario = { doc throws(Diagnostic) in
        try decode(ScenarioFastDecoding.scenario(doc.root), doc)
    }

    static let decodeFlow: @Sendable (YAMLDocument) throws(Diagnostic) -> Flow = { doc throws(Diagnostic) in
        try decode(ScenarioFastDecoding.flow(doc.root), doc)
    }

    /// Reads, parses and decodes `files` on all cores; results in the order of `files`.
    func parse<T: Sendable>(_ files: [URL], _ decode: @escaping @Sendable (YAMLDocument) throws(Diagnostic) -> T)
        -> [Result<Parsed<T>, ParseFailure>]
    {
        let base = root.standardizedFileURL.path
        return parallelMap(files.count) { index in
            var scratch = ContentLibrary(root: root)
            let shown = Self.relativePath(files[index], base: base)
            do throws(Diagnostic) {
                let document = try read(files[index], shown: shown, into: &scratch)
                let sha = scratch.fileHashes[shown] ?? ""
                do throws(Diagnostic) {
                    let value = try decode(document)
                    // The tree dies here, in the worker; diagnostics about the value parse the text again.
                    return .success(Parsed(document: document.releasingTree(), sha256: sha, value: value))
                } catch {
                    return .failure(ParseFailure(diagnostic: error, hashedPath: shown, sha256: sha))
                }
            } catch {
                let sha = scratch.fileHashes[shown]
                return .failure(ParseFailure(diagnostic: error, hashedPath: sha == nil ? nil : shown, sha256: sha))
            }
        }
    }

    /// Reads and parses one file, recording its hash for the content version.
    public func read(_ url: URL, into library: inout ContentLibrary) throws(Diagnostic) -> YAMLDocument {
        try read(url, shown: relativePath(url), into: &library)
    }

    /// `read`, with the path as shown already worked out.
    func read(_ url: URL, shown: String, into library: inout ContentLibrary) throws(Diagnostic) -> YAMLDocument {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw Diagnostic(file: shown, line: 1, column: 1, code: .unreadableFile, message: "cannot read: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Diagnostic(file: shown, line: 1, column: 1, code: .unreadableFile, message: "not valid UTF-8")
        }
        library.fileHashes[shown] = Hashing.sha256Hex(data)
        return try YAMLDocument(file: shown, text: text)
    }

    /// The fast decoder's value, or Codable's (same value, or the positioned error) where it gave up.
    static func decode<T: Decodable>(_ fast: T?, _ doc: YAMLDocument) throws(Diagnostic) -> T {
        if let fast { return fast }
        return try doc.decode(T.self)
    }

    /// YAML files at `relative` (a file, or a folder's own `*.yaml` files, not its subfolders), sorted by name.
    public func yamlFiles(in relative: String) -> [URL] {
        let url = root.appendingPathComponent(relative)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { return [url] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { url.appendingPathComponent($0) }
    }

    public func relativePath(_ url: URL) -> String {
        Self.relativePath(url, base: root.standardizedFileURL.path)
    }

    /// `base`: the standardized path of the content root.
    static func relativePath(_ url: URL, base: String) -> String {
        let path = url.standardizedFileURL.path
        if path.hasPrefix(base + "/") { return String(path.dropFirst(base.count + 1)) }
        return path
    }
}

private struct RulesFile: Decodable {
    var sections: [GuideSection]
    var rules: [Rule]
}
