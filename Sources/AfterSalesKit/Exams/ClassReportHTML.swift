import Foundation

/// The class report as one self-contained HTML page: inline CSS and SVG only, no script, no network
/// (a Content-Security-Policy says so to the browser too). Score histogram, topic bars, rule ranking, item
/// analysis, and a drill-down per trainee (`<details>`, which needs no script) with each reply and its
/// evidence highlighted. Every piece of text is escaped: names and replies come from transcripts, which
/// anyone could have written.
public struct ClassReportHTML: Sendable {
    public var report: ClassReport
    public var strings: StringTable

    public init(report: ClassReport, strings: StringTable) {
        self.report = report
        self.strings = strings
    }

    public func render() -> String {
        let s = strings
        var h = """
            <!DOCTYPE html>
            <html lang="\(report.exam.language == "zh" ? "zh-Hans" : "en")">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
            <title>\(Self.escape(s("exam.html.title", ["title": report.exam.title])))</title>
            <style>\(Self.css)</style>
            </head>
            <body>

            """
        h += "<header><h1>\(Self.escape(report.exam.title))</h1>\n"
        h += "<p class=\"meta\">\(Self.escape(s("exam.html.meta", ["exam": report.exam.id, "mark": ExamResultLines.percent(report.exam.passMark), "method": s("exam.grading.\(report.exam.grading.rawValue)")])))</p>\n"
        let st = report.statistics
        h += "<p id=\"summary\">\(Self.escape(s("exam.html.summary", ["count": "\(st.count)", "passed": "\(st.passed)", "mean": st.mean.map(ExamResultLines.percent) ?? "–", "median": st.median.map(ExamResultLines.percent) ?? "–"])))</p></header>\n"
        if !report.problems.isEmpty {
            h += "<section id=\"problems\"><h2>\(Self.escape(s("exam.html.problems")))</h2><ul>\n"
            for problem in report.problems { h += "<li class=\"problem\">\(Self.escape(problem.message))</li>\n" }
            h += "</ul></section>\n"
        }
        h += "<div class=\"charts\">\n"
        h += "<section id=\"histogram\"><h2>\(Self.escape(s("exam.html.histogram")))</h2>\n\(histogram())</section>\n"
        h += "<section id=\"topics\"><h2>\(Self.escape(s("exam.html.topics")))</h2>\n\(topicBars())</section>\n"
        h += "</div>\n"
        h += table()
        h += itemTable()
        h += decisionList()
        h += ruleSection()
        h += overrideTable()
        h += traineeDetails()
        h += "<footer>\(Self.escape(s("exam.html.footer", ["spec": String(report.exam.specHash.prefix(12)), "content": String(report.exam.contentVersion.prefix(12))])))</footer>\n"
        h += "</body>\n</html>\n"
        return h
    }

    // MARK: - Charts

    private func histogram() -> String {
        let bins = report.statistics.histogram
        let top = max(1, bins.max() ?? 1)
        let width = 440.0, height = 180.0, left = 20.0, bottom = 24.0, bar = (width - left) / Double(bins.count)
        var svg = "<svg id=\"histogram-chart\" class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(Self.escape(strings("exam.html.histogram")))\">\n"
        svg += "<line x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width)\" y2=\"\(height - bottom)\" class=\"axis\"/>\n"
        for (index, count) in bins.enumerated() {
            let h = (height - bottom - 16) * Double(count) / Double(top)
            let x = left + Double(index) * bar
            let cls = Double(index * 10 + 9) < report.exam.passMark ? "bar fail" : "bar pass"
            svg += "<rect class=\"\(cls)\" data-bin=\"\(index)\" data-count=\"\(count)\" x=\"\(Self.n(x + 2))\" y=\"\(Self.n(height - bottom - h))\" width=\"\(Self.n(bar - 4))\" height=\"\(Self.n(h))\"><title>\(index * 10)–\(index == 9 ? 100 : index * 10 + 9) %: \(count)</title></rect>\n"
            if count > 0 { svg += "<text x=\"\(Self.n(x + bar / 2))\" y=\"\(Self.n(height - bottom - h - 4))\" class=\"count\">\(count)</text>\n" }
            svg += "<text x=\"\(Self.n(x))\" y=\"\(Self.n(height - 8))\" class=\"label\">\(index * 10)</text>\n"
        }
        svg += "<text x=\"\(Self.n(width - 8))\" y=\"\(Self.n(height - 8))\" class=\"label\">100</text>\n"
        let markX = left + (width - left) * report.exam.passMark / 100
        svg += "<line x1=\"\(Self.n(markX))\" y1=\"4\" x2=\"\(Self.n(markX))\" y2=\"\(Self.n(height - bottom))\" class=\"mark\"><title>\(Self.escape(strings("exam.html.pass_mark", ["mark": ExamResultLines.percent(report.exam.passMark)])))</title></line>\n"
        return svg + "</svg>\n"
    }

