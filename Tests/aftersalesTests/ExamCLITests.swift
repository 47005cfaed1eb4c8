import Foundation
import Testing

/// The instructor's whole day, through the built binary: write a spec, three trainees take it through
/// piped stdin, `exam grade` prints the table and writes CSV and HTML, an override is recorded, and an
/// edited transcript is caught.
@Suite("Exam command line, end to end", .serialized)
struct ExamCLITests {
    static let packageRoot = Binary.packageRoot

    /// The binary run in a class folder, as an instructor would, with the shipped content and English output.
    static func run(_ arguments: [String], input: String = "", in folder: URL) throws -> Binary.Result {
        try Binary.launch(arguments + ["--content", packageRoot.path, "--lang", "en"], input: input, in: folder,
                          environment: ["PATH": "/usr/bin:/bin", "HOME": folder.path, "NO_COLOR": "1", "LANG": "C.UTF-8",
                                        "USER": "instructor", "XDG_DATA_HOME": folder.appendingPathComponent("data").path])
    }

    static let spec = """
        id: claims-check
        title: {en: "Claims check", zh: "索赔考核"}
        scenarios: [atoz-not-received]
        seed: 3
        time_limit: 30
        pass_mark: 60
        attempts: 2
        grading: highest
        show_result: true
        """

    /// Three trainees, three different ways through the A-to-z scenario.
    static let sessions: [(name: String, input: String)] = [
        ("Wang Li", "1\n1\nHi Dana, I'm so sorry your blender hasn't arrived - that's on us. The UPS tracking shows it stuck at a hub.\nI will send a replacement by express today and post the new tracking here.\nReply to this message if you have questions.\n.\n1\n"),
        ("张伟", "2\n"),
        ("Maria Garcia", "1\n3\nSorry Dana, I will refund you.\n.\n2\n"),
    ]

    static func classroom() throws -> (folder: URL, transcripts: [String]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aftersales-exam-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try spec.write(to: folder.appendingPathComponent("claims-check.yaml"), atomically: true, encoding: .utf8)
        for (name, input) in sessions {
            let result = try run(["exam", "take", "claims-check.yaml", "--trainee", name], input: input, in: folder)
            #expect(result.status == 0, "\(name): \(result.stderr)")
            #expect(result.stdout.contains("Exam handed in."))
            #expect(result.stdout.contains("Your score: "))
            #expect(!result.stdout.contains("\u{1B}"))
        }
        let results = folder.appendingPathComponent("results")
        let names = try FileManager.default.contentsOfDirectory(atPath: results.path).filter { $0.hasSuffix(".jsonl") }.sorted()
        return (folder, names.map { "results/" + $0 })
    }

    @Test func threeTraineesTakeTheExamAndTheClassIsGraded() throws {
        let (folder, transcripts) = try Self.classroom()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(transcripts.count == 3)
        for path in transcripts {
            let mode = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(path).path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(path) must be private")
        }
        let folderMode = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("results").path)[.posixPermissions] as? Int
        #expect(folderMode == 0o700)

