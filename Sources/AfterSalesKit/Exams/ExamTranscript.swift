import Foundation

/// A transcript file as read back: its header, its events with line numbers, and the chain check.
public struct ExamTranscript: Sendable {
    /// As given on the command line.
    public var path: String
    public var header: ExamEvent
    /// All events including the header, with 1-based line numbers.
    public var events: [(line: Int, event: ExamEvent)]
    public var chainBreak: ChainedLog.Break?
    /// Hash of the last line: what overrides refer to.
    public var lastHash: String

    /// Why a file could not be read as a transcript at all.
    public enum Problem: Error, Sendable, Equatable {
        case missing
        case unreadable(String)
        case empty
        case notUTF8
        /// The first line is not a transcript header.
        case noHeader
    }

    public static func read(_ url: URL, shownPath: String? = nil) throws(Problem) -> ExamTranscript {
        let shown = shownPath ?? url.path
        guard FileManager.default.fileExists(atPath: url.path) else { throw .missing }
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .unreadable(error.localizedDescription) }
        guard let text = String(data: data, encoding: .utf8) else { throw .notUTF8 }
        return try parse(text, path: shown)
    }

    public static func parse(_ text: String, path: String) throws(Problem) -> ExamTranscript {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw .empty }
        let (records, firstBreak, _) = ChainedLog.verify(text, as: ExamEvent.self)
        guard let first = records.first, first.line == 1, first.record.type == .header, first.record.exam != nil,
              first.record.trainee != nil, first.record.plan != nil else { throw .noHeader }
        let lastLine = text.split(separator: "\n").last.map { ChainedLog.split($0)?.hash ?? "" } ?? ""
        return ExamTranscript(path: path, header: first.record, events: records.map { ($0.line, $0.record) },
                              chainBreak: firstBreak, lastHash: lastLine)
    }

    public var trainee: String { header.trainee ?? "" }
    public var attempt: Int { header.attempt ?? 1 }
    public var examID: String { header.exam ?? "" }
    public var submitted: ExamEvent? { events.last { $0.event.type == .submitted }?.event }
}

/// Finds a trainee's earlier transcripts for an exam, to number the next attempt.
public enum ExamTranscriptFolder {
    /// The file name of an attempt: `<exam>.<trainee-stem>.attempt<N>.jsonl`.
    public static func fileName(exam: String, trainee: String, attempt: Int) -> String {
        "\(exam).\(ExamTraineeName.fileStem(trainee)).attempt\(attempt).jsonl"
    }

    /// Attempt numbers already on file for this exam and trainee (read from the headers, not the names).
    public static func attempts(in folder: URL, exam: String, trainee: String) -> [Int] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let key = ExamTraineeName.key(trainee)
        return names.filter { $0.hasSuffix(".jsonl") && !$0.hasSuffix(".overrides.jsonl") }.sorted().compactMap { name in
            guard let transcript = try? ExamTranscript.read(folder.appendingPathComponent(name)),
                  transcript.examID == exam, ExamTraineeName.key(transcript.trainee) == key else { return nil }
            return transcript.attempt
        }
    }
}
