import Foundation
import Testing

@testable import AfterSalesKit

@Suite("Exam transcripts: hash chain")
struct ExamTranscriptTests {
    static func sample() throws -> String {
        let spec = try ExamFixtures.spec(ExamFixtures.quizSpec)
        return try ExamFixtures.take(spec, trainee: "Ann", steps: [(1, "1"), (1, "2"), (1, "1"), (1, "1"), (1, "2")]).text
    }

    static func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    @Test func anUntouchedTranscriptVerifies() throws {
        let text = try Self.sample()
        let transcript = try ExamFixtures.transcript(text)
        #expect(transcript.chainBreak == nil)
        #expect(transcript.header.trainee == "Ann")
        #expect(transcript.header.plan?.map(\.id) == ["q1", "q2", "q3", "q4", "q5"])
        #expect(transcript.submitted?.reason == .finished)
        // Each line names the previous line's hash, and its own hash is that of the rest of the line.
        let lines = Self.lines(text)
        var previous = ChainedLog.genesis
        for line in lines {
            let (hash, body) = try #require(ChainedLog.split(Substring(line)))
            #expect(Hashing.sha256Hex(body) == hash)
            #expect(body.contains("\"prev\":\"\(previous)\""))
            previous = hash
        }
    }

    @Test func editingOneLineIsFlaggedWithItsLineNumber() throws {
        var lines = Self.lines(try Self.sample())
        // Line 5 is q2's answer ("2", wrong); make it right.
        #expect(lines[4].contains("\"answer\":\"2\""))
        lines[4] = lines[4].replacingOccurrences(of: "\"answer\":\"2\"", with: "\"answer\":\"1\"")
        let transcript = try ExamFixtures.transcript(lines.joined(separator: "\n") + "\n")
        #expect(transcript.chainBreak == ChainedLog.Break(line: 5, kind: .edited))
    }

    @Test func recomputingTheEditedLinesHashBreaksTheNextLink() throws {
        var lines = Self.lines(try Self.sample())
        let (_, body) = try #require(ChainedLog.split(Substring(lines[4])))
        let edited = body.replacingOccurrences(of: "\"answer\":\"2\"", with: "\"answer\":\"1\"")
        lines[4] = "{\"hash\":\"\(Hashing.sha256Hex(edited))\"," + edited.dropFirst()
        let transcript = try ExamFixtures.transcript(lines.joined(separator: "\n") + "\n")
        #expect(transcript.chainBreak == ChainedLog.Break(line: 6, kind: .unlinked))
    }

    @Test func removedReorderedAndCutLinesAreFlagged() throws {
        let lines = Self.lines(try Self.sample())
        var removed = lines
        removed.remove(at: 3)
        #expect(try ExamFixtures.transcript(removed.joined(separator: "\n") + "\n").chainBreak == ChainedLog.Break(line: 4, kind: .unlinked))

        var swapped = lines
        swapped.swapAt(3, 4)
        #expect(try ExamFixtures.transcript(swapped.joined(separator: "\n") + "\n").chainBreak == ChainedLog.Break(line: 4, kind: .unlinked))

        let cut = lines.dropLast().joined(separator: "\n") + "\n" + lines.last!.prefix(40)
        #expect(try ExamFixtures.transcript(cut).chainBreak == ChainedLog.Break(line: lines.count, kind: .malformed))
    }

    @Test func notATranscriptIsRefusedClearly() throws {
        #expect(throws: ExamTranscript.Problem.empty) { try ExamTranscript.parse("\n", path: "x") }
        #expect(throws: ExamTranscript.Problem.noHeader) { try ExamTranscript.parse("hello\nworld\n", path: "x") }
        let missing = ExamFixtures.temporaryFolder().appendingPathComponent("nope.jsonl")
        #expect(throws: ExamTranscript.Problem.missing) { try ExamTranscript.read(missing) }
    }

    @Test func transcriptFilesAreCreatedPrivateAndNeverReopened() throws {
        let folder = ExamFixtures.temporaryFolder()
        let path = folder.appendingPathComponent("a.jsonl").path
        let sink = try FileLogSink(path: path, exclusive: true)
        try sink.append("{}\n")
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(throws: FileLogSink.Failure.self) { try FileLogSink(path: path, exclusive: true) }
    }

    @Test func fileNamesAreSafeAndDistinctForEveryName() {
        let a = ExamTranscriptFolder.fileName(exam: "week-1", trainee: "Wang Li", attempt: 2)
        #expect(a.hasPrefix("week-1.wang-li-") && a.hasSuffix(".attempt2.jsonl"))
        let b = ExamTranscriptFolder.fileName(exam: "week-1", trainee: "张伟", attempt: 1)
        let c = ExamTranscriptFolder.fileName(exam: "week-1", trainee: "王芳", attempt: 1)
        #expect(b != c)
        #expect(!ExamTranscriptFolder.fileName(exam: "e", trainee: "../../etc/passwd", attempt: 1).contains("/"))
    }

    @Test func timestampsAreISOUTCWithMilliseconds() {
        #expect(ExamTime.iso(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(ExamTime.iso(Date(timeIntervalSince1970: 1_767_225_600.25)) == "2026-01-01T00:00:00.250Z")
        #expect(ExamTime.iso(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00.000Z")
        #expect(ExamTime.clock(seconds: 605) == "10:05")
        #expect(ExamTime.clock(seconds: 3_725) == "1:02:05")
    }
}
