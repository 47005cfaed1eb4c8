import Foundation
import Testing

/// Terminal and file safety: nothing from data reaches the terminal as a control sequence, nothing typed
/// on the command line reaches outside its folder, and the program never runs other programs.
@Suite("Terminal and file safety")
struct SafetyTests {
    static let escape = "\u{1B}]0;pwned\u{07}\u{1B}[2J\u{1B}[31m"

    /// A copy of the shipped content with control sequences planted in every kind of text the trainee reads.
    static func hostileContent() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("aftersales-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for folder in ["Content", "Scenarios"] {
            try FileManager.default.copyItem(at: Binary.packageRoot.appendingPathComponent(folder), to: root.appendingPathComponent(folder))
        }
        let file = root.appendingPathComponent("Scenarios/atoz-not-received.yaml")
        var text = try String(contentsOf: file, encoding: .utf8)
        let planted = "\\u001b]0;pwned\\u0007\\u001b[2J\\u001b[31m"
        for (from, to) in [
            ("  en: \"A-to-z claim: the order never arrived\"", "  en: \"A-to-z claim \(planted) never arrived\""),
            ("      same: \"Where is my blender??", "      same: \"Where \(planted) is my blender??"),
            ("          en: \"Right. Her message", "          en: \"Right \(planted). Her message"),
        ] {
            #expect(text.contains(from), "fixture text moved: \(from)")
            text = text.replacingOccurrences(of: from, with: to)
        }
        try text.write(to: file, atomically: true, encoding: .utf8)
        return root
    }

    static func assertClean(_ output: String, _ what: String) {
        #expect(!output.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B }, "\(what) printed a control sequence")
    }

    @Test func controlSequencesInContentNeverReachTheTerminal() throws {
        let root = try Self.hostileContent()
        defer { try? FileManager.default.removeItem(at: root) }
        let list = try Binary.run(["scenarios", "--content", root.path, "--lang", "en"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("never arrived"))
        Self.assertClean(list.stdout, "scenarios")
        let play = try Binary.run(["--content", root.path, "--lang", "en"], input: "play atoz-not-received\n1\n1\nSorry \u{1B}[2J refund today.\n.\nwhy\n1\nquit\n")
        #expect(play.stdout.contains("is my blender"))
        #expect(play.stdout.contains("Her message"))
        Self.assertClean(play.stdout + play.stderr, "play")
    }

    @Test func controlSequencesInAReplyAreNotEchoed() throws {
        let input = "play atoz-not-received\n1\n1\nHi Dana \u{1B}]0;owned\u{07} sorry \u{1B}[31mreplacement today.\n.\nwhy\nstop\nquit\n"
        let result = try Binary.run(["--lang", "en"], input: input)
        #expect(result.status == 0)
        Self.assertClean(result.stdout + result.stderr, "a graded reply")
    }

    @Test func scenarioIdsCannotNameAPath() throws {
        for id in ["../../etc/passwd", "/etc/passwd", "..", "a/b", "%2e%2e"] {
            let result = try Binary.run(["play", id, "--lang", "en"])
            #expect(result.status == 2, "play \(id)")
            #expect(result.stdout.contains("is not a scenario id"), "play \(id)")
        }
    }

    @Test func theProgramNeverRunsOtherPrograms() throws {
        let sources = Binary.packageRoot.appendingPathComponent("Sources")
        let forbidden = ["Process(", "popen(", "system(", "posix_spawn", "execv(", "execvp(", "NSTask"]
        var offenders: [String] = []
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        #expect(files.count > 50)
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for word in forbidden where text.contains(word) { offenders.append("\(file): \(word)") }
        }
        #expect(offenders.isEmpty, "\(offenders)")
    }
}