    private func topicBars() -> String {
        horizontalBars(id: "topic-chart", rows: report.topics.map { ($0.title, report.statistics.topicMeans[$0.id] ?? 0, ExamResultLines.percent(report.statistics.topicMeans[$0.id] ?? 0) + " %") }, maximum: 100)
    }

    /// One row per entry: the label on its own line (long choice texts stay readable), the bar below it.
    private func horizontalBars(id: String, rows: [(label: String, value: Double, shown: String)], maximum: Double) -> String {
        let rowHeight = 36.0, width = 520.0, barWidth = 400.0
        let height = max(rowHeight, Double(rows.count) * rowHeight)
        var svg = "<svg id=\"\(id)\" class=\"chart bars\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\">\n"
        for (index, row) in rows.enumerated() {
            let y = Double(index) * rowHeight
            let w = maximum > 0 ? barWidth * min(1, max(0, row.value / maximum)) : 0
            svg += "<text x=\"0\" y=\"\(Self.n(y + 12))\" class=\"hlabel\">\(Self.escape(Self.clip(row.label, 80)))</text>\n"
            svg += "<rect class=\"hbar\" x=\"0\" y=\"\(Self.n(y + 17))\" width=\"\(Self.n(w))\" height=\"13\"><title>\(Self.escape(row.label)): \(Self.escape(row.shown))</title></rect>\n"
            svg += "<text x=\"\(Self.n(w + 5))\" y=\"\(Self.n(y + 28))\" class=\"value\">\(Self.escape(row.shown))</text>\n"
        }
        return svg + "</svg>\n"
    }

    // MARK: - Tables

