import Foundation
import Testing

@testable import AfterSalesKit

@Suite("Content loading")
struct LoaderTests {
    static let fixtures = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")

    @Test func loadsAGoodContentRoot() throws {
        let library = try ContentLoader(root: Self.fixtures.appendingPathComponent("mini")).load()
        #expect(library.ruleOrder == ["claims.answer-fast", "claims.no-blame"])
        #expect(library.rules["claims.no-blame"]?.text.text(.zh) == "不要指责买家。")
        let scenario = try #require(library.scenarios["mini"]?.value)
        #expect(scenario.nodes.count == 3)
        #expect(scenario.nodes["open"]?.choices?.count == 4)
        #expect(scenario.nodes["open"]?.choices?[3].kind == .fallback)
        #expect(scenario.deadlines.first?.at == Hours(10))
        #expect(library.strings(for: .zh)("hello", ["name": "Li"]) == "你好 Li")
        #expect(library.contentVersion.count == 64)
    }

    @Test func syntaxErrorNamesFileLineAndColumn() {
        let error = diagnostic("id: x\nnodes:\n  a: [1, 2\n  b: 3\n")
        #expect(error.code == .yamlSyntax)
        #expect(error.file == "broken.yaml")
        #expect(error.line == 4)
        #expect(error.description.hasPrefix("broken.yaml:4:"))
    }

    @Test func wrongTypePointsAtTheValue() {
        let error = diagnostic("id: x\ntitle: {en: T, zh: T}\ntopic: claims\ndifficulty: hard\nstart: a\nnodes: {}\nendings: {}\n")
        #expect(error.code == .wrongType)
        #expect((error.line, error.column) == (4, 13))
        #expect(error.message.contains("difficulty"))
    }

    @Test func missingKeyPointsAtTheMapping() {
        let error = diagnostic("id: x\ntitle: {en: T, zh: T}\ntopic: claims\nstart: a\nnodes:\n  a:\n    choices:\n      - say: Hi\n        next: a\nendings: {}\n")
        #expect(error.code == .wrongType)
        #expect(error.message.contains("feedback"))
        #expect(error.line == 8)
    }

    @Test func duplicateKeyIsReported() {
        let error = diagnostic("id: x\nid: y\n")
        #expect(error.code == .duplicateKey)
        #expect(error.line == 2)
    }

    /// Keys equal in text but not in tag pass Yams' own check; ours still finds them, wherever the tag stands.
    @Test func duplicateKeyWithAnExplicitTagIsReported() {
        for yaml in ["id: x\n!k id: y\n", "!k id: x\nid: y\n", "a: {id: x, !k id: y}\n", "a: [{id: x,!k id: y}]\n", "a:\n  - id: x\n    !k id: y\n"] {
            let error = diagnostic(yaml)
            #expect(error.code == .duplicateKey, "\(yaml)")
        }
        #expect(YAMLDocument.mayHoldExplicitTags("a: b\nc: Now!\nd: \"{x}!\"\n") == false)
        #expect(YAMLDocument.mayHoldExplicitTags("\u{FEFF}!k a: b\n"))
    }

    /// A loaded scenario keeps only its text; a diagnostic about it parses again and lands on the same position.
    @Test func documentWithoutItsTreeGivesTheSamePositions() throws {
        let text = "id: x\ntitle: {en: T, zh: T}\nnodes:\n  a:\n    say: [1, 2]\n"
        let full = try YAMLDocument(file: "s.yaml", text: text)
        let light = full.releasingTree()
        for path: [PathStep] in [[.key("nodes"), .key("a"), .key("say"), .index(1)], [.key("nodes"), .key("a")], [.key("title"), .key("zh")], [.key("missing")]] {
            #expect(light.mark(at: path) == full.mark(at: path), "\(path)")
            #expect(light.diagnostic(at: path, code: .wrongType, "m").description == full.diagnostic(at: path, code: .wrongType, "m").description)
        }
        #expect(light.mark(at: [.key("nodes"), .key("a"), .key("say"), .index(1)]) == (5, 14))
    }

    @Test func placeholdersAreFoundInASCIIAndOtherText() {
        #expect(Template.placeholders(in: "Hi {buyer}, order {order_1}: {not a name} {} {a{b} }{c}") == ["buyer", "order_1", "c"])
        #expect(Template.placeholders(in: "给 {buyer} 写回复，订单 {order}。{名字}") == ["buyer", "order", "名字"])
        #expect(Template.placeholders(in: "no braces") == [])
        #expect(Template.placeholders(in: "open {only") == [])
    }

    @Test func badDurationIsReportedWithPosition() {
        let error = diagnostic("id: x\ntitle: T\ntopic: claims\nstart: a\ndeadlines:\n  - {id: d, at: soon, rule: r, label: L}\nnodes: {}\nendings: {}\n")
        #expect(error.code == .wrongType)
        #expect(error.line == 6)
        #expect(error.message.contains("soon"))
    }

    @Test func everyBrokenFileIsReportedAtOnce() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("aftersales-loader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Content"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Scenarios"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try "id: [\n".write(to: root.appendingPathComponent("Scenarios/a.yaml"), atomically: true, encoding: .utf8)
        try "id: b\n".write(to: root.appendingPathComponent("Scenarios/b.yaml"), atomically: true, encoding: .utf8)
        try Data([0xFF, 0xFE, 0x00]).write(to: root.appendingPathComponent("Scenarios/c.yaml"))
        #expect {
            try ContentLoader(root: root).load()
        } throws: { error in
            let files = (error as? ContentErrors)?.diagnostics.map(\.file) ?? []
            return files == ["Scenarios/a.yaml", "Scenarios/b.yaml", "Scenarios/c.yaml"]
        }
    }

    @Test func contentRootIsFoundInTheDocumentedOrder() throws {
        let mini = Self.fixtures.appendingPathComponent("mini")
        let nested = mini.appendingPathComponent("Scenarios")
        let fromOption = try ContentRoot.locate(option: mini.path, environment: ["AFTERSALES_CONTENT": "/nonexistent"],
                                                executable: nil, workingDirectory: URL(fileURLWithPath: "/"))
        #expect(fromOption.origin == .option)
        let fromEnv = try ContentRoot.locate(option: nil, environment: ["AFTERSALES_CONTENT": mini.path],
                                             executable: nil, workingDirectory: URL(fileURLWithPath: "/"))
        #expect(fromEnv.origin == .environment)
        let walked = try ContentRoot.locate(option: nil, environment: [:], executable: nil, workingDirectory: nested)
        #expect(walked.origin == .workingDirectory)
        #expect(walked.url.standardizedFileURL.path == mini.standardizedFileURL.path)
        #expect(throws: ContentRoot.NotFound.self) {
            try ContentRoot.locate(option: "/nonexistent", environment: [:], executable: nil, workingDirectory: nested)
        }
    }

    private func diagnostic(_ yaml: String) -> Diagnostic {
        do {
            let document = try YAMLDocument(file: "broken.yaml", text: yaml)
            _ = try document.decode(Scenario.self)
        } catch {
            return error
        }
        Issue.record("expected an error")
        return Diagnostic(file: "", line: 0, column: 0, code: .yamlSyntax, message: "")
    }
}
