// Grading throughput for `make bench`: builds replies of about 100 words from the labelled corpus, writes them
// to a file (so proselint can be timed on exactly the same text), and grades them all on one thread.
//   aftersales-bench grade CONTENT-ROOT CORPUS.jsonl OUT.jsonl [COUNT]
// And a safety net for speed work: every output of the grader for a large, varied set of replies, one file per set,
// to compare byte for byte before and after a change to the engine.
//   aftersales-bench dump CONTENT-ROOT CORPUS.jsonl OUT-DIR [COUNT]
// And the corpus as the grader reads it (one line per reply: its id and its sentences as words), so the tone
// classifiers are trained on exactly the words the engine will look up (Tools/train-tone-model.py).
//   aftersales-bench tokens CONTENT-ROOT CORPUS.jsonl OUT.jsonl
import AfterSalesKit
import Foundation

func fail(_ text: String) -> Never {
    FileHandle.standardError.write(Data((text + "\n").utf8))
    exit(1)
}

let arguments = CommandLine.arguments.dropFirst()
guard ["grade", "dump", "tokens"].contains(arguments.first), arguments.count >= 4 else {
    fail("usage: aftersales-bench grade ROOT CORPUS OUT [COUNT]\n       aftersales-bench dump ROOT CORPUS OUT-DIR [COUNT]\n       aftersales-bench tokens ROOT CORPUS OUT")
}
let args = Array(arguments)
let root = URL(fileURLWithPath: args[1])
let count = args.count > 4 ? Int(args[4]) ?? 5000 : 5000

guard let corpus = FileManager.default.contents(atPath: args[2]) else { fail("cannot read \(args[2])") }
let cases: [CorpusCase]
do { cases = try Evaluation.parse(corpus) } catch { fail("\(args[2]): \(error)") }
guard !cases.isEmpty else { fail("empty corpus") }
let replies = BenchReplies.make(from: cases, count: count)

let library = try ContentLoader(root: root).load()
let (content, problems) = GradingContent.load(root: root, knownRules: Set(library.rules.keys))
if !problems.filter({ $0.severity == .error }).isEmpty { fail(problems.map(\.description).joined(separator: "\n")) }
let grader = Grader(content: content, library: library)

if args[0] == "tokens" {
    struct Line: Encodable { var id: String; var sentences: [[String]] }
    let lines = cases.map { item -> String in
        let line = Line(id: item.id, sentences: content.lexicon.sentenceWords(item.text))
        return String(decoding: try! JSONEncoder().encode(line), as: UTF8.self)
    }
    do { try (lines.joined(separator: "\n") + "\n").write(toFile: args[3], atomically: true, encoding: .utf8) } catch { fail("\(error)") }
    exit(0)
}

if args[0] == "dump" {
    do { try OutputDump.write(grader: grader, library: library, cases: cases, replies: replies, to: URL(fileURLWithPath: args[3])) } catch {
        fail("\(error)")
    }
    exit(0)
}

let out = replies.map { String(decoding: try! JSONEncoder().encode(["text": $0.text]), as: UTF8.self) }.joined(separator: "\n") + "\n"
try out.write(toFile: args[3], atomically: true, encoding: .utf8)

let vars = BenchReplies.variables
_ = grader.grade(replies[0].text, rubric: replies[0].rubric, variables: vars, context: [:], language: .en)  // warm-up

let bytes = replies.reduce(0) { $0 + $1.text.utf8.count }
let words = replies.reduce(0) { $0 + $1.text.split(whereSeparator: \.isWhitespace).count }
/// CPU time of this thread: on a machine shared with other work it moves far less than the wall clock.
func threadCPUSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}
let start = DispatchTime.now().uptimeNanoseconds
let cpuStart = threadCPUSeconds()
var checksum = 0
for reply in replies {
    checksum &+= grader.grade(reply.text, rubric: reply.rubric, variables: vars, context: [:], language: .en).score
}
let cpuSeconds = threadCPUSeconds() - cpuStart
let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
var usage = rusage()
getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
print(String(format: "grade replies=%d mean_words=%d seconds=%.3f per_second=%.0f mb_per_second=%.2f cpu_seconds=%.3f per_cpu_second=%.0f peak_rss_mb=%.1f checksum=%d",
             replies.count, words / replies.count, seconds, Double(replies.count) / seconds, Double(bytes) / 1e6 / seconds,
             cpuSeconds, Double(replies.count) / cpuSeconds, Double(usage.ru_maxrss) / 1024, checksum))
