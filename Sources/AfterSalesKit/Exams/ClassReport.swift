import Foundation

/// Everything the instructor sees about a graded class: the table, item analysis, rule ranking, overrides
/// and problems. Built once from an `ExamClassResult`; rendered as a terminal table (by the CLI), CSV,
/// HTML and JSON. Messages are rendered here, in the report's language, so every output says the same.
public struct ClassReport: Sendable, Codable {
    public var exam: ExamSummary
    /// Topic ids in column order, with titles.
    public var topics: [TopicColumn]
    public var trainees: [TraineeRow]
    public var statistics: ClassStatistics
    public var items: [ItemStat]
    public var decisions: [DecisionStat]
    public var rules: [RuleStat]
    public var overrides: [OverrideRow]
    public var problems: [ProblemRow]

    public struct ExamSummary: Sendable, Codable {
        public var id: String
        public var title: String
        public var passMark: Double
        public var grading: GradingMethod
        public var specHash: String
        public var contentVersion: String
        public var language: String
    }

    public struct TopicColumn: Sendable, Codable, Equatable {
        public var id: String
        public var title: String
    }

    public struct TraineeRow: Sendable, Codable {
        public var name: String
        public var percent: Double
        public var passed: Bool
        public var topics: [String: Double]
        public var timeUsed: Double?
        public var attemptsOnFile: Int
        public var attemptsCounted: Int
        /// Kept out of statistics when false.
        public var trusted: Bool
        public var flags: [FlagRow]
        /// The attempt behind the details: items, replies with their evidence, decisions.
        public var attempt: GradedAttempt
    }

    public struct FlagRow: Sendable, Codable, Equatable {
        public var code: String
        public var severity: ExamFlag.Severity
        public var line: Int?
        public var message: String
    }

    public struct ClassStatistics: Sendable, Codable {
        /// Trusted trainees only.
        public var count: Int
        public var passed: Int
        public var mean: Double?
        public var median: Double?
        /// Ten bins: 0–9, 10–19, … 90–100 percent.
        public var histogram: [Int]
        /// Class mean percent per topic.
        public var topicMeans: [String: Double]
    }

    public struct ItemStat: Sendable, Codable, Equatable {
        public var id: String
        public var kind: ExamPlanItem.Kind
        public var topic: String
        public var count: Int
        public var facility: Double?
        public var discrimination: Double?
        public var flags: [ItemStatistics.Flag]
    }

    public struct DecisionStat: Sendable, Codable, Equatable {
        public var scenario: String
        public var node: String
        public var count: Int
        public var choices: [ChoiceCount]
        public var discrimination: Double?
        public var flags: [ItemStatistics.Flag]
    }

    public struct ChoiceCount: Sendable, Codable, Equatable {
        public var text: String
        public var count: Int
        /// How good the choice is among those offered (1 best, 0 worst); nil if nobody chose it.
        public var share: Double?
    }

    public struct RuleStat: Sendable, Codable, Equatable {
        public var rule: String
        public var title: String
        public var trainees: Int
        public var share: Double
        /// Fires on ≥ 80 % of a class of at least three: a hint of a false positive in the grader or content.
        public var nearlyEveryone: Bool
        public var examples: [RuleExample]
    }

    public struct RuleExample: Sendable, Codable, Equatable {
        public var trainee: String
        public var item: String
        public var source: RuleBreak.Source
        public var evidence: String
    }

    public struct OverrideRow: Sendable, Codable, Equatable {
        public var trainee: String
        public var attempt: Int
        public var item: String
        public var before: Double
        public var after: Double
        public var reason: String
        public var at: String
        public var by: String?
    }

    public struct ProblemRow: Sendable, Codable, Equatable {
        public var file: String
        public var code: String
        public var message: String
    }

    public static let nearlyEveryoneShare = 0.8
    public static let examplesPerRule = 3

