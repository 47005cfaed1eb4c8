import AfterSalesKit

/// The benchmark's replies: corpus replies joined until they reach 100 words, cycling through the corpus, each graded
/// with the rubric of its first part and the same scenario variables.
enum BenchReplies {
    static let variables = ["buyer": "Dana", "product": "blender", "order": "113-4829301-2210837"]

    static func make(from cases: [CorpusCase], count: Int) -> [(rubric: String, text: String)] {
        var replies: [(rubric: String, text: String)] = []
        var index = 0
        while replies.count < count {
            var text = ""
            let rubric = cases[index % cases.count].rubric
            while text.split(separator: " ").count < 100 {
                text += (text.isEmpty ? "" : "\n") + cases[index % cases.count].text
                index += 1
            }
            replies.append((rubric, text))
        }
        return replies
    }
}
