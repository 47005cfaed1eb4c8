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
                library.strings[language] = try doc.decode([String: String].self)
            }
        }
        each("Content/curriculum.yaml") { doc throws(Diagnostic) in
            library.curriculum = Located(value: try doc.decode(Curriculum.self), document: doc, path: [])
        }
        each("Scenarios/flows") { doc throws(Diagnostic) in
            let flow = try doc.decode(Flow.self)
            if library.flows[flow.id] != nil {
                problems.append(doc.diagnostic(at: [.key("id")], code: .duplicateID, "flow '\(flow.id)' is defined twice"))
            }
            library.flows[flow.id] = Located(value: flow, document: doc, path: [])
        }
        each("Scenarios") { doc throws(Diagnostic) in
            let scenario = try doc.decode(Scenario.self)
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
        for name in names {
            do {
                let doc = try read(folder.appendingPathComponent(name), into: &library)
                let scenario = try doc.decode(Scenario.self)
                if library.scenarios[scenario.id] != nil {
                    problems.append(doc.diagnostic(at: [.key("id")], code: .duplicateID, "scenario '\(scenario.id)' is defined twice"))
                }
                library.scenarios[scenario.id] = Located(value: scenario, document: doc, path: [])
            } catch {
                problems.append(error)
            }
        }
        if !problems.isEmpty { throw ContentErrors(diagnostics: problems) }
    }

    /// Reads and parses one file, recording its hash for the content version.
    public func read(_ url: URL, into library: inout ContentLibrary) throws(Diagnostic) -> YAMLDocument {
        let shown = relativePath(url)
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
        let base = root.standardizedFileURL.path
        let path = url.standardizedFileURL.path
        if path.hasPrefix(base + "/") { return String(path.dropFirst(base.count + 1)) }
        return path
    }
}

private struct RulesFile: Decodable {
    var sections: [GuideSection]
    var rules: [Rule]
}
