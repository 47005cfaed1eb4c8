import Foundation

/// One labelled reply of an evaluation corpus (JSON Lines): what a QA lead says the verdict, the violations and
/// (optionally) the met criteria are.
public struct CorpusCase: Sendable, Codable, Equatable {
    public var id: String
    public var rubric: String
    public var text: String
    public var vars: [String: String]?
    public var context: [String: String]?
    public var verdict: GradeReport.Verdict
    public var violations: [String]
    public var criteria: [String]?
    /// Optional split name (e.g. "heldout"); figures are also reported per split.
    public var split: String?
}

/// Agreement between the grader and a labelled corpus: verdict accuracy, Cohen's kappa, and precision/recall for
/// every criterion and violation.
public struct EvaluationSummary: Sendable {
    public struct Counts: Sendable, Equatable {
        public var truePositives = 0
        public var falsePositives = 0
        public var falseNegatives = 0

        /// Nil when nothing was predicted (undefined).
        public var precision: Double? {
            truePositives + falsePositives == 0 ? nil : Double(truePositives) / Double(truePositives + falsePositives)
        }

        /// Nil when nothing was expected (undefined).
        public var recall: Double? {
            truePositives + falseNegatives == 0 ? nil : Double(truePositives) / Double(truePositives + falseNegatives)
        }
    }

    public struct Mismatch: Sendable, Equatable {
        public var id: String
        public var expected: GradeReport.Verdict
        public var got: GradeReport.Verdict
        public var score: Int
        public var missingViolations: [String]
        public var extraViolations: [String]
        public var missingCriteria: [String]
        public var extraCriteria: [String]
    }

    public var name: String
    public var total: Int
    public var correct: Int
    /// Rows: expected good/acceptable/bad; columns: graded.
    public var confusion: [[Int]]
    public var violations: [String: Counts]
    public var criteria: [String: Counts]
    public var mismatches: [Mismatch]

    public var accuracy: Double { total == 0 ? 0 : Double(correct) / Double(total) }

    /// Cohen's kappa over the three verdicts: agreement corrected for chance.
    public var kappa: Double {
        guard total > 0 else { return 0 }
        let n = Double(total)
        var expectedAgreement = 0.0
        for k in 0..<3 {
            let row = Double(confusion[k].reduce(0, +))
            let column = Double(confusion.reduce(0) { $0 + $1[k] })
            expectedAgreement += (row / n) * (column / n)
        }
        guard expectedAgreement < 1 else { return 1 }
        return (accuracy - expectedAgreement) / (1 - expectedAgreement)
    }

    /// The targets: accuracy ≥ 0.90; recall ≥ 0.95 and precision ≥ 0.90 for each critical violation present.
    public func meetsTargets(critical: Set<String>) -> Bool {
        guard accuracy >= 0.90 else { return false }
        for id in critical {
            guard let counts = violations[id], counts.truePositives + counts.falseNegatives > 0 else { continue }
            if (counts.recall ?? 0) < 0.95 || (counts.precision ?? 0) < 0.90 { return false }
        }
        return true
    }
}

/// Runs a grader over a labelled corpus and reports agreement.
public enum Evaluation {
    static let verdicts: [GradeReport.Verdict] = [.good, .acceptable, .bad]

    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Parses JSON Lines; blank lines are skipped; the first bad line is reported with its number.
    public static func parse(_ data: Data) throws(ParseError) -> [CorpusCase] {
        var cases: [CorpusCase] = []
        let decoder = JSONDecoder()
        for (index, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            do {
                cases.append(try decoder.decode(CorpusCase.self, from: Data(line)))
            } catch {
                throw ParseError(line: index + 1, message: "\(error)")
            }
        }
        return cases
    }

