import AfterSalesKit
import ArgumentParser
import Foundation
import Terminal

/// `aftersales quiz [--topic T] [--count N] [--seed N]`: a quiz straight away, from a terminal or a pipe.
struct QuizCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "quiz", abstract: "Answer quiz questions on deadlines, amounts, steps and rules.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Only questions on this topic: claims, apology, returns, reviews or policy.")
    var topic: String?

    @Option(name: .long, help: "How many questions (default 10).")
    var count: Int = 10

    func validate() throws {
        guard count >= 1 else { throw ValidationError("--count must be at least 1") }
    }

    func run() throws {
        let context = try AppContext.load(global)
        let progress = try ProgressSession(context: context, options: global)
        let reader = makeReader(context)
        QuizRunner.quiz(context: context, reader: reader, topic: topic, count: count, seed: global.seed ?? 0, progress: progress)
        reader.close()
    }
}

/// The quiz and review sessions, shared by the subcommands and the REPL.
enum QuizRunner {
    static func quiz(context: AppContext, reader: LineReader, topic: String?, count: Int, seed: UInt64, progress: ProgressSession) {
        let bank = QuizContent.load(context)
        if let topic, !bank.vocabulary.topics.contains(topic) {
            context.console.line(context.strings("quiz.unknown_topic", ["topic": topic, "topics": bank.vocabulary.topics.joined(separator: ", ")]), .yellow)
            return
        }
        let session = QuizSession(questions: bank.questions, topic: topic, count: count, seed: seed)
        var driver = QuizDriver(session: session, strings: context.strings, vocabulary: bank.vocabulary)
        var recorded = 0
        let byID = Dictionary(bank.questions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        DriverRunner.run(&driver, context: context, reader: reader) { driver in
            // Each answer is recorded as soon as it is judged; skipped questions are not answers.
            let results = driver.session.results
            while recorded < results.count {
                let result = results[recorded]
                recorded += 1
                guard result.mark != .skipped else { continue }
                let question = byID[result.question]
                progress.record(.quizAnswered(QuizAnswered(time: Timestamp(Date()), item: result.question, correct: result.mark == .correct,
                                                           rules: question?.rules ?? [], topic: question?.topic)))
            }
        }
    }
}
