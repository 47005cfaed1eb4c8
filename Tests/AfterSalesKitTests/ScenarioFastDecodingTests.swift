import Foundation
import Testing

@testable import AfterSalesKit

@Suite("Fast scenario decoding")
struct ScenarioFastDecodingTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func yamlFiles(_ folder: URL) -> [URL] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
            .map { folder.appendingPathComponent($0) }
    }

    @Test func everyShippedScenarioAndFlowDecodesAsCodableDoes() throws {
        var scenarios = Self.yamlFiles(Self.root.appendingPathComponent("Scenarios"))
        scenarios += Self.yamlFiles(LoaderTests.fixtures.appendingPathComponent("mini/Scenarios"))
        #expect(scenarios.count >= 10)
        for url in scenarios {
            let doc = try YAMLDocument(file: url.lastPathComponent, text: String(contentsOf: url, encoding: .utf8))
            let fast = try #require(ScenarioFastDecoding.scenario(doc.root), "\(url.lastPathComponent): the fast decoder gave up")
            #expect(try Self.json(fast) == Self.json(doc.decode(Scenario.self)), "\(url.lastPathComponent)")
        }
        let flows = Self.yamlFiles(Self.root.appendingPathComponent("Scenarios/flows"))
        #expect(!flows.isEmpty)
        for url in flows {
            let doc = try YAMLDocument(file: url.lastPathComponent, text: String(contentsOf: url, encoding: .utf8))
            let fast = try #require(ScenarioFastDecoding.flow(doc.root), "\(url.lastPathComponent): the fast decoder gave up")
            #expect(try Self.json(fast) == Self.json(doc.decode(Flow.self)), "\(url.lastPathComponent)")
        }
    }

    @Test func shippedStringTablesDecodeAsCodableDoes() throws {
        for language in Language.allCases {
            let url = Self.root.appendingPathComponent("Content/strings/\(language.rawValue).yaml")
            let doc = try YAMLDocument(file: url.lastPathComponent, text: String(contentsOf: url, encoding: .utf8))
            let fast = try #require(ScenarioFastDecoding.stringTable(doc.root), "\(url.lastPathComponent): the fast decoder gave up")
            #expect(fast.count > 100)
            #expect(fast == (try doc.decode([String: String].self)))
        }
        let odd = try YAMLDocument(file: "s.yaml", text: "a: ~\nb: [1]\n")
        #expect(ScenarioFastDecoding.stringTable(odd.root) == nil)
    }

    static let minimal = """
        id: s
        title: {en: T, zh: 题}
        topic: claims
        start: a
        nodes:
          a:
            buyer: Hi
            choices:
              - {say: Go, feedback: F, next: done, effect: {points: 5, clock: 2h}}
        endings:
          done: {outcome: resolved, text: Done}

        """

    /// Shapes the fast decoder leaves to Codable: both paths still agree on the value or the error.
    @Test(arguments: [
        ("difficulty: 010\n", "leading zero"), ("difficulty: +2\n", "sign"), ("difficulty: 1_0\n", "underscore"),
        ("difficulty: '2'\n", "quoted number"), ("difficulty: ~\n", "null"), ("summary: null\n", "null text"),
        ("start_hour: 9.5\n", "decimal"), ("start_hour: 1e1\n", "exponent"), ("mood: [1]\n", "wrong type"),
        ("vars: {a: 1, b: yes, c: ''}\n", "vars"), ("trains: claims.x\n", "not a list"), ("deadlines: [{id: d, at: 30M, rule: r, label: L}]\n", "hours"),
        ("deadlines: [{id: d, at: '4', rule: r, label: L}]\n", "quoted hours"), ("deadlines: [{id: d, at: soon, rule: r, label: L}]\n", "bad hours"),
        ("endings: {done: {outcome: r, text: T, odr: yes}}\n", "yes"), ("endings: {done: {outcome: r, text: T, odr: false}}\n", "false"),
        ("endings: {done: {outcome: r, text: [T]}}\n", "text list"), ("title: Plain\n", "plain title"), ("title: {zh: 只有中文}\n", "zh only"),
        ("nodes: {a: {buyer: [x, y], choices: [{say: S, feedback: F, next: [{if: 'mood > 5', go: a}, {go: done}], kind: sticky}]}}\n", "branches"),
        ("nodes: {a: {buyer: {same: s, calmer: [c1, c2]}, next: done}}\n", "buyer variants"),
        ("nodes: {a: {choices: [{say: S, feedback: F, next: done, kind: twice}]}}\n", "unknown kind"),
        ("nodes: {a: {reply: {rubric: r, prompt: P, points: 20, context: {k: v}, clock: 1d}, next: done}}\n", "reply"),
        ("nodes: {a: {choices: [{say: S, feedback: F}]}}\n", "missing next"), ("nodes: {a: {choices: [{say: S, next: done}]}}\n", "missing feedback"),
        ("endings: {base: &b {outcome: r, text: T}, done: {<<: *b, odr: true}}\n", "merge key"), ("endings: {done: &e {outcome: r, text: T}, other: *e}\n", "alias"),
        ("!!str id: s\n", "tagged key"), ("id: !!str s\n", "tagged value"), ("extra: ignored\n", "unknown key"),
    ])
    func edgeShapesAgreeWithCodable(line: String, what: String) throws {
        // The line replaces the key it sets (or is added), so each case is a whole scenario.
        let key = line.split(separator: ":").first.map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "!!str ", with: "") } ?? ""
        var lines = Self.minimal.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let at = lines.firstIndex(where: { $0.hasPrefix(key + ":") }) {
            var end = at + 1
            while end < lines.count, lines[end].hasPrefix(" ") { end += 1 }
            lines.replaceSubrange(at..<end, with: [line.trimmingCharacters(in: .newlines)])
        } else {
            lines.insert(line.trimmingCharacters(in: .newlines), at: 0)
        }
        let text = lines.joined(separator: "\n")
        let doc = try YAMLDocument(file: "s.yaml", text: text)
        let fast = ScenarioFastDecoding.scenario(doc.root)
        let codable: Result<Scenario, Diagnostic> = Result { () throws(Diagnostic) in try doc.decode(Scenario.self) }
        switch codable {
        case .success(let value):
            if let fast { #expect(try Self.json(fast) == Self.json(value), "\(what)") }
        case .failure:
            #expect(fast == nil, "\(what): Codable rejects it, so the fast decoder must give up")
        }
        // What the loader returns is exactly Codable's answer.
        let loaded: Result<Scenario, Diagnostic> = Result { () throws(Diagnostic) in try ContentLoader.decode(fast, doc) }
        switch (loaded, codable) {
        case (.success(let a), .success(let b)): #expect(try Self.json(a) == Self.json(b), "\(what)")
        case (.failure(let a), .failure(let b)): #expect(a == b, "\(what)")
        default: Issue.record("\(what): the loader and Codable disagree")
        }
    }
}
