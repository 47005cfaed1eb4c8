import AfterSalesKit
import Foundation

/// Any bytes as a scenario file: parse, decode, lint. Errors are fine; crashes and hangs are not.
enum FuzzContent {
    static func run(_ data: Data) {
        guard let text = String(data: data, encoding: .utf8) else { return }
        guard let document = try? YAMLDocument(file: "fuzz.yaml", text: text) else { return }
        guard let scenario = try? document.decode(Scenario.self) else { return }
        var library = ContentLibrary(root: URL(fileURLWithPath: "/nonexistent"))
        library.scenarios[scenario.id] = Located(value: scenario, document: document, path: [])
        _ = ContentLinter(library: library).run()
        // Play it too: the runner must cope with whatever the linter would have rejected.
        var run = ScenarioRun(scenario: scenario, seed: 1)
        for step in 0..<50 where !run.isFinished {
            switch run.step {
            case .decide(_, let offered):
                guard !offered.isEmpty else { return }
                try? run.choose(offered[step % offered.count].number)
            case .write(_, let spec):
                try? run.reply("x", grade: GradeReport(rubric: spec.rubric, score: step * 13 % 101, verdict: .acceptable))
            case .ended:
                return
            }
        }
    }
}
