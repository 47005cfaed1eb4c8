import AfterSalesKit
import Foundation

/// Any bytes as a reply, graded against every rubric (content from FUZZ_CONTENT, default: the current folder).
enum FuzzGrader {
    static let grader: Grader = {
        let root = URL(fileURLWithPath: ProcessInfo.processInfo.environment["FUZZ_CONTENT"] ?? FileManager.default.currentDirectoryPath)
        let library = (try? ContentLoader(root: root).load()) ?? ContentLibrary(root: root)
        return Grader(content: GradingContent.load(root: root).0, library: library)
    }()

    static func run(_ data: Data) {
        for rubric in grader.content.rubricIDs {
            let report = grader.grade(data: data, rubric: rubric, variables: ["buyer": "Dana", "product": "kettle"], context: [:], language: .en)
            precondition((0...100).contains(report.score), "score out of range")
            _ = GradeOutput.json(report)
        }
    }
}
