// progress-stress: a scripted writer, checker and timing harness for the progress file, driven by the
// reliability scripts in Tests/reliability/ and by `make bench`. Not part of the product.
//
//   progress-stress append FILE COUNT [--writer ID] [--start N] [--big-every K [--big-bytes B]]
//                                     [--pause-after K --wait-for PATH]
//       Appends COUNT reply.graded events (scenario = writer id, node = sequence number) and prints
//       "ack SEQ" on stdout only after each append returned, i.e. after fsync. Errors print "error SEQ KEY: text"
//       and the writer goes on with the next event, as the REPL would.
//   progress-stress check FILE
//       Opens the file (repairing a torn tail), replays it and prints "event WRITER SEQ" per event,
//       "warning KEY: text" per warning, then "summary events=N warnings=W".
//   progress-stress generate FILE COUNT      a realistic synthetic history of COUNT events (no fsync; fast)
//   progress-stress bench-replay FILE        times a replay; prints events, seconds, peak RSS
//   progress-stress bench-append FILE COUNT  times COUNT appends with fsync; prints median and p90
import AfterSalesKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif

func say(_ text: String) {
    // Unbuffered, so that a line printed before a kill is really out.
    var line = Array((text + "\n").utf8)
    line.withUnsafeMutableBytes { buffer in
        var done = 0
        while done < buffer.count {
            let count = write(1, buffer.baseAddress! + done, buffer.count - done)
            if count <= 0 { if errno == EINTR { continue }; return }
            done += count
        }
    }
}

func fail(_ text: String) -> Never {
    FileHandle.standardError.write(Data(("progress-stress: " + text + "\n").utf8))
    exit(2)
}

func option(_ name: String, in args: [String]) -> String? {
    guard let index = args.firstIndex(of: name), index + 1 < args.count else { return nil }
    return args[index + 1]
}

func monotonicNanoseconds() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}

func peakRSSMegabytes() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024
}

let base = Timestamp(millisecondsSince1970: 1_750_000_000_000)
let program = "aftersales progress-stress"

func stressEvent(writer: String, seq: Int, bigEvery: Int, bigBytes: Int) -> ProgressEvent {
    // Mostly short replies; every `bigEvery`-th a large one (`bigBytes`, 64 KiB by default), whose write takes long
    // enough for a kill to land in the middle of it.
    let big = bigEvery > 0 && seq % bigEvery == bigEvery - 1
    let length = big ? bigBytes : 40 + (seq * 37) % 300
    let text = String(repeating: "Dear buyer, sorry — 很抱歉. ", count: length / 32 + 1)
    return .replyGraded(ReplyGraded(time: base.adding(seconds: Double(seq)), scenario: writer, node: String(seq),
                                    rubric: "apology-letter", text: text, score: seq % 101, verdict: "good",
                                    violations: [], missed: [], rules: ["apology.no-blame"], met: ["apology.sincere-apology"]))
}

func openLog(_ path: String) -> ProgressLog {
    do {
        let log = try ProgressLog(path: path, program: program)
        for warning in log.openingWarnings { say("warning \(warning.key): \(warning)") }
        return log
    } catch {
        say("error open \(error.key): \(error)")
        exit(1)
    }
}

func runAppend(_ args: [String]) {
    guard args.count >= 2, let count = Int(args[1]) else { fail("usage: append FILE COUNT [options]") }
    let writer = option("--writer", in: args) ?? "w"
    let start = Int(option("--start", in: args) ?? "0") ?? 0
    let bigEvery = Int(option("--big-every", in: args) ?? "0") ?? 0
    let bigBytes = Int(option("--big-bytes", in: args) ?? "65536") ?? 65_536
    let pauseAfter = Int(option("--pause-after", in: args) ?? "-1") ?? -1
    let waitFor = option("--wait-for", in: args)
    // A file-size limit must produce an error (EFBIG), not kill the process: the REPL does the same.
    signal(SIGXFSZ, SIG_IGN)
    let log = openLog(args[0])
    var acked = 0
    var failed = 0
    for seq in start..<(start + count) {
        if seq - start == pauseAfter, let waitFor {
            say("paused")
            while access(waitFor, F_OK) != 0 { usleep(5_000) }
        }
        do {
            try log.append(stressEvent(writer: writer, seq: seq, bigEvery: bigEvery, bigBytes: bigBytes))
            say("ack \(seq)")
            acked += 1
        } catch {
            say("error \(seq) \(error.key): \(error)")
            failed += 1
        }
    }
    say("done acked=\(acked) failed=\(failed)")
}

func runCheck(_ args: [String]) {
    guard args.count >= 1 else { fail("usage: check FILE") }
    let log = openLog(args[0])
    do {
        var events = 0
        let warnings = try log.read { record in
            events += 1
            if case .replyGraded(let reply) = record.event {
                say("event \(reply.scenario ?? "-") \(reply.node ?? "-")")
            } else {
                say("event other \(record.event.type)")
            }
        }
        for warning in warnings { say("warning \(warning.key): \(warning)") }
        say("summary events=\(events) warnings=\(warnings.count + log.openingWarnings.count)")
    } catch {
        say("error read \(error.key): \(error)")
        exit(1)
    }
}

