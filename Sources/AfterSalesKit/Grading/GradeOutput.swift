import Foundation

/// Renders a `GradeReport` for people (localised, with evidence, rules and fixes), for `--explain` (the arithmetic
/// line by line) and for machines (`--json`, exactly the issue's object). Returns text; printing is the CLI's job.
public enum GradeOutput {
    // MARK: JSON

    /// `{"rubric", "score", "verdict", "criteria": [{"id","met","rule","evidence"}], "violations": [{"id","rule","critical","evidence"}], "feedback"}`
    /// with keys in that order, offsets in Unicode code points, one line, the same bytes for the same report.
    public static func json(_ report: GradeReport) -> String {
        func evidence(_ list: [Evidence]) -> String {
            "[" + list.map { "{\"start\":\($0.start),\"end\":\($0.end),\"text\":\(JSONText.quote($0.text))}" }.joined(separator: ",") + "]"
        }
        let criteria = report.criteria.map {
            "{\"id\":\(JSONText.quote($0.id)),\"met\":\($0.met),\"rule\":\(JSONText.quote($0.rule)),\"evidence\":\(evidence($0.evidence))}"
        }
        let violations = report.violations.map {
            "{\"id\":\(JSONText.quote($0.id)),\"rule\":\(JSONText.quote($0.rule)),\"critical\":\($0.critical),\"evidence\":\(evidence($0.evidence))}"
        }
        return "{\"rubric\":\(JSONText.quote(report.rubric)),\"score\":\(report.score),\"verdict\":\(JSONText.quote(report.verdict.rawValue)),"
            + "\"criteria\":[\(criteria.joined(separator: ","))],\"violations\":[\(violations.joined(separator: ","))],"
            + "\"feedback\":[\(report.feedback.map(JSONText.quote).joined(separator: ","))]}"
    }

    // MARK: human

    /// Score, verdict, each criterion met or missed, each violation with its quoted evidence, the rule and what to write instead.
    /// `rules` (optional) adds each rule's title in the chosen language.
    public static func human(_ report: GradeReport, language: Language, strings s: StringTable, rubricTitle: Localized? = nil,
                             rules: [String: Rule] = [:]) -> String {
        if report.refused {
            return report.feedback.map { s("grade.out.refused", ["reason": $0]) }.joined(separator: "\n")
        }
        var lines: [String] = []
        lines.append(s("grade.out.rubric", ["title": rubricTitle?.text(language) ?? report.rubric, "rubric": report.rubric]))
        lines.append(s("grade.out.score", ["score": "\(report.score)", "verdict": s("grade.out.verdict.\(report.verdict.rawValue)")]))
        func evidence(_ list: [Evidence]) {
            for item in list {
                lines.append(s("grade.out.evidence", ["text": item.text, "start": "\(item.start)", "end": "\(item.end)"]))
            }
        }
        lines.append(s("grade.out.criteria"))
        for criterion in report.criteria {
            lines.append(s(criterion.met ? "grade.out.met" : "grade.out.missed",
                           ["title": s("grade.criterion.\(criterion.id)"), "rule": criterion.rule, "id": criterion.id]))
            if criterion.met {
                evidence(criterion.evidence)
            } else if let fix = criterion.fix {
                lines.append(s("grade.out.fix", ["fix": fix]))
            }
        }
        lines.append(s("grade.out.violations"))
        if report.violations.isEmpty { lines.append(s("grade.out.no_violations")) }
        for violation in report.violations {
            let marker = violation.critical ? s("grade.out.critical") : s("grade.out.penalty", ["points": number(violation.penalty)])
            lines.append(s("grade.out.violation", ["title": s("grade.violation.\(violation.id)"), "critical": marker, "rule": violation.rule,
                                                   "id": violation.id]))
            evidence(violation.evidence)
            if let rule = rules[violation.rule] { lines.append(s("grade.out.rule_title", ["title": rule.title.text(language)])) }
            if let fix = violation.fix { lines.append(s("grade.out.fix", ["fix": fix])) }
        }
        return lines.joined(separator: "\n")
    }

