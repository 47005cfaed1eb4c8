/// Something grading noticed about a transcript. Errors make an attempt untrusted: it is still graded
/// and shown, but counts in no grade and no class statistic. Warnings are reported; the grade stands.
public struct ExamFlag: Sendable, Codable, Equatable, Hashable {
    public enum Code: String, Sendable, Codable, CaseIterable {
        /// The hash chain is broken: a line was edited, removed, inserted or cut off.
        case chainEdited = "chain-edited"
        case chainUnlinked = "chain-unlinked"
        case chainMalformed = "chain-malformed"
        /// The content files differ from those the exam was taken with (re-graded with today's content).
        case contentChanged = "content-changed"
        /// The spec file differs from the one the exam was taken under.
        case specChanged = "spec-changed"
        /// An answer time-stamped after the time limit plus grace: the session never writes one.
        case lateAnswer = "late-answer"
        /// Time stamps that go backwards.
        case timeBackwards = "time-backwards"
        /// No `submitted` line: the session ended abnormally (or the last lines were removed).
        case notSubmitted = "not-submitted"
        /// A recorded choice or reply no longer fits the scenario (content changed); graded up to there.
        case replayDiverged = "replay-diverged"
        /// An answer for an item not on the trainee's paper, or a second answer to the same item.
        case unexpectedAnswer = "unexpected-answer"
        /// An item of the paper that today's content no longer has.
        case itemMissing = "item-missing"
        /// The overrides file is damaged: its overrides are not applied.
        case overridesDamaged = "overrides-damaged"
        /// An override that cannot be applied (unknown item, points out of range, other transcript).
        case overrideRejected = "override-rejected"
        /// This trainee has more attempts on file than the spec allows; the extra ones are not counted.
        case extraAttempt = "extra-attempt"
    }

    public enum Severity: String, Sendable, Codable { case error, warning }

    public var code: Code
    public var line: Int?
    /// Values for the message placeholders (item, node, detail…).
    public var detail: [String: String]

    public init(_ code: Code, line: Int? = nil, _ detail: [String: String] = [:]) {
        self.code = code
        self.line = line
        self.detail = detail
    }

    public var severity: Severity {
        switch code {
        case .chainEdited, .chainUnlinked, .chainMalformed, .lateAnswer, .timeBackwards, .unexpectedAnswer, .overridesDamaged:
            return .error
        case .contentChanged, .specChanged, .notSubmitted, .replayDiverged, .itemMissing, .overrideRejected, .extraAttempt:
            return .warning
        }
    }

    /// The message in the interface language (`exam.flag.<code>`), with the line number when there is one.
    public func message(_ strings: StringTable) -> String {
        var values = detail
        if let line { values["line"] = "\(line)" }
        let text = strings("exam.flag.\(code.rawValue)", values)
        // A flag carried over from another attempt of the trainee names that attempt's file.
        if let file = detail["file"], !(strings.entries["exam.flag.\(code.rawValue)"] ?? "").contains("{file}") {
            return text + " (\(file))"
        }
        return text
    }
}
