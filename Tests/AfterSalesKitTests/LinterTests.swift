import Foundation
import Testing

@testable import AfterSalesKit

/// One broken copy of the mini fixture per kind of error; each must be reported with its code at the right line.
@Suite("Content linter")
struct LinterTests {
    static let miniRoot = LoaderTests.fixtures.appendingPathComponent("mini")
    static let base = try! String(contentsOf: miniRoot.appendingPathComponent("Scenarios/mini.yaml"), encoding: .utf8)

    /// Lints the mini content with its scenario text replaced.
    static func lint(_ scenario: String, context: LintContext = LintContext()) throws -> LintReport {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("aftersales-lint-\(UUID().uuidString)")
        let fm = FileManager.default
        try fm.createDirectory(at: root.appendingPathComponent("Scenarios"), withIntermediateDirectories: true)
        try fm.copyItem(at: miniRoot.appendingPathComponent("Content"), to: root.appendingPathComponent("Content"))
        defer { try? fm.removeItem(at: root) }
        try scenario.write(to: root.appendingPathComponent("Scenarios/mini.yaml"), atomically: true, encoding: .utf8)
        return ContentLinter(library: try ContentLoader(root: root).load(), context: context).run()
    }

    /// The line on which `needle` (possibly several lines long) starts in `text`.
    static func line(of needle: String, in text: String) -> Int {
        guard let range = text.range(of: needle) else { return -1 }
        return text[..<range.lowerBound].filter { $0 == "\n" }.count + 1
    }

    @Test func theFixtureIsClean() throws {
        let report = try Self.lint(Self.base)
        #expect(report.errors.isEmpty, "\(report.errors)")
        #expect(report.coverage.rules.map(\.scenarios) == [1, 1])
        #expect(report.coverage.sections == [Coverage.Row(id: "claims", scenarios: 2, quizItems: 0)])
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var from: String
        var to: String
        var code: DiagnosticCode
        /// Text on the line the diagnostic must point at (after the change).
        var at: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "unknown node", from: "next: write\n", to: "next: wrte\n", code: .unknownNode, at: "next: wrte"),
        Case(name: "unknown rule", from: "follows: claims.answer-fast", to: "follows: claims.answr", code: .unknownRule, at: "follows: claims.answr"),
        Case(name: "unreachable node", from: "endings:", to: "  orphan:\n    next: good\nendings:", code: .unreachableNode, at: "  orphan:\n"),
        Case(name: "no way to an ending", from: "        next: good\n", to: "        next: calm\n", code: .noEnding, at: "  calm:\n    buyer"),
        Case(name: "no best choice", from: "effect: {points: 0, clock: 12h}", to: "effect: {points: 30, clock: 12h}", code: .noBestChoice, at: "    choices:"),
        Case(name: "missing translation", from: "say: {en: Wait, zh: 等待}", to: "say: Wait", code: .missingTranslation, at: "say: Wait"),
        Case(name: "score above 100", from: "points: 50\n", to: "points: 60\n", code: .scoreOutOfRange, at: "points: 60"),
        Case(name: "score below 0", from: "effect: {points: -20, mood: 30}", to: "effect: {points: -25, mood: 30}", code: .scoreOutOfRange, at: "- say: {en: Blame"),
        Case(name: "unknown variable", from: "Hello, {buyer} here.", to: "Hello, {buyer} about {order}.", code: .unknownVariable, at: "    buyer:"),
        Case(name: "bad condition", from: "grade >= 70 and not fired(blame_buyer)", to: "grade >> 70", code: .badCondition, at: "if: \"grade >> 70\""),
        Case(name: "condition names an unknown choice", from: "grade >= 70 and not fired(blame_buyer)", to: "chose(nothing)", code: .badCondition, at: "chose(nothing)"),
        Case(name: "unknown flow", from: "  calm:\n    buyer: \"calm one\"\n", to: "  calm:\n    call: missing-flow\n    next: good\n    buyer: \"calm one\"\n", code: .unknownFlow, at: "call: missing-flow"),
        Case(name: "empty node", from: "  calm:\n    buyer: \"calm one\"\n    choices:", to: "  calm:\n    buyer: \"calm one\"\n  spare:\n    buyer: \"x\"\n    x_choices:", code: .badNode, at: "  spare:\n"),
        Case(name: "node and ending share an id", from: "  good:\n    outcome", to: "  calm:\n    outcome: resolved\n    text: {en: x, zh: x}\n  good:\n    outcome", code: .duplicateID, at: "  calm:\n    outcome: resolved"),
        Case(name: "last branch conditional", from: "      - go: lost", to: "      - if: \"mood > 1\"\n        go: lost", code: .badCondition, at: "    next:\n      - if: \"grade"),
        Case(name: "unknown deadline ending", from: "    ending: lost", to: "    ending: lostt", code: .unknownNode, at: "ending: lostt"),
    ]

    @Test(arguments: cases)
    func reportsEachKindOfError(_ c: Case) throws {
        #expect(Self.base.contains(c.from), "fixture text to replace is missing")
        let text = Self.base.replacingOccurrences(of: c.from, with: c.to)
        let report = try Self.lint(text)
        let found = report.errors.filter { $0.code == c.code }
        #expect(!found.isEmpty, "expected \(c.code.rawValue), got \(report.errors.map(\.description))")
        let expectedLine = Self.line(of: c.at, in: text)
        #expect(found.contains { $0.line == expectedLine && $0.file == "Scenarios/mini.yaml" },
                "\(c.code.rawValue) should point at line \(expectedLine): \(found.map(\.description))")
    }

    @Test func unknownRubricIsReportedWhenRubricsAreKnown() throws {
        let report = try Self.lint(Self.base, context: LintContext(rubricIDs: ["claim-response"]))
        #expect(report.errors.map(\.code) == [.unknownRubric])
    }

    @Test func unknownViolationInAConditionIsReportedWhenViolationsAreKnown() throws {
        let report = try Self.lint(Self.base, context: LintContext(violationIDs: ["hostile_tone"]))
        #expect(report.errors.map(\.code) == [.badCondition])
        #expect(report.errors.first?.message.contains("fired(blame_buyer)") == true)
    }

    @Test func rulesNothingTrainsAreWarnings() throws {
        let text = Self.base.replacingOccurrences(of: "        breaks: claims.no-blame\n", with: "")
        let report = try Self.lint(text)
        #expect(report.errors.isEmpty)
        #expect(report.warnings.map(\.code) == [.untrainedRule])
        #expect(report.warnings.first?.message.contains("claims.no-blame") == true)
        #expect(report.warnings.first?.file == "Content/rules.yaml")
    }
}
