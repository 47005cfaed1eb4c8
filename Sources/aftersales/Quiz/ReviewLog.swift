import AfterSalesKit
import Foundation

/// Where review results are kept until the progress log (issue 6) takes over: one JSON object per line in
/// `$XDG_DATA_HOME/aftersales/reviews.jsonl` (mode 0600), `{"type": "review.rated", card, rating, seconds, due,
/// stability, difficulty, time}`, plus `{"type": "rules.broken", rules, time, scenario}` and
/// `{"type": "criterion.observed", criterion, rule, met, time, scenario, node}` lines from finished scenarios.
/// Lines that cannot be read are skipped and counted, never rewritten.
struct ReviewLog {
    let url: URL

    init(environment: [String: String]) {
        url = DataFolder.url(environment).appendingPathComponent("reviews.jsonl")
    }

    struct Contents {
        var events: [ReviewEvent] = []
        var lapses: [RuleLapse] = []
        var observations: [CriterionObservation] = []
        var unreadable = 0
    }

    private struct Line: Codable {
        var type: String
        var card: ReviewCardID?
        var rating: FSRSRating?
        var seconds: Double?
        var due: Date?
        var stability: Double?
        var difficulty: Double?
        var time: Date
        var rules: [String]?
        var scenario: String?
        var criterion: String?
        var rule: String?
        var met: Bool?
        var node: String?
    }

    func read() -> Contents {
        var contents = Contents()
        guard let data = FileManager.default.contents(atPath: url.path) else { return contents }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        for raw in data.split(separator: UInt8(ascii: "\n")) where !raw.isEmpty {
            guard let line = try? decoder.decode(Line.self, from: Data(raw)) else {
                contents.unreadable += 1
                continue
            }
            switch line.type {
            case "review.rated":
                guard let card = line.card, let rating = line.rating else { contents.unreadable += 1; continue }
                contents.events.append(ReviewEvent(card: card, rating: rating, seconds: line.seconds, due: line.due ?? line.time,
                                                   stability: line.stability ?? 0, difficulty: line.difficulty ?? 0, time: line.time))
            case "rules.broken":
                contents.lapses.append(RuleLapse(rules: line.rules ?? [], time: line.time, scenario: line.scenario))
            case "criterion.observed":
                guard let criterion = line.criterion, let met = line.met else { contents.unreadable += 1; continue }
                contents.observations.append(CriterionObservation(criterion: criterion, rule: line.rule, met: met, time: line.time,
                                                                  scenario: line.scenario, node: line.node))
            default:
                continue
            }
        }
        return contents
    }

    func append(_ events: [ReviewEvent]) throws {
        try write(events.map {
            Line(type: "review.rated", card: $0.card, rating: $0.rating, seconds: $0.seconds, due: $0.due,
                 stability: $0.stability, difficulty: $0.difficulty, time: $0.time)
        })
    }

    /// Records what a finished scenario teaches review: broken rules and how each reply criterion went.
    func append(_ lessons: ScenarioLessons) throws {
        var lines: [Line] = []
        if let lapse = lessons.lapse {
            lines.append(Line(type: "rules.broken", time: lapse.time, rules: lapse.rules, scenario: lapse.scenario))
        }
        for o in lessons.observations {
            lines.append(Line(type: "criterion.observed", time: o.time, scenario: o.scenario, criterion: o.criterion, rule: o.rule,
                              met: o.met, node: o.node))
        }
        try write(lines)
    }

    /// Records a finished scenario run (nil when the trainee stopped early: nothing is recorded).
    static func record(_ run: ScenarioRun?, context: AppContext) {
        guard let run else { return }
        let log = ReviewLog(environment: context.environment)
        do {
            try log.append(ScenarioLessons(run: run, time: Date()))
        } catch {
            standardError(context.strings("review.save_failed", ["file": log.url.path, "error": "\(error)"]))
        }
    }

    private func write(_ lines: [Line]) throws {
        guard !lines.isEmpty else { return }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = Data()
        for line in lines {
            data.append(try encoder.encode(line))
            data.append(UInt8(ascii: "\n"))
        }
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        if !FileManager.default.fileExists(atPath: url.path) {
            FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: data)
        try handle.synchronize()
    }
}