    private func table() -> String {
        let s = strings
        var h = "<section id=\"class\"><h2>\(Self.escape(s("exam.html.class")))</h2>\n<table id=\"class-table\"><thead><tr>"
        h += "<th>\(Self.escape(s("exam.col.trainee")))</th><th>\(Self.escape(s("exam.col.score")))</th><th>\(Self.escape(s("exam.col.result")))</th>"
        for topic in report.topics { h += "<th>\(Self.escape(topic.title))</th>" }
        h += "<th>\(Self.escape(s("exam.col.time")))</th><th>\(Self.escape(s("exam.col.flags")))</th></tr></thead><tbody>\n"
        for (index, row) in report.trainees.enumerated() {
            h += "<tr class=\"trainee-row\(row.trusted ? "" : " untrusted")\"><td><a href=\"#trainee-\(index + 1)\">\(Self.escape(row.name))</a></td>"
            h += "<td class=\"num\">\(ExamResultLines.percent(row.percent))</td>"
            h += "<td class=\"\(row.passed ? "pass" : "fail")\">\(Self.escape(s(row.passed ? "exam.pass" : "exam.fail")))</td>"
            for topic in report.topics { h += "<td class=\"num\">\(row.topics[topic.id].map(ExamResultLines.percent) ?? "")</td>" }
            h += "<td class=\"num\">\(row.timeUsed.map { ExamTime.clock(seconds: $0) } ?? "")</td>"
            h += "<td>\(row.flags.map { "<span class=\"flag \($0.severity.rawValue)\">\(Self.escape($0.message))</span>" }.joined(separator: " "))</td></tr>\n"
        }
        return h + "</tbody></table></section>\n"
    }

    private func itemTable() -> String {
        let s = strings
        var h = "<section id=\"items\"><h2>\(Self.escape(s("exam.html.items")))</h2>\n<p class=\"note\">\(Self.escape(s("exam.html.items_note")))</p>\n"
        h += "<table id=\"item-table\"><thead><tr><th>\(Self.escape(s("exam.col.item")))</th><th>\(Self.escape(s("exam.col.topic")))</th><th>n</th>"
        h += "<th>\(Self.escape(s("exam.col.facility")))</th><th>\(Self.escape(s("exam.col.discrimination")))</th><th>\(Self.escape(s("exam.col.flags")))</th></tr></thead><tbody>\n"
        for item in report.items {
            h += "<tr class=\"item-row\(item.flags.isEmpty ? "" : " flagged")\"><td>\(Self.escape(item.id))</td><td>\(Self.escape(s("topic.\(item.topic)")))</td>"
            h += "<td class=\"num\">\(item.count)</td><td class=\"num\">\(item.facility.map { ExamResultLines.percent($0 * 100) + " %" } ?? "–")</td>"
            h += "<td class=\"num\">\(item.discrimination.map { String(format: "%.2f", $0) } ?? "–")</td>"
            h += "<td>\(item.flags.map { "<span class=\"flag warning\">\(Self.escape(s("exam.item_flag.\($0.rawValue)")))</span>" }.joined(separator: " "))</td></tr>\n"
        }
        return h + "</tbody></table></section>\n"
    }

    private func decisionList() -> String {
        guard !report.decisions.isEmpty else { return "" }
        let s = strings
        var h = "<section id=\"decisions\"><h2>\(Self.escape(s("exam.html.decisions")))</h2>\n"
        for decision in report.decisions {
            h += "<div class=\"decision\"><h3>\(Self.escape(decision.scenario)) / \(Self.escape(decision.node))</h3>"
            h += "<p class=\"meta\">\(Self.escape(s("exam.html.decision_meta", ["count": "\(decision.count)", "discrimination": decision.discrimination.map { String(format: "%.2f", $0) } ?? "–"])))"
            h += decision.flags.map { " <span class=\"flag warning\">\(Self.escape(s("exam.item_flag.\($0.rawValue)")))</span>" }.joined() + "</p>\n"
            h += horizontalBars(id: "decision-\(Self.slug(decision.scenario + "-" + decision.node))",
                                rows: decision.choices.map { ($0.text, Double($0.count), "\($0.count)") }, maximum: Double(max(1, decision.count)))
            h += "</div>\n"
        }
        return h + "</section>\n"
    }

    private func ruleSection() -> String {
        let s = strings
        var h = "<section id=\"rules\"><h2>\(Self.escape(s("exam.html.rules")))</h2>\n"
        guard !report.rules.isEmpty else { return h + "<p>\(Self.escape(s("exam.html.no_rules")))</p></section>\n" }
        h += horizontalBars(id: "rule-chart", rows: report.rules.map { ($0.rule, $0.share * 100, "\($0.trainees) (\(ExamResultLines.percent($0.share * 100)) %)") }, maximum: 100)
        h += "<ol class=\"rules\">\n"
        for rule in report.rules {
            h += "<li class=\"rule\(rule.nearlyEveryone ? " everyone" : "")\"><strong>\(Self.escape(rule.rule))</strong> — \(Self.escape(rule.title))"
            if rule.nearlyEveryone { h += " <span class=\"flag warning\">\(Self.escape(s("exam.rule_everyone")))</span>" }
            h += "<ul>"
            for example in rule.examples {
                h += "<li><span class=\"who\">\(Self.escape(example.trainee))</span> (\(Self.escape(example.item))): <q>\(Self.escape(example.evidence))</q></li>"
            }
            h += "</ul></li>\n"
        }
        return h + "</ol></section>\n"
    }

    private func overrideTable() -> String {
        guard !report.overrides.isEmpty else { return "" }
        let s = strings
        var h = "<section id=\"overrides\"><h2>\(Self.escape(s("exam.html.overrides")))</h2><table><thead><tr>"
        for key in ["trainee", "item", "before", "after", "reason", "by"] { h += "<th>\(Self.escape(s("exam.col.\(key)")))</th>" }
        h += "</tr></thead><tbody>\n"
        for row in report.overrides {
            h += "<tr><td>\(Self.escape(row.trainee))</td><td>\(Self.escape(row.item))</td><td class=\"num\">\(ExamResultLines.points(row.before))</td>"
            h += "<td class=\"num\">\(ExamResultLines.points(row.after))</td><td>\(Self.escape(row.reason))</td><td>\(Self.escape(row.by ?? ""))</td></tr>\n"
        }
        return h + "</tbody></table></section>\n"
    }

    // MARK: - Drill-down

    private func traineeDetails() -> String {
        let s = strings
        var h = "<section id=\"trainees\"><h2>\(Self.escape(s("exam.html.trainees")))</h2>\n"
        for (index, row) in report.trainees.enumerated() {
            let attempt = row.attempt
            h += "<details class=\"trainee\" id=\"trainee-\(index + 1)\"><summary><span class=\"name\">\(Self.escape(row.name))</span> — \(ExamResultLines.percent(row.percent)) % "
            h += "<span class=\"\(row.passed ? "pass" : "fail")\">\(Self.escape(s(row.passed ? "exam.pass" : "exam.fail")))</span></summary>\n"
            h += "<p class=\"meta\">\(Self.escape(s("exam.html.attempt_meta", ["attempt": "\(attempt.attempt)", "file": attempt.file, "started": attempt.started, "reason": attempt.reason.map { s("exam.reason.\($0.rawValue)") } ?? "–"])))</p>\n"
            for flag in row.flags { h += "<p class=\"flag \(flag.severity.rawValue)\">\(Self.escape(flag.message))</p>\n" }
            h += "<table class=\"items\"><tbody>\n"
            for item in attempt.items {
                h += "<tr><td>\(Self.escape(item.id))</td><td>\(Self.escape(s("exam.kind.\(item.kind.rawValue)")))</td>"
                h += "<td class=\"num\">\(ExamResultLines.points(item.earned)) / \(ExamResultLines.points(item.points))\(item.overridden ? " *" : "")</td>"
                let detail = item.kind == .quiz ? (item.answer.map { (item.correct == true ? "✓ " : "✗ ") + $0 } ?? s("exam.unanswered"))
                    : (item.answered ? (item.ending.map { s("exam.html.ending", ["ending": $0]) } ?? s("exam.html.unfinished")) : s("exam.unanswered"))
                h += "<td>\(Self.escape(detail))</td></tr>\n"
            }
            h += "</tbody></table>\n"
            let decisions = attempt.decisions
            if !decisions.isEmpty {
                h += "<ol class=\"choices\">"
                for decision in decisions {
                    h += "<li><span class=\"node\">\(Self.escape(decision.scenario))/\(Self.escape(decision.node))</span>: \(decision.number). \(Self.escape(decision.text))</li>"
                }
                h += "</ol>\n"
            }
            for item in attempt.items {
                for reply in item.replies {
                    h += "<div class=\"reply\"><h4>\(Self.escape(item.id)) / \(Self.escape(reply.node)) — \(reply.grade.score)/100\(reply.partial ? " (" + Self.escape(s("exam.html.partial")) + ")" : "")</h4>\n"
                    h += "<pre class=\"reply-text\">\(Self.highlight(reply.text, reply.grade))</pre>\n"
                    let criteria = reply.grade.criteria.map { "<li class=\"\($0.met ? "met" : "missed")\">\($0.met ? "✓" : "✗") \(Self.escape($0.id))</li>" }
                    let violations = reply.grade.violations.map { "<li class=\"violated\">✗ \(Self.escape($0.id))\($0.rule.isEmpty ? "" : " (" + Self.escape($0.rule) + ")")</li>" }
                    h += "<ul class=\"criteria\">\((criteria + violations).joined())</ul></div>\n"
                }
            }
            h += "</details>\n"
        }
        return h + "</section>\n"
    }

    /// The reply with evidence spans marked: violations (`<mark class="bad">`) win over met criteria
    /// (`<mark class="good">`) where they overlap. Offsets count Unicode code points and are clamped.
    public static func highlight(_ text: String, _ grade: GradeReport) -> String {
        let scalars = Array(text.unicodeScalars)
        var labels = Array(repeating: (kind: 0, ids: [String]()), count: scalars.count)
        func paint(_ evidence: [Evidence], kind: Int, id: String) {
            for span in evidence {
                let start = max(0, min(scalars.count, span.start)), end = max(start, min(scalars.count, span.end))
                for i in start..<end where labels[i].kind <= kind {
                    if labels[i].kind < kind { labels[i] = (kind, []) }
                    if !labels[i].ids.contains(id) { labels[i].ids.append(id) }
                }
            }
        }
        for criterion in grade.criteria where criterion.met { paint(criterion.evidence, kind: 1, id: criterion.id) }
        for violation in grade.violations { paint(violation.evidence, kind: 2, id: violation.id) }
        var html = ""
        var i = 0
        while i < scalars.count {
            var j = i
            while j < scalars.count && labels[j].kind == labels[i].kind && labels[j].ids == labels[i].ids { j += 1 }
            var piece = String.UnicodeScalarView()
            piece.append(contentsOf: scalars[i..<j])
            let escaped = escape(String(piece))
            switch labels[i].kind {
            case 1: html += "<mark class=\"good\" title=\"\(escape(labels[i].ids.joined(separator: ", ")))\">\(escaped)</mark>"
            case 2: html += "<mark class=\"bad\" title=\"\(escape(labels[i].ids.joined(separator: ", ")))\">\(escaped)</mark>"
            default: html += escaped
            }
            i = j
        }
        return html
    }

    /// HTML-escapes text for element content and attribute values alike.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters other than tab and newline have no business in a page.
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" || (0x7F...0x9F).contains(scalar.value) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    static func n(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    static func clip(_ text: String, _ length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }

    static func slug(_ text: String) -> String {
        String(text.unicodeScalars.map { scalar -> Character in
            (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)) ? Character(scalar) : "-"
        })
    }

    static let css = """
        body{font:15px/1.45 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","PingFang SC",sans-serif;margin:0 auto;max-width:1100px;padding:1rem 1.5rem;color:#1d2330;background:#fff}
        h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.2rem;border-bottom:1px solid #dde;padding-bottom:.2rem;margin-top:2rem}
        .meta,.note{color:#5a6270;font-size:.9rem}
        .charts{display:flex;flex-wrap:wrap;gap:2rem}.charts section{flex:1 1 420px}
        .chart{width:100%;max-width:520px;height:auto}
        .bar.pass{fill:#3d8b5f}.bar.fail{fill:#c0563e}.axis{stroke:#888}.mark{stroke:#1d2330;stroke-dasharray:4 3}
        .count,.label{font-size:11px;text-anchor:middle;fill:#333}.hlabel{font-size:12px;fill:#333}.value{font-size:12px;fill:#333}
        .hbar{fill:#4a78b5}
        table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border-bottom:1px solid #e4e6ea;padding:.3rem .5rem;text-align:left;vertical-align:top}
        th{background:#f3f4f7}td.num{text-align:right;font-variant-numeric:tabular-nums}
        .pass{color:#2b6e48;font-weight:600}.fail{color:#a33b25;font-weight:600}
        tr.untrusted td{background:#fff4f0}tr.flagged td{background:#fffbe8}
        .flag{display:inline-block;font-size:.82rem;border-radius:3px;padding:0 .35rem;margin:.1rem 0}
        .flag.error{background:#fbe1da;color:#8a2a16}.flag.warning{background:#fff0c2;color:#6b5200}
        details.trainee{border:1px solid #e0e3e8;border-radius:4px;margin:.5rem 0;padding:.3rem .8rem}
        details.trainee summary{cursor:pointer;font-weight:600}
        pre.reply-text{white-space:pre-wrap;background:#f7f8fa;border-left:3px solid #b8c2d3;padding:.5rem .8rem;font:inherit}
        mark.good{background:#d5f0dc}mark.bad{background:#f9c9bd}
        ul.criteria{list-style:none;padding-left:0;font-size:.9rem}li.met{color:#2b6e48}li.missed,li.violated{color:#a33b25}
        li.rule{margin:.4rem 0}li.rule q{color:#444}
        footer{margin-top:2rem;color:#8a909a;font-size:.8rem}
        @media print{details.trainee{break-inside:avoid}details.trainee[open] summary~*{display:block}}
        """
}
