import Foundation

/// Grades a class: reads every transcript given, re-grades each, sets aside what cannot count (files that
/// are not transcripts, transcripts of another exam, the same attempt twice, attempts beyond the limit),
/// each with a clear problem, and combines each trainee's attempts by the spec's grading method.
/// The rest of the class is always graded.
public struct ExamClassGrader: Sendable {
    public let spec: LoadedExamSpec
    public let environment: ExamEnvironment

    public init(spec: LoadedExamSpec, environment: ExamEnvironment) {
        self.spec = spec
        self.environment = environment
    }

    public func grade(_ files: [(url: URL, shown: String)]) -> ExamClassResult {
        var problems: [FileProblem] = []
        var attempts: [GradedAttempt] = []
        var seen: [String: String] = [:]
        let grader = ExamGrader(spec: spec, environment: environment)
        for (url, shown) in files {
            if ExamOverrides.isOverridesFile(shown) { continue }
            let transcript: ExamTranscript
            do {
                transcript = try ExamTranscript.read(url, shownPath: shown)
            } catch {
                problems.append(FileProblem(file: shown, problem: error))
                continue
            }
            guard transcript.examID == spec.spec.id else {
                problems.append(FileProblem(file: shown, code: .otherExam, detail: ["exam": transcript.examID, "expected": spec.spec.id]))
                continue
            }
            let key = "\(ExamTraineeName.key(transcript.trainee))#\(transcript.attempt)"
            if let first = seen[key] {
                problems.append(FileProblem(file: shown, code: .duplicate, detail: ["trainee": transcript.trainee,
                                                                                   "attempt": "\(transcript.attempt)", "other": first]))
                continue
            }
            seen[key] = shown
            let (overrides, damage) = ExamOverrides.read(for: url)
            attempts.append(grader.grade(transcript, overrides: overrides, overridesDamage: damage))
        }
        if files.filter({ !ExamOverrides.isOverridesFile($0.shown) }).isEmpty {
            problems.append(FileProblem(file: "", code: .emptyClass, detail: [:]))
        }
        return ExamClassResult(trainees: combine(attempts), problems: problems)
    }

    /// Groups attempts by trainee; attempts beyond the allowed number are flagged and not counted;
    /// untrusted attempts count only when a trainee has no trusted one (and then the row is untrusted).
    public func combine(_ attempts: [GradedAttempt]) -> [TraineeResult] {
        let groups = Dictionary(grouping: attempts) { ExamTraineeName.key($0.trainee) }
        var rows: [TraineeResult] = []
        for (_, group) in groups {
            var ordered = group.sorted { ($0.attempt, $0.started, $0.file) < ($1.attempt, $1.started, $1.file) }
            var extra: [GradedAttempt] = []
            if let allowed = spec.spec.attempts, ordered.count > allowed {
                extra = Array(ordered[allowed...])
                ordered = Array(ordered[..<allowed])
            }
            let trusted = ordered.filter(\.trusted)
            let counted = trusted.isEmpty ? ordered : trusted
            guard let combined = AttemptCombiner.combine(counted, method: spec.spec.grading) else { continue }
            var flags = extra.map { ExamFlag(.extraAttempt, ["attempt": "\($0.attempt)", "allowed": "\(spec.spec.attempts ?? 0)", "file": $0.file]) }
            for attempt in ordered where attempt.file != combined.representative.file {
                flags += attempt.flags.filter { $0.severity == .error }.map { flag in
                    var copy = flag
                    copy.detail["file"] = attempt.file
                    return copy
                }
            }
            rows.append(TraineeResult(
                name: combined.representative.trainee, percent: combined.percent, passed: combined.percent >= spec.spec.passMark,
                topics: combined.topics, attempt: combined.representative, attemptsOnFile: group.count, attemptsCounted: counted.count,
                trusted: !trusted.isEmpty, extraFlags: flags))
        }
        return rows.sorted { (ExamTraineeName.key($0.name), $0.name) < (ExamTraineeName.key($1.name), $1.name) }
    }
}

/// A class after grading: one row per trainee and the files that could not count.
public struct ExamClassResult: Sendable {
    public var trainees: [TraineeResult]
    public var problems: [FileProblem]
}

public struct TraineeResult: Sendable, Codable {
    public var name: String
    /// The combined grade, 0–100.
    public var percent: Double
    public var passed: Bool
    public var topics: [String: Double]
    /// The attempt the details come from (see `AttemptCombiner`).
    public var attempt: GradedAttempt
    public var attemptsOnFile: Int
    public var attemptsCounted: Int
    /// False when every attempt of this trainee is untrusted: shown, but kept out of class statistics.
    public var trusted: Bool
    /// Flags about the trainee beyond those of the shown attempt (extra attempts, untrusted other attempts).
    public var extraFlags: [ExamFlag]

    public var flags: [ExamFlag] { attempt.flags + extraFlags }
}

/// A file that could not be graded, and why.
public struct FileProblem: Sendable, Codable, Equatable {
    public enum Code: String, Sendable, Codable {
        case missing, unreadable, empty
        case notUTF8 = "not-utf8"
        case noHeader = "no-header"
        case otherExam = "other-exam"
        case duplicate
        case emptyClass = "empty-class"
    }

    public var file: String
    public var code: Code
    public var detail: [String: String]

    public init(file: String, code: Code, detail: [String: String]) {
        self.file = file
        self.code = code
        self.detail = detail
    }

    init(file: String, problem: ExamTranscript.Problem) {
        switch problem {
        case .missing: self.init(file: file, code: .missing, detail: [:])
        case .unreadable(let reason): self.init(file: file, code: .unreadable, detail: ["detail": reason])
        case .empty: self.init(file: file, code: .empty, detail: [:])
        case .notUTF8: self.init(file: file, code: .notUTF8, detail: [:])
        case .noHeader: self.init(file: file, code: .noHeader, detail: [:])
        }
    }

    public func message(_ strings: StringTable) -> String {
        strings("exam.problem.\(code.rawValue)", detail.merging(["file": file]) { a, _ in a })
    }
}