        let graded = try Self.run(["exam", "grade"] + transcripts + ["--csv", "class.csv", "--html", "class.html"], in: folder)
        #expect(graded.status == 0, "\(graded.stderr)")
        let table = graded.stdout
        #expect(table.contains("=== Class report: Claims check (claims-check) ==="))
        #expect(table.contains("3 trainees graded"))
        for name in ["Wang Li", "张伟", "Maria Garcia"] { #expect(table.contains(name)) }
        let wang = try #require(table.split(separator: "\n").first { $0.contains("Wang Li") })
        #expect(wang.contains("100") && wang.contains("pass"))
        let zhang = try #require(table.split(separator: "\n").first { $0.contains("张伟") })
        #expect(zhang.contains("fail"))
        #expect(table.contains("Decision points"))
        #expect(table.contains("atoz-not-received / notice: answered by 3"))
        #expect(table.contains("Rules the class broke most:"))
        #expect(table.contains("claims.answer-buyer-48h"))

        let csv = try Data(contentsOf: folder.appendingPathComponent("class.csv"))
        #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let csvText = String(decoding: csv.dropFirst(3), as: UTF8.self)
        #expect(csvText.hasPrefix("Trainee,Score %,Result,A-to-z claims,Time used (min),Attempts,atoz-not-received,Flags\r\n"))
        #expect(csvText.contains("\r\n张伟,"))

        let html = try String(contentsOf: folder.appendingPathComponent("class.html"), encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        for name in ["Wang Li", "张伟", "Maria Garcia"] { #expect(html.contains(name)) }
        #expect(html.contains("id=\"histogram-chart\""))

        let json = try Self.run(["exam", "grade", "--json"] + transcripts, in: folder)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((object?["trainees"] as? [Any])?.count == 3)
        let again = try Self.run(["exam", "grade", "--json"] + transcripts, in: folder)
        #expect(again.stdout == json.stdout, "grading is deterministic")
    }

    @Test func overridesAttemptsAndAnEditedTranscript() throws {
        let (folder, transcripts) = try Self.classroom()
        defer { try? FileManager.default.removeItem(at: folder) }
        let zhang = try #require(transcripts.first { $0.contains("trainee-") }, "the Chinese name gets a hashed file stem")

        let noReason = try Self.run(["exam", "override", zhang, "--item", "atoz-not-received", "--points", "5", "--reason", " "], in: folder)
        #expect(noReason.status == 1)
        #expect(noReason.stderr.contains("--reason is required"))
        let tooMany = try Self.run(["exam", "override", zhang, "--item", "atoz-not-received", "--points", "50", "--reason", "x"], in: folder)
        #expect(tooMany.stderr.contains("50 points is out of range: 0 to 10"))
        let before = try String(contentsOf: folder.appendingPathComponent(zhang), encoding: .utf8)
        let override = try Self.run(["exam", "override", zhang, "--item", "atoz-not-received", "--points", "5",
                                     "--reason", "Tracking page was down during the exam"], in: folder)
        #expect(override.status == 0, "\(override.stderr)")
        #expect(override.stdout.contains("Override recorded for 张伟"))
        #expect(try String(contentsOf: folder.appendingPathComponent(zhang), encoding: .utf8) == before)

        // A second attempt is numbered 2; a third is refused (the spec allows two).
        let second = try Self.run(["exam", "take", "claims-check.yaml", "--trainee", "Maria Garcia"], input: "1\n1\nSorry, a replacement today. Reply to this message.\n.\n1\n", in: folder)
        #expect(second.stdout.contains("attempt 2"))
        let third = try Self.run(["exam", "take", "claims-check.yaml", "--trainee", "maria garcia"], input: "", in: folder)
        #expect(third.status == 1)
        #expect(third.stderr.contains("has used all 2 attempts"))

        // Edit Wang Li's transcript: pretend the first choice was the second.
        let wangPath = try #require(transcripts.first { $0.contains("wang-li") })
        let wangURL = folder.appendingPathComponent(wangPath)
        var lines = try String(contentsOf: wangURL, encoding: .utf8).components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.contains("\"type\":\"choice\"") })
        lines[index] = lines[index].replacingOccurrences(of: "\"number\":1", with: "\"number\":2")
        try lines.joined(separator: "\n").write(to: wangURL, atomically: true, encoding: .utf8)

        let all = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("results").path).sorted().map { "results/" + $0 }
        let graded = try Self.run(["exam", "grade"] + all + ["results/missing.jsonl"], in: folder)
        #expect(graded.status == 0)
        #expect(graded.stdout.contains("Wang Li: line \(index + 1) was edited after it was written (hash mismatch): not trusted"))
        #expect(graded.stdout.contains("results/missing.jsonl: no such file"))
        #expect(graded.stdout.contains("Instructor overrides:"))
        #expect(graded.stdout.contains("张伟, atoz-not-received:"))
        #expect(graded.stdout.contains("→ 5 points — Tracking page was down during the exam (instructor)"))
        let maria = try #require(graded.stdout.split(separator: "\n").first { $0.contains("Maria Garcia") })
        #expect(maria.contains("2/2"), "both of Maria's attempts count (highest)")
        #expect(graded.stdout.contains("2 trainees graded"), "the edited transcript is shown but kept out of the statistics")
    }

    @Test func gradingNothingFailsClearly() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aftersales-exam-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Self.run(["exam", "grade"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("No transcripts to grade."))
        let broken = try Self.run(["exam", "take", "nope.yaml", "--trainee", "Ann"], in: folder)
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("nope.yaml:1:1: error: AS0020 cannot read the exam spec"))
    }
}
