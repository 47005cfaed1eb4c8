// Grading throughput for `make bench`: builds replies of about 100 words from the labelled corpus, writes them
// to a file (so proselint can be timed on exactly the same text), and grades them all on one thread.
//   aftersales-bench grade CONTENT-ROOT CORPUS.jsonl OUT.jsonl [COUNT]
import AfterSalesKit
import Foundation

func fail(_ text: String) -> Never {
    FileHandle.standardError.write(Data((text + "\n").utf8))
    exit(1)
}

let arguments = CommandLine.arguments.dropFirst()
guard arguments.first == "grade", arguments.count >= 4 else { fail("usage: aftersales-bench grade ROOT CORPUS OUT [COUNT]") }
let args = Array(arguments)
let root = URL(fileURLWithPath: args[1])
let count = args.count > 4 ? Int(args[4]) ?? 5000 : 5000

struct Line: Decodable { var rubric: String; var text: String }
guard let corpus = FileManager.default.contents(atPath: args[2]) else { fail("cannot read \(args[2])") }
let lines = corpus.split(separator: UInt8(ascii: "\n")).compactMap { try? JSONDecoder().decode(Line.self, from: Data($0)) }
guard !lines.isEmpty else { fail("empty corpus") }

// Replies of ~100 words: corpus replies joined until they reach 100 words, cycling through the corpus.
var replies: [(rubric: String, text: String)] = []
var index = 0
while replies.count < count {
    var text = ""
    let rubric = lines[index % lines.count].rubric
    while text.split(separator: " ").count < 100 {
        text += (text.isEmpty ? "" : "\n") + lines[index % lines.count].text
        index += 1
    }
    replies.append((rubric, text))
}
let out = replies.map { String(decoding: try! JSONEncoder().encode(["text": $0.text]), as: UTF8.self) }.joined(separator: "\n") + "\n"
try out.write(toFile: args[3], atomically: true, encoding: .utf8)

let library = try ContentLoader(root: root).load()
let (content, problems) = GradingContent.load(root: root, knownRules: Set(library.rules.keys))
if !problems.filter({ $0.severity == .error }).isEmpty { fail(problems.map(\.description).joined(separator: "\n")) }
let grader = Grader(content: content, library: library)
let vars = ["buyer": "Dana", "product": "blender", "order": "113-4829301-2210837"]
_ = grader.grade(replies[0].text, rubric: replies[0].rubric, variables: vars, context: [:], language: .en)  // warm-up

let bytes = replies.reduce(0) { $0 + $1.text.utf8.count }
let words = replies.reduce(0) { $0 + $1.text.split(separator: " ").count }
let start = DispatchTime.now().uptimeNanoseconds
var checksum = 0
for reply in replies {
    checksum &+= grader.grade(reply.text, rubric: reply.rubric, variables: vars, context: [:], language: .en).score
}
let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
var usage = rusage()
getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
print(String(format: "grade replies=%d mean_words=%d seconds=%.3f per_second=%.0f mb_per_second=%.2f peak_rss_mb=%.1f checksum=%d",
             replies.count, words / replies.count, seconds, Double(replies.count) / seconds, Double(bytes) / 1e6 / seconds,
             Double(usage.ru_maxrss) / 1024, checksum))
