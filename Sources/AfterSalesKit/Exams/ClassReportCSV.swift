import Foundation

/// The class table as CSV that spreadsheet programs open correctly: RFC 4180 (fields with commas, quotes
/// or line breaks quoted, quotes doubled, CRLF line ends) in UTF-8 with a byte-order mark, so Excel shows
/// Chinese names instead of mojibake. Text cells that a spreadsheet would run as a formula (starting with
/// `=`, `+`, `-`, `@`, tab or CR) get a leading apostrophe: transcript content is never trusted.
public struct ClassReportCSV: Sendable {
    public var report: ClassReport
    public var strings: StringTable

    public init(report: ClassReport, strings: StringTable) {
        self.report = report
        self.strings = strings
    }

    public static let byteOrderMark = "\u{FEFF}"

    public func render() -> String {
        let s = strings
        var itemIDs: [String] = []
        for row in report.trainees { for item in row.attempt.items where !itemIDs.contains(item.id) { itemIDs.append(item.id) } }
        var rows: [[String]] = []
        rows.append([s("exam.col.trainee"), s("exam.col.score"), s("exam.col.result")] + report.topics.map(\.title)
                    + [s("exam.col.time_minutes"), s("exam.col.attempts")] + itemIDs + [s("exam.col.flags")])
        for row in report.trainees {
            var cells = [Self.text(row.name), ExamResultLines.percent(row.percent), s(row.passed ? "exam.pass" : "exam.fail")]
            cells += report.topics.map { row.topics[$0.id].map(ExamResultLines.percent) ?? "" }
            cells.append(row.timeUsed.map { ExamResultLines.points($0 / 60) } ?? "")
            cells.append("\(row.attemptsCounted)/\(row.attemptsOnFile)")
            cells += itemIDs.map { id in row.attempt.item(id).map { ExamResultLines.points($0.earned) } ?? "" }
            cells.append(Self.text(row.flags.map(\.message).joined(separator: "; ")))
            rows.append(cells)
        }
        return Self.byteOrderMark + rows.map { $0.map(Self.field).joined(separator: ",") + "\r\n" }.joined()
    }

    /// One field, quoted when RFC 4180 requires it.
    public static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Neutralises text that a spreadsheet would take for a formula.
    public static func text(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return value }
        return "'" + value
    }
}
