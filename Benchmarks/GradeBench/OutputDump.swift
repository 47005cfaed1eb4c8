import AfterSalesKit
import Foundation

/// Every output of the grader (JSON, human text and `--explain` in both languages) for the corpus, for variants of it
/// that exercise the normaliser (upper case, curly quotes, full-width letters, invisible characters, escape sequences),
/// for each corpus reply against every rubric, and for the benchmark's replies. Written before and after a change to
/// the engine and compared with `cmp`: a speed-up must not change a single byte.
enum OutputDump {
    static func write(grader: Grader, library: ContentLibrary, cases: [CorpusCase], replies: [(rubric: String, text: String)],
                      to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let rubrics = grader.content.rubricIDs

        func full(_ text: String, _ rubric: String, _ vars: [String: String], _ context: [String: String]) -> String {
            var out = ""
            for language in [Language.en, .zh] {
                let s = library.strings(for: language)
                let report = grader.grade(text, rubric: rubric, variables: vars, context: context, language: language)
                out += GradeOutput.json(report) + "\n"
                out += GradeOutput.human(report, language: language, strings: s, rubricTitle: grader.content.rubrics[rubric]?.title,
                                         rules: library.rules) + "\n"
                out += GradeOutput.explain(report, strings: s) + "\n"
            }
            return out
        }
        func json(_ text: String, _ rubric: String, _ vars: [String: String], _ context: [String: String]) -> String {
            GradeOutput.json(grader.grade(text, rubric: rubric, variables: vars, context: context, language: .en)) + "\n"
        }

        var corpus = ""
        for item in cases { corpus += "## \(item.id)\n" + full(item.text, item.rubric, item.vars ?? [:], item.context ?? [:]) }
        try corpus.write(to: folder.appendingPathComponent("corpus.txt"), atomically: true, encoding: .utf8)

        var crossed = ""
        for item in cases {
            for rubric in rubrics {
                crossed += "## \(item.id) \(rubric)\n" + json(item.text, rubric, item.vars ?? [:], item.context ?? [:])
                crossed += json(item.text, rubric, [:], [:])
            }
        }
        try crossed.write(to: folder.appendingPathComponent("crossed.txt"), atomically: true, encoding: .utf8)

        let variants: [(String, (String) -> String)] = [
            ("upper", { $0.uppercased() }),
            ("curly", { $0.replacingOccurrences(of: "'", with: "\u{2019}").replacingOccurrences(of: "\"", with: "\u{201C}") }),
            ("fullwidth", { String(String.UnicodeScalarView($0.unicodeScalars.map { s in
                (0x21...0x7E).contains(s.value) && s.value % 3 == 0 ? Unicode.Scalar(s.value + 0xFEE0)! : s })) }),
            ("invisible", { $0.replacingOccurrences(of: "or", with: "o\u{200B}r").replacingOccurrences(of: " ", with: "\u{00A0}") }),
            ("escapes", { "\u{1B}[1m" + $0.replacingOccurrences(of: ". ", with: ".\u{1B}[0m \u{1B}]0;x\u{7} ") + "\u{1B}[0m" }),
            ("dashes", { $0.replacingOccurrences(of: ", ", with: " — ").replacingOccurrences(of: "-", with: "\u{2011}") }),
            ("cjk", { "您好！" + $0.replacingOccurrences(of: ".", with: "。") }),
        ]
        var varied = ""
        for (name, transform) in variants {
            for item in cases {
                varied += "## \(item.id) \(name)\n" + json(transform(item.text), item.rubric, item.vars ?? [:], item.context ?? [:])
            }
        }
        try varied.write(to: folder.appendingPathComponent("variants.txt"), atomically: true, encoding: .utf8)

        // Odd and hostile input: refused or graded, never different.
        let sentence = "I'm sorry your blender arrived cracked; I've issued a refund today, reply to this message. "
        let hostile = ["", "   ", "\u{1B}[31m\u{1B}[0m", "\u{0}\u{0}sorry\u{0}", "😀😀 I'm so sorry 🙏 — a replacement ships today ✅. Reply here 👍",
                       "非常抱歉给您带来不便，我们会尽快为您退款。", "Lo siento mucho, le enviaremos un reembolso hoy mismo por favor.",
                       "\u{1B}]0;pwned\u{7}I'm \u{1B}[1mso sorry\u{1B}[0m, \u{1B}[2Jrefund today. Call \u{1B}[5m555-123-4567\u{1B}[0m.",
                       "Dear [Customer Name], sorry about order XXX-XXXXXXX. Email me at dana [at] shop [dot] com or www.shop.com/help",
                       String(repeating: sentence, count: 1_048_576 / sentence.utf8.count),
                       String(repeating: sentence, count: 1_048_576 / sentence.utf8.count) + String(repeating: "x", count: 200)]
        var odd = ""
        for (i, text) in hostile.enumerated() {
            for rubric in rubrics { odd += "## \(i) \(rubric)\n" + full(text, rubric, BenchReplies.variables, [:]) }
        }
        try odd.write(to: folder.appendingPathComponent("hostile.txt"), atomically: true, encoding: .utf8)

        var bench = ""
        for (i, reply) in replies.enumerated() { bench += "## \(i)\n" + json(reply.text, reply.rubric, BenchReplies.variables, [:]) }
        try bench.write(to: folder.appendingPathComponent("bench.txt"), atomically: true, encoding: .utf8)
    }
}
