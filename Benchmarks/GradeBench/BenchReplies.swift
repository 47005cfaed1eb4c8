import AfterSalesKit

/// The benchmark's replies: corpus replies joined, cycling through the corpus, and cut at exactly 100 words (the size
/// the target names), each graded with the rubric of its first part and the same scenario variables. The last part
/// is cut at a word boundary, so most replies end mid-sentence, as a reply being typed would.
enum BenchReplies {
    static let variables = ["buyer": "Dana", "product": "blender", "order": "113-4829301-2210837"]
    static let words = 100

    static func make(from cases: [CorpusCase], count: Int) -> [(rubric: String, text: String)] {
        var replies: [(rubric: String, text: String)] = []
        var index = 0
        while replies.count < count {
            var lines: [String] = []
            var total = 0
            let rubric = cases[index % cases.count].rubric
            while total < words {
                let text = cases[index % cases.count].text
                index += 1
                for line in text.split(separator: "\n", omittingEmptySubsequences: false) where total < words {
                    let lineWords = line.split(separator: " ")
                    if total + lineWords.count <= words {
                        lines.append(String(line))
                        total += lineWords.count
                    } else {
                        lines.append(lineWords.prefix(words - total).joined(separator: " "))
                        total = words
                    }
                }
            }
            replies.append((rubric, lines.joined(separator: "\n")))
        }
        return replies
    }
}
