import Foundation
import Testing

/// Every seed input and every crasher the fuzzers ever found is replayed through its target on each test run.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    @Test(arguments: ["content", "grader", "progress"])
    func corpusAndCrashersReplayWithoutCrashing(_ target: String) throws {
        let fuzz = Binary.url.deletingLastPathComponent().appendingPathComponent("aftersales-fuzz")
        let root = Binary.packageRoot.appendingPathComponent("Fuzz")
        var inputs: [String] = []
        for folder in ["corpus/\(target)", "crashers"] {
            let url = root.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            inputs += names.filter { folder != "crashers" || $0.hasPrefix("\(target)-") }.sorted().map { url.appendingPathComponent($0).path }
        }
        guard !inputs.isEmpty else { return }
        let process = Process()
        process.executableURL = fuzz
        process.arguments = inputs
        process.environment = ["FUZZ_TARGET": target]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(target): \(text.suffix(2000))")
        #expect(text.contains("replayed \(inputs.count) inputs"))
    }
}
