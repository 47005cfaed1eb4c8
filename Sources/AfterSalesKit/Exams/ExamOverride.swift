import Foundation

/// An instructor's change to one item's points, with the reason, kept in a file beside the transcript
/// (`NAME.overrides.jsonl` for `NAME.jsonl`): the transcript itself is never touched. The overrides file
/// is hash-chained like a transcript; for each item the latest override wins, and grading reports them all.
public struct ExamOverride: Sendable, Codable, Equatable, ChainedRecord {
    public var prev: String = ChainedLog.genesis
    /// Hash of the transcript's last line when the override was made: ties it to that exact transcript.
    public var transcript: String
    public var trainee: String
    public var attempt: Int
    public var item: String
    public var points: Double
    public var reason: String
    public var at: String
    public var by: String?

    public init(transcript: String, trainee: String, attempt: Int, item: String, points: Double, reason: String, at: String, by: String?) {
        self.transcript = transcript
        self.trainee = trainee
        self.attempt = attempt
        self.item = item
        self.points = points
        self.reason = reason
        self.at = at
        self.by = by
    }
}

public enum ExamOverrides {
    public enum Problem: Error, Sendable, Equatable {
        case emptyReason
        case unknownItem(String, known: [String])
        case pointsOutOfRange(Double, max: Double)
        /// The overrides file is damaged; nothing is appended to a damaged chain.
        case damaged(ChainedLog.Break)
        case write(String)
    }

    /// `results/x.jsonl` → `results/x.overrides.jsonl`.
    public static func url(for transcript: URL) -> URL {
        let name = transcript.lastPathComponent
        let stem = name.hasSuffix(".jsonl") ? String(name.dropLast(6)) : name
        return transcript.deletingLastPathComponent().appendingPathComponent(stem + ".overrides.jsonl")
    }

    public static func isOverridesFile(_ path: String) -> Bool { path.hasSuffix(".overrides.jsonl") }

    /// Reads the overrides of a transcript; a missing file means none.
    public static func read(for transcript: URL) -> (overrides: [ExamOverride], damage: ChainedLog.Break?) {
        guard let data = try? Data(contentsOf: url(for: transcript)) else { return ([], nil) }
        let (records, firstBreak, _) = ChainedLog.verify(String(decoding: data, as: UTF8.self), as: ExamOverride.self)
        return (records.map(\.record), firstBreak)
    }

    /// Checks and appends one override. Points are for the item, between 0 and its maximum.
    public static func append(to transcript: ExamTranscript, at url: URL, item: String, points: Double, reason: String,
                              time: String, by: String?) throws(Problem) -> ExamOverride {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw .emptyReason }
        let plan = transcript.header.plan ?? []
        guard let planned = plan.first(where: { $0.id == item }) else { throw .unknownItem(item, known: plan.map(\.id)) }
        guard points.isFinite, points >= 0, points <= planned.points else { throw .pointsOutOfRange(points, max: planned.points) }
        let file = ExamOverrides.url(for: url)
        var last = ChainedLog.genesis
        if let data = try? Data(contentsOf: file) {
            let text = String(decoding: data, as: UTF8.self)
            let (records, damage, _) = ChainedLog.verify(text, as: ExamOverride.self)
            if let damage { throw .damaged(damage) }
            if !records.isEmpty, let line = text.split(separator: "\n").last, let hash = ChainedLog.split(line)?.hash { last = hash }
        }
        let record = ExamOverride(transcript: transcript.lastHash, trainee: transcript.trainee, attempt: transcript.attempt,
                                  item: item, points: points, reason: reason, at: time, by: by)
        do {
            let sink = try FileLogSink(path: file.path, exclusive: false)
            try ChainedLogWriter<ExamOverride>(sink: sink, lastHash: last).append(record)
        } catch {
            throw .write("\(error)")
        }
        return record
    }
}