    // MARK: explain

    /// The arithmetic line by line: each criterion's weight, met or not, evidence; each penalty; gates; the total.
    public static func explain(_ report: GradeReport, strings s: StringTable) -> String {
        guard let a = report.arithmetic else { return report.feedback.joined(separator: "\n") }
        var lines = [s("grade.explain.title", ["rubric": report.rubric]), s("grade.explain.header")]
        for line in a.lines {
            let evidence: String
            if !line.applies {
                evidence = s("grade.explain.not_applicable")
            } else if let found = report.criteria.first(where: { $0.id == line.id })?.evidence.first {
                evidence = "“\(found.text)” (\(found.start)–\(found.end))"
            } else {
                evidence = "—"
            }
            let met = line.applies ? s(line.met ? "grade.explain.yes" : "grade.explain.no") : s("grade.explain.na")
            lines.append(s("grade.explain.row", ["id": line.id.padded(22), "weight": (line.applies ? number(line.weight) : "–").leftPadded(6),
                                                 "met": met, "evidence": evidence]))
        }
        lines.append(s("grade.explain.mean", ["met": number(a.metWeight), "applicable": number(a.applicableWeight), "mean": decimal(a.mean)]))
        for penalty in a.penalties {
            lines.append(penalty.critical ? s("grade.explain.critical", ["id": penalty.id])
                                          : s("grade.explain.penalty", ["id": penalty.id, "points": number(penalty.points)]))
        }
        lines.append(s("grade.explain.after_penalties", ["value": decimal(a.afterPenalties)]))
        if let cap = a.goodCap {
            lines.append(s("grade.explain.good_cap", ["missing": a.goodMissing.joined(separator: ", "), "cap": number(cap)]))
        }
        if let floor = a.floor { lines.append(s("grade.explain.floor", ["reason": a.floorReason ?? "", "floor": number(floor)])) }
        if let cap = a.criticalCap { lines.append(s("grade.explain.critical_cap", ["cap": number(cap)])) }
        lines.append(s("grade.explain.total", ["score": "\(report.score)", "verdict": s("grade.out.verdict.\(report.verdict.rawValue)")]))
        return lines.joined(separator: "\n")
    }

    // MARK: comparison with a model reply

    /// The trainee's reply and the scenario's model reply with the rules each follows and breaks, in two columns.
    public static func comparison(trainee: GradeReport, traineeText: String, model: GradeReport, modelText: String,
                                  strings s: StringTable, width: Int = 38) -> String {
        func rules(_ report: GradeReport) -> [String] {
            report.criteria.filter(\.met).map { "✓ \($0.rule)" } + report.violations.map { "✗ \($0.rule)" }
        }
        func wrap(_ text: String) -> [String] {
            var lines: [String] = []
            for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
                var current = ""
                for word in paragraph.split(separator: " ") {
                    if current.isEmpty { current = String(word) } else if current.count + 1 + word.count <= width { current += " " + word } else {
                        lines.append(current)
                        current = String(word)
                    }
                }
                lines.append(current)
            }
            return lines
        }
        let left = [s("grade.compare.yours") + " — \(trainee.score) \(s("grade.out.verdict.\(trainee.verdict.rawValue)"))", ""]
            + wrap(traineeText) + [""] + rules(trainee)
        let right = [s("grade.compare.model") + " — \(model.score) \(s("grade.out.verdict.\(model.verdict.rawValue)"))", ""]
            + wrap(modelText) + [""] + rules(model)
        var lines = [s("grade.compare.title")]
        for row in 0..<max(left.count, right.count) {
            let l = row < left.count ? left[row] : ""
            let r = row < right.count ? right[row] : ""
            lines.append(l.padded(width) + " │ " + r)
        }
        return lines.joined(separator: "\n")
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    static func decimal(_ value: Double) -> String { String(format: "%.1f", value) }
}

/// Minimal JSON string quoting: deterministic, control characters escaped, everything else left as UTF-8.
enum JSONText {
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