    /// Grades every case; `language` only affects feedback text, never the figures.
    public static func run(_ cases: [CorpusCase], grader: ReplyGrading, name: String = "all") -> EvaluationSummary {
        var summary = EvaluationSummary(name: name, total: 0, correct: 0, confusion: Array(repeating: [0, 0, 0], count: 3),
                                        violations: [:], criteria: [:], mismatches: [])
        for item in cases {
            let report = grader.grade(item.text, rubric: item.rubric, variables: item.vars ?? [:], context: item.context ?? [:], language: .en)
            summary.total += 1
            let expectedIndex = verdicts.firstIndex(of: item.verdict)!
            let gotIndex = verdicts.firstIndex(of: report.verdict)!
            summary.confusion[expectedIndex][gotIndex] += 1
            if expectedIndex == gotIndex { summary.correct += 1 }

            let expectedViolations = Set(item.violations)
            let firedViolations = Set(report.violations.map(\.id))
            for id in expectedViolations.union(firedViolations) {
                var counts = summary.violations[id] ?? .init()
                switch (expectedViolations.contains(id), firedViolations.contains(id)) {
                case (true, true): counts.truePositives += 1
                case (false, true): counts.falsePositives += 1
                case (true, false): counts.falseNegatives += 1
                default: break
                }
                summary.violations[id] = counts
            }
            var missingCriteria: [String] = [], extraCriteria: [String] = []
            if let labelled = item.criteria {
                let expectedMet = Set(labelled)
                let met = Set(report.criteria.filter(\.met).map(\.id))
                for id in expectedMet.union(met) {
                    var counts = summary.criteria[id] ?? .init()
                    switch (expectedMet.contains(id), met.contains(id)) {
                    case (true, true): counts.truePositives += 1
                    case (false, true): counts.falsePositives += 1; extraCriteria.append(id)
                    case (true, false): counts.falseNegatives += 1; missingCriteria.append(id)
                    default: break
                    }
                    summary.criteria[id] = counts
                }
            }
            if expectedIndex != gotIndex || expectedViolations != firedViolations || !missingCriteria.isEmpty || !extraCriteria.isEmpty {
                summary.mismatches.append(.init(
                    id: item.id, expected: item.verdict, got: report.verdict, score: report.score,
                    missingViolations: expectedViolations.subtracting(firedViolations).sorted(),
                    extraViolations: firedViolations.subtracting(expectedViolations).sorted(),
                    missingCriteria: missingCriteria.sorted(), extraCriteria: extraCriteria.sorted()))
            }
        }
        return summary
    }

    /// The summary as text: verdict figures, then a precision/recall table for violations and criteria,
    /// then (when `details`) each disagreement.
    public static func text(_ summary: EvaluationSummary, critical: Set<String>, strings: StringTable, details: Bool = false) -> String {
        func pct(_ value: Double?) -> String {
            guard let value else { return "   –" }
            return String(format: "%.2f", value)
        }
        var lines: [String] = []
        lines.append(strings("grade.eval.header", ["name": summary.name, "count": "\(summary.total)"]))
        lines.append(strings("grade.eval.accuracy", ["value": pct(summary.accuracy), "correct": "\(summary.correct)", "count": "\(summary.total)"]))
        lines.append(strings("grade.eval.kappa", ["value": pct(summary.kappa)]))
        lines.append(strings("grade.eval.confusion"))
        for (index, verdict) in verdicts.enumerated() {
            let row = summary.confusion[index].map { String($0).leftPadded(5) }.joined(separator: " ")
            lines.append("  " + verdict.rawValue.padded(11) + row)
        }
        for (title, table) in [(strings("grade.eval.violations"), summary.violations), (strings("grade.eval.criteria"), summary.criteria)] {
            guard !table.isEmpty else { continue }
            lines.append(title)
            lines.append("  " + "".padded(24) + "   P      R     TP   FP   FN")
            for id in table.keys.sorted() {
                let c = table[id]!
                let mark = critical.contains(id) ? "*" : " "
                lines.append("  " + (id + mark).padded(24) + " " + pct(c.precision) + "  " + pct(c.recall) + "  "
                             + String(c.truePositives).leftPadded(4) + " " + String(c.falsePositives).leftPadded(4) + " " + String(c.falseNegatives).leftPadded(4))
            }
        }
        lines.append(strings(summary.meetsTargets(critical: critical) ? "grade.eval.targets_met" : "grade.eval.targets_missed"))
        if details && !summary.mismatches.isEmpty {
            lines.append(strings("grade.eval.disagreements", ["count": "\(summary.mismatches.count)"]))
            for m in summary.mismatches {
                var parts = ["\(m.id): \(m.expected.rawValue) → \(m.got.rawValue) (\(m.score))"]
                if !m.missingViolations.isEmpty { parts.append("missed " + m.missingViolations.joined(separator: ",")) }
                if !m.extraViolations.isEmpty { parts.append("extra " + m.extraViolations.joined(separator: ",")) }
                if !m.missingCriteria.isEmpty { parts.append("unmet " + m.missingCriteria.joined(separator: ",")) }
                if !m.extraCriteria.isEmpty { parts.append("met+ " + m.extraCriteria.joined(separator: ",")) }
                lines.append("  " + parts.joined(separator: "; "))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `aftersales grade --eval FILE`: the whole corpus, then each split it names.
    public static func run(jsonlURL: URL, grader: Grader, strings: StringTable, details: Bool = false) throws -> String {
        let data = try Data(contentsOf: jsonlURL)
        let cases = try parse(data)
        let critical = Set(grader.content.rubrics.values.flatMap { $0.violations.filter(\.critical).map(\.id) })
        var sections = [text(run(cases, grader: grader, name: "all"), critical: critical, strings: strings, details: details)]
        let splits = Set(cases.compactMap(\.split)).sorted()
        for split in splits {
            sections.append(text(run(cases.filter { $0.split == split }, grader: grader, name: split), critical: critical, strings: strings))
        }
        return sections.joined(separator: "\n\n")
    }
}

extension String {
    func padded(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