/// A synthetic but realistic history: sessions of a scenario (start, choices, a graded reply, end), quiz answers
/// and reviews, spread over days.
func runGenerate(_ args: [String]) {
    guard args.count >= 2, let count = Int(args[1]) else { fail("usage: generate FILE COUNT") }
    let path = args[0]
    unlink(path)
    guard let out = FileHandle(forWritingAtPath: path) ?? {
        _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        return FileHandle(forWritingAtPath: path)
    }() else { fail("cannot create \(path)") }
    let rules = ["claims.contact-buyer-first", "claims.investigate", "claims.resolve", "apology.no-blame",
                 "apology.sincere-apology", "apology.concrete-solution", "escalation.empathy-first",
                 "escalation.professional-tone", "returns.accept-in-window", "reviews.no-incentive"]
    let scenarios = (1...40).map { "scenario-number-\($0)-of-the-library" }
    var buffer = ProgressHeader(program: program, created: base).encodedLine()
    var random = SeededRandom(seed: 42)
    var time = base
    var written = 0
    func emit(_ event: ProgressEvent) {
        guard written < count else { return }
        buffer += try! event.encodedLine()
        written += 1
        if buffer.count > 1 << 22 {
            out.write(Data(buffer))
            buffer.removeAll(keepingCapacity: true)
        }
    }
    func pick<T>(_ list: [T]) -> T { list[Int(random.next() % UInt64(list.count))] }
    while written < count {
        time = time.adding(seconds: Double(random.next() % 7200))
        switch random.next() % 10 {
        case 0...5:
            let scenario = pick(scenarios)
            emit(.scenarioStarted(ScenarioStarted(time: time, scenario: scenario, seed: random.next(), mode: .practice)))
            for step in 0..<6 {
                let good = random.next() % 3 != 0
                emit(.choiceMade(ChoiceMade(time: time.adding(seconds: Double(step * 20)), scenario: scenario,
                                            node: "node-\(step)", number: 1 + Int(random.next() % 3),
                                            points: good ? 10 : -10, follows: good ? pick(rules) : nil,
                                            breaks: good ? nil : pick(rules))))
            }
            emit(.replyGraded(ReplyGraded(time: time.adding(seconds: 150), scenario: scenario, node: "write-apology",
                                          rubric: "apology-letter",
                                          text: "Dear Dana, I am truly sorry that your blender arrived broken. I have sent a replacement today; you will receive it on Friday. We have changed our packaging so this does not happen again.",
                                          score: Int(random.next() % 101), verdict: "acceptable",
                                          violations: ["blame-buyer"], missed: ["commit-to-improve"],
                                          rules: [pick(rules)], met: [pick(rules), pick(rules)])))
            emit(.scenarioEnded(ScenarioEnded(time: time.adding(seconds: 200), scenario: scenario, ending: "resolved",
                                              outcome: "resolved", score: Int(random.next() % 101),
                                              skills: ["claims": 80, "apology": 60], broken: [], followed: [],
                                              seconds: 200)))
        case 6...7:
            emit(.quizAnswered(QuizAnswered(time: time, item: "quiz-item-\(random.next() % 300)", correct: random.next() % 2 == 0,
                                            rules: [pick(rules)], topic: "claims")))
        default:
            emit(.reviewRated(ReviewRated(time: time, card: "card-\(random.next() % 200)", rating: 1 + Int(random.next() % 4),
                                          seconds: 7.5, due: time.adding(seconds: 86_400 * 3), stability: 3.2,
                                          difficulty: 5.1)))
        }
    }
    out.write(Data(buffer))
    try? out.close()
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    say("generated events=\(written) bytes=\(size)")
}

func runBenchReplay(_ args: [String]) {
    guard args.count >= 1 else { fail("usage: bench-replay FILE") }
    let log: ProgressLog
    do { log = try ProgressLog(path: args[0], program: program, access: .readOnly) } catch { fail("\(error)") }
    let started = monotonicNanoseconds()
    let result: (state: TraineeState, warnings: [ProgressWarning])
    do { result = try log.replay() } catch { fail("\(error)") }
    let seconds = Double(monotonicNanoseconds() - started) / 1e9
    let state = result.state
    say(String(format: "replay events=%d seconds=%.3f events_per_second=%.0f peak_rss_mb=%.1f warnings=%d",
               state.eventCount, seconds, Double(state.eventCount) / seconds, peakRSSMegabytes(), result.warnings.count))
    say("state scenarios=\(state.scenarios.count) rules=\(state.rules.count) history=\(state.scoreHistory.count) cards=\(state.reviews.count) days=\(state.practiceDays.count)")
}

func runBenchAppend(_ args: [String]) {
    guard args.count >= 2, let count = Int(args[1]), count > 0 else { fail("usage: bench-append FILE COUNT") }
    unlink(args[0])
    let log = openLog(args[0])
    var times: [Double] = []
    for seq in 0..<count {
        let event = ProgressEvent.choiceMade(ChoiceMade(time: base.adding(seconds: Double(seq)), scenario: "bench",
                                                        node: "n\(seq)", number: 1, points: 10,
                                                        follows: "claims.contact-buyer-first"))
        let started = monotonicNanoseconds()
        do { try log.append(event) } catch { fail("\(error)") }
        times.append(Double(monotonicNanoseconds() - started) / 1e6)
    }
    times.sort()
    say(String(format: "append count=%d median_ms=%.3f p90_ms=%.3f max_ms=%.3f", count, times[count / 2],
               times[min(count - 1, count * 9 / 10)], times[count - 1]))
}

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "append": runAppend(Array(arguments.dropFirst()))
case "check": runCheck(Array(arguments.dropFirst()))
case "generate": runGenerate(Array(arguments.dropFirst()))
case "bench-replay": runBenchReplay(Array(arguments.dropFirst()))
case "bench-append": runBenchAppend(Array(arguments.dropFirst()))
default: fail("usage: progress-stress append|check|generate|bench-replay|bench-append …")
}
