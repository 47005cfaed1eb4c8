import Foundation
import Testing

/// Runs the built `aftersales` binary as a user's script would: stdin piped, stdout captured.
enum Binary {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `AFTERSALES_BIN`, else the `aftersales` built beside these tests (any scratch path), else `.build/debug`.
    static var url: URL {
        if let path = ProcessInfo.processInfo.environment["AFTERSALES_BIN"] { return URL(fileURLWithPath: path) }
        let candidates = [Bundle.main.executableURL, URL(fileURLWithPath: CommandLine.arguments[0])].compactMap { $0 }
        for candidate in candidates {
            var folder = candidate.deletingLastPathComponent()
            for _ in 0..<4 {
                let url = folder.appendingPathComponent("aftersales")
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
                folder = folder.deletingLastPathComponent()
            }
        }
        return packageRoot.appendingPathComponent(".build/debug/aftersales")
    }

    struct Result {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    /// Runs the binary in the package root with a clean environment plus `extra`.
    static func run(_ arguments: [String], input: String = "", environment extra: [String: String] = [:]) throws -> Result {
        var environment = ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory(), "NO_COLOR": "1", "LANG": "C.UTF-8",
                           "XDG_DATA_HOME": NSTemporaryDirectory() + "aftersales-cli-tests"]
        environment.merge(extra) { $1 }
        return try launch(arguments, input: input, in: packageRoot, environment: environment)
    }

    /// Runs the binary with exactly `environment`, in `folder`, feeding `input` on stdin.
    static func launch(_ arguments: [String], input: String, in folder: URL, environment: [String: String]) throws -> Result {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = environment
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self),
                      status: process.terminationStatus)
    }
}

@Suite("Command line, piped")
struct CLITests {
    @Test func pipedSessionPlaysAScenarioToItsEnding() throws {
        let input = """
            scenarios
            play atoz-not-received
            1
            1
            Hi Dana, I'm so sorry. I will send a replacement today.
            Reply to this message if you have questions.
            .
            1
            quit

            """
        let result = try Binary.run(["--lang", "en", "--seed", "1"], input: input)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(!result.stdout.contains("\u{1B}"), "no escape codes when output is not a terminal")
        #expect(!result.stdout.contains("aftersales>"), "no prompt noise when stdin is not a terminal")
        #expect(result.stdout.contains("Dana (buyer): Where is my blender??"))
        #expect(result.stdout.contains("=== Ending: Resolved ==="))
        #expect(result.stdout.contains("Score: "))
    }

    @Test func chineseInterfaceComesFromTheStringsFiles() throws {
        let result = try Binary.run(["--lang", "zh"], input: "help\nfrobnicate\n")
        #expect(result.status == 0)
        #expect(result.stdout.contains("命令："))
        #expect(result.stdout.contains("没有“frobnicate”这个命令"))
    }

    @Test func languageDefaultsFromTheLocale() throws {
        let result = try Binary.run([], input: "help\n", environment: ["LANG": "zh_CN.UTF-8"])
        #expect(result.stdout.contains("命令："))
    }

    @Test func pathLikeScenarioIdsAreRefused() throws {
        let result = try Binary.run(["--lang", "en"], input: "play ../../etc/passwd\nplay nope\n")
        #expect(result.stdout.contains("is not a scenario id"))
        #expect(result.stdout.contains("There is no scenario 'nope'"))
    }

    @Test func brokenContentExitsWithFileLineColumn() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("aftersales-broken-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Content"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Scenarios"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try "id: x\ntitle: [unclosed\n".write(to: root.appendingPathComponent("Scenarios/x.yaml"), atomically: true, encoding: .utf8)
        let result = try Binary.run(["scenarios", "--content", root.path, "--lang", "en"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("Scenarios/x.yaml:3:1: error: AS0001"))
        #expect(!result.stderr.contains("Fatal error"))
    }

    @Test func usageErrorsExitWithTwo() throws {
        let result = try Binary.run(["play"])
        #expect(result.status == 2)
    }

    /// Each `Golden/NAME.in` is piped into `aftersales --lang en --seed 1`; stdout must equal `NAME.out`.
    /// Set UPDATE_GOLDEN=1 to rewrite the expectations after a deliberate content change (and review the diff).
    @Test func goldenTranscripts() throws {
        let folder = Binary.packageRoot.appendingPathComponent("Tests/aftersalesTests/Golden")
        let inputs = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".in") }.sorted()
        #expect(!inputs.isEmpty)
        for name in inputs {
            let input = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let result = try Binary.run(["--lang", "en", "--seed", "1"], input: input)
            let expectedURL = folder.appendingPathComponent(name.replacingOccurrences(of: ".in", with: ".out"))
            if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
                try result.stdout.write(to: expectedURL, atomically: true, encoding: .utf8)
                continue
            }
            let expected = (try? String(contentsOf: expectedURL, encoding: .utf8)) ?? "(missing \(expectedURL.lastPathComponent))"
            #expect(result.stdout == expected, "golden transcript \(name) differs")
            #expect(result.status == 0)
        }
    }
}