    public static func build(_ result: ExamClassResult, spec: LoadedExamSpec, environment: ExamEnvironment) -> ClassReport {
        let s = environment.strings
        let language = environment.language
        let library = environment.library
        let rows = result.trainees.map { trainee in
            TraineeRow(name: trainee.name, percent: round2(trainee.percent), passed: trainee.passed, topics: trainee.topics.mapValues(round2),
                       timeUsed: trainee.attempt.timeUsed, attemptsOnFile: trainee.attemptsOnFile, attemptsCounted: trainee.attemptsCounted,
                       trusted: trainee.trusted,
                       flags: trainee.flags.map { FlagRow(code: $0.code.rawValue, severity: $0.severity, line: $0.line, message: $0.message(s)) },
                       attempt: trainee.attempt)
        }
        let counted = result.trainees.filter(\.trusted)
        let topicIDs = Set(result.trainees.flatMap { $0.topics.keys }).sorted()
        let topics = topicIDs.map { TopicColumn(id: $0, title: s("topic.\($0)")) }

        var histogram = Array(repeating: 0, count: 10)
        for trainee in counted { histogram[min(9, max(0, Int(trainee.percent / 10)))] += 1 }
        let percents = counted.map(\.percent).sorted()
        var topicMeans: [String: Double] = [:]
        for topic in topicIDs {
            let values = counted.compactMap { $0.topics[topic] }
            if !values.isEmpty { topicMeans[topic] = round2(values.reduce(0, +) / Double(values.count)) }
        }
        let statistics = ClassStatistics(
            count: counted.count, passed: counted.filter(\.passed).count,
            mean: percents.isEmpty ? nil : round2(percents.reduce(0, +) / Double(percents.count)),
            median: percents.isEmpty ? nil : round2(percents.count % 2 == 1 ? percents[percents.count / 2]
                                                    : (percents[percents.count / 2 - 1] + percents[percents.count / 2]) / 2),
            histogram: histogram, topicMeans: topicMeans)

        // Item analysis, over the attempt that stands for each trusted trainee.
        let attempts = counted.map(\.attempt)
        var itemOrder: [String] = []
        var itemInfo: [String: (ExamPlanItem.Kind, String)] = [:]
        for attempt in attempts {
            for item in attempt.items where itemInfo[item.id] == nil {
                itemOrder.append(item.id)
                itemInfo[item.id] = (item.kind, item.topic)
            }
        }
        func rest(_ attempt: GradedAttempt, without id: String) -> Double? {
            guard let item = attempt.item(id) else { return nil }
            let possible = attempt.possible - item.points
            return possible > 0 ? (attempt.earned - item.earned) / possible : nil
        }
        let items: [ItemStat] = itemOrder.map { id in
            let shares = attempts.compactMap { attempt in attempt.item(id).flatMap { $0.points > 0 ? $0.share : nil } }
            // Discrimination needs a rest of the test; an exam of one item has none (left undefined).
            let pairs = attempts.compactMap { attempt -> ItemStatistics.Pair? in
                guard let item = attempt.item(id), item.points > 0, let rest = rest(attempt, without: id) else { return nil }
                return ItemStatistics.Pair(item: item.share, rest: rest)
            }
            let facility = ItemStatistics.round(shares.isEmpty ? nil : shares.reduce(0, +) / Double(shares.count))
            let discrimination = ItemStatistics.round(ItemStatistics.discrimination(pairs))
            return ItemStat(id: id, kind: itemInfo[id]!.0, topic: itemInfo[id]!.1, count: shares.count, facility: facility,
                            discrimination: discrimination,
                            flags: ItemStatistics.flags(facility: facility, discrimination: discrimination, count: shares.count)
                                .filter { !pairs.isEmpty || $0 != .noSpread })
        }

        var decisionOrder: [String] = []
        var decisionRecords: [String: [(DecisionRecord, GradedAttempt)]] = [:]
        for attempt in attempts {
            for record in attempt.decisions {
                let key = "\(record.scenario)/\(record.node)"
                if decisionRecords[key] == nil { decisionOrder.append(key) }
                decisionRecords[key, default: []].append((record, attempt))
            }
        }
        let decisions: [DecisionStat] = decisionOrder.map { key in
            let records = decisionRecords[key]!
            var texts: [String] = []
            for (record, _) in records { for text in record.offered where !texts.contains(text) { texts.append(text) } }
            let choices = texts.map { text in
                let chosen = records.filter { $0.0.text == text }
                return ChoiceCount(text: text, count: chosen.count, share: chosen.first.map { ItemStatistics.round($0.0.share)! })
            }
            // The rest of the test without this decision's own contribution: the scenario's points scale its
            // 0–100 score, of which the choice contributed (points − worst) out of a possible (best − worst).
            // Approximate where the scenario score was clamped at 0 or 100.
            let pairs = records.compactMap { record, attempt -> ItemStatistics.Pair? in
                guard let item = attempt.item(record.scenario) else { return nil }
                let contributed = item.points * Double(record.points - record.worst) / 100
                let possible = attempt.possible - item.points * Double(record.best - record.worst) / 100
                guard possible > 0 else { return nil }
                return ItemStatistics.Pair(item: record.share, rest: min(1, max(0, (attempt.earned - contributed) / possible)))
            }
            let discrimination = ItemStatistics.round(ItemStatistics.discrimination(pairs))
            let first = records[0].0
            return DecisionStat(scenario: first.scenario, node: first.node, count: records.count, choices: choices,
                                discrimination: discrimination,
                                flags: ItemStatistics.flags(facility: nil, discrimination: discrimination, count: pairs.count))
        }

        // Rules: how many trainees broke each, with examples; ties by rule id.
        var byRule: [String: [(TraineeResult, RuleBreak)]] = [:]
        for trainee in counted {
            var seen = Set<String>()
            for broken in trainee.attempt.ruleBreaks {
                if seen.insert(broken.rule).inserted { byRule[broken.rule, default: []].append((trainee, broken)) }
            }
        }
        let rules = byRule.map { rule, hits -> RuleStat in
            let share = counted.isEmpty ? 0 : Double(hits.count) / Double(counted.count)
            return RuleStat(rule: rule, title: library.rules[rule]?.title.text(language) ?? rule, trainees: hits.count,
                            share: ItemStatistics.round(share)!,
                            nearlyEveryone: counted.count >= ItemStatistics.minimumClass && share >= nearlyEveryoneShare,
                            examples: hits.prefix(examplesPerRule).map {
                                RuleExample(trainee: $0.0.name, item: $0.1.item, source: $0.1.source, evidence: $0.1.evidence)
                            })
        }.sorted { ($1.trainees, $0.rule) < ($0.trainees, $1.rule) }

        let overrides = result.trainees.flatMap { trainee in
            trainee.attempt.overrides.map {
                OverrideRow(trainee: trainee.name, attempt: trainee.attempt.attempt, item: $0.item, before: $0.before, after: $0.after,
                            reason: $0.reason, at: $0.at, by: $0.by)
            }
        }
        let problems = result.problems.map { ProblemRow(file: $0.file, code: $0.code.rawValue, message: $0.message(s)) }
        return ClassReport(
            exam: ExamSummary(id: spec.spec.id, title: spec.spec.title.text(language), passMark: spec.spec.passMark,
                              grading: spec.spec.grading, specHash: spec.hash, contentVersion: library.contentVersion,
                              language: language.rawValue),
            topics: topics, trainees: rows, statistics: statistics, items: items, decisions: decisions, rules: rules,
            overrides: overrides, problems: problems)
    }

    static func round2(_ value: Double) -> Double { (value * 100).rounded() / 100 }

    /// The report as JSON: sorted keys, so the same class gives the same bytes.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}
