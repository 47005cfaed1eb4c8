import AfterSalesKit
import ArgumentParser
import Foundation
import Terminal

/// `aftersales review [--limit N]`: the spaced-repetition queue (FSRS-6): due items first, then new ones.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "review", abstract: "Review what is due (spaced repetition), then new questions.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "New questions per day (default 10).")
    var limit: Int = 10

    func validate() throws {
        guard limit >= 0 else { throw ValidationError("--limit cannot be negative") }
    }

    func run() throws {
        let context = try AppContext.load(global)
        let reader = makeReader(context)
        defer { reader.close() }
        try QuizRunner.review(context: context, reader: reader, newLimit: limit, seed: global.seed ?? 0,
                              progress: ProgressSession(context: context, options: global))
    }
}

extension QuizRunner {
    /// The review queue from the trainee's progress: due items first, then new ones up to `newLimit`.
    static func queue(context: AppContext, bank: QuizBank, progress: ProgressSession, newLimit: Int)
        -> (queue: ReviewQueue, skills: [String: ReviewDriver.SkillInfo], now: Date)
    {
        let log = ReviewLog(progress: progress)
        let stored = log.read()
        if stored.unreadable > 0 {
            standardError(context.strings("review.unreadable_lines", ["count": "\(stored.unreadable)", "file": progress.log?.path ?? ""]))
        }
        // AFTERSALES_NOW (ISO 8601) fixes the clock, for tests and demonstrations of what falls due later.
        let now = context.environment["AFTERSALES_NOW"].flatMap { ISO8601DateFormatter().date(from: $0) } ?? Date()
        let order = Dictionary(bank.vocabulary.topics.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let items = bank.questions.enumerated()
            .sorted { (order[$0.element.topic] ?? 99, $0.offset) < (order[$1.element.topic] ?? 99, $1.offset) }
            .map { (id: $0.element.id, rules: $0.element.rules) }
        let tracker = SkillTracker()
        let skillEvents = tracker.events(from: stored.observations)
        let practice = tracker.practice(from: stored.observations)
        let skillIDs = Set(skillEvents.map(\.card.id))
        let ruleOf = Dictionary(stored.observations.map { ($0.criterion, $0.rule) }, uniquingKeysWith: { _, last in last })
        let skills = Dictionary(uniqueKeysWithValues: skillIDs.map { id in
            (id, ReviewDriver.SkillInfo(title: nil, rule: ruleOf[id] ?? nil, practice: practice[id]))
        })
        let queue = ReviewQueue.build(items: items, skills: skillIDs, events: stored.events + skillEvents, lapses: stored.lapses, now: now,
                                      dayStart: ReviewQueue.startOfDay(now, timeZone: .current), newLimit: newLimit)
        return (queue, skills, now)
    }

    static func review(context: AppContext, reader: LineReader, newLimit: Int, seed: UInt64, progress: ProgressSession) throws {
        let bank = QuizContent.load(context)
        let log = ReviewLog(progress: progress)
        let (queue, skills, now) = queue(context: context, bank: bank, progress: progress, newLimit: newLimit)
        let fixed = context.environment["AFTERSALES_NOW"] != nil ? now : nil
        let clock: @Sendable () -> Date = { fixed ?? Date() }
        let interactive = reader is ReadlineReader
        var driver = ReviewDriver(queue: queue, questions: bank.questions, skills: skills, strings: context.strings, vocabulary: bank.vocabulary,
                                  timeZone: .current, seed: seed, easyWithin: interactive ? 15 : nil, clock: clock)
        DriverRunner.run(&driver, context: context, reader: reader) { driver in
            log.append(driver.takeEvents())
        }
    }
}
