extension ProgressLineDecoder {
    /// One stored property per known key, so that reading a line allocates nothing but the values' own storage.
    struct Bag {
        var type: ProgressEvent.EventType?
        var typeName: String?
        var time: Timestamp?, due: Timestamp?, created: Timestamp?
        var scenario: String?, mode: String?, node: String?, follows: String?, breaks: String?, rubric: String?
        var text: String?, verdict: String?, ending: String?, outcome: String?, item: String?, topic: String?
        var card: String?, exam: String?, transcript: String?, program: String?
        var number: Int64?, points: Int64?, score: Int64?, rating: Int64?, schema: Int64?
        var seed: UInt64?
        var seconds: Double?, stability: Double?, difficulty: Double?
        var correct: Bool?, passed: Bool?
        var violations: [String]?, missed: [String]?, rules: [String]?, met: [String]?, broken: [String]?
        var followed: [String]?
        var skills: [String: Int]?
        /// Keys present with a value of the wrong JSON type (bit per `Key`), for the message.
        var wrong: UInt64 = 0
        /// Summary mode: skip the values replay does not need, remembering only that they were there.
        var summary = false
        /// Keys read since the last `reset` (bit per `Key`).
        var present: UInt64 = 0

        /// Empties the bag for the next line, touching only the fields the last line set.
        mutating func reset() {
            type = nil
            typeName = nil
            wrong = 0
            var bits = present
            present = 0
            while bits != 0 {
                let raw = bits.trailingZeroBitCount
                bits &= bits - 1
                guard let key = Key(rawValue: raw) else { continue }
                switch key {
                case .type: break
                case .time: time = nil
                case .due: due = nil
                case .created: created = nil
                case .scenario: scenario = nil
                case .mode: mode = nil
                case .node: node = nil
                case .follows: follows = nil
                case .breaks: breaks = nil
                case .rubric: rubric = nil
                case .text: text = nil
                case .verdict: verdict = nil
                case .ending: ending = nil
                case .outcome: outcome = nil
                case .item: item = nil
                case .topic: topic = nil
                case .card: card = nil
                case .exam: exam = nil
                case .transcript: transcript = nil
                case .program: program = nil
                case .number: number = nil
                case .points: points = nil
                case .score: score = nil
                case .rating: rating = nil
                case .schema: schema = nil
                case .seed: seed = nil
                case .seconds: seconds = nil
                case .stability: stability = nil
                case .difficulty: difficulty = nil
                case .correct: correct = nil
                case .passed: passed = nil
                case .violations: violations = nil
                case .missed: missed = nil
                case .rules: rules = nil
                case .met: met = nil
                case .broken: broken = nil
                case .followed: followed = nil
                case .skills: skills = nil
                }
            }
        }

        func isWrong(_ key: Key) -> Bool { wrong & (1 << UInt64(key.rawValue)) != 0 }

        /// The keys of each type in the order this program writes them, and each key as the bytes `,"key":`
        /// packed into two masked words: lines written by this program are read by comparing two words per key
        /// instead of scanning the key. Any other order or spacing falls back to the general path.
        private let order: [[Key]] = ProgressLineDecoder.writtenOrder
        private let patterns: [KeyPattern] = ProgressLineDecoder.keyPatterns

        mutating func read(_ scanner: inout JSONScanner, _ interner: inout StringInterner) throws(JSONSyntaxError) {
            try scanner.beginObject()
            var first = true
            var expected: [Key] = []
            var position = 0
            while true {
                var predicted: Key?
                if position < expected.count, scanner.index + 16 <= scanner.end {
                    let pattern = patterns[expected[position].rawValue]
                    let low = JSONScanner.word(at: scanner.base + scanner.index)
                    let high = JSONScanner.word(at: scanner.base + scanner.index + 8)
                    if low & pattern.lowMask == pattern.low, high & pattern.highMask == pattern.high {
                        scanner.index += pattern.length
                        predicted = expected[position]
                        position += 1
                    }
                }
                let key: Key
                if let predicted {
                    key = predicted
                } else {
                    guard let (keyToken, packed) = try scanner.nextKey(first: &first) else { break }
                    let found = packed.map { Key.find(low: $0.0, high: $0.1, count: keyToken.count) } ?? Key.find(scanner, keyToken)
                    guard let found else {
                        try scanner.skipValue()
                        continue
                    }
                    key = found
                    if let index = expected.firstIndex(of: key) { position = index + 1 }
                }
                present |= 1 << UInt64(key.rawValue)
                if scanner.peek() == UInt8(ascii: "n"), scanner.literal("null") { continue }
                try readValue(key, &scanner, &interner)
                if key == .type, let type, expected.isEmpty {
                    expected = order[type.index]
                    position = 1
                }
            }
        }

        private mutating func readValue(_ key: Key, _ scanner: inout JSONScanner, _ interner: inout StringInterner) throws(JSONSyntaxError) {
            switch key {
            case .type: try readType(&scanner)
            case .time: time = try readTime(key, &scanner, &interner)
            case .due: due = try readTime(key, &scanner, &interner)
            case .created: created = try readTime(key, &scanner, &interner)
            case .scenario: scenario = try readID(key, &scanner, &interner)
            case .mode: mode = try readID(key, &scanner, &interner)
            case .node: node = try readID(key, &scanner, &interner)
            case .follows: follows = try readID(key, &scanner, &interner)
            case .breaks: breaks = try readID(key, &scanner, &interner)
            case .rubric: rubric = try readID(key, &scanner, &interner)
            case .text:
                if summary { text = try skipString(key, &scanner) } else { text = try readString(key, &scanner) }
            case .verdict: verdict = try readID(key, &scanner, &interner)
            case .ending: ending = try readID(key, &scanner, &interner)
            case .outcome: outcome = try readID(key, &scanner, &interner)
            case .item: item = try readID(key, &scanner, &interner)
            case .topic: topic = try readID(key, &scanner, &interner)
            case .card: card = try readID(key, &scanner, &interner)
            case .exam: exam = try readID(key, &scanner, &interner)
            case .transcript: transcript = try readString(key, &scanner)
            case .program: program = try readString(key, &scanner)
            case .number: number = try readInt(key, &scanner)
            case .points: points = try readInt(key, &scanner)
            case .score: score = try readInt(key, &scanner)
            case .rating: rating = try readInt(key, &scanner)
            case .schema: schema = try readInt(key, &scanner)
            case .seed:
                guard let token = try readNumber(key, &scanner) else { return }
                seed = scanner.uint64(token)
                if seed == nil { markWrong(key) }
            case .seconds: seconds = try readDouble(key, &scanner)
            case .stability: stability = try readDouble(key, &scanner)
            case .difficulty: difficulty = try readDouble(key, &scanner)
            case .correct: correct = try readBool(key, &scanner)
            case .passed: passed = try readBool(key, &scanner)
            case .violations:
                violations = summary ? try skipContainer(key, UInt8(ascii: "["), &scanner) : try readList(key, &scanner, &interner)
            case .missed:
                missed = summary ? try skipContainer(key, UInt8(ascii: "["), &scanner) : try readList(key, &scanner, &interner)
            case .rules: rules = try readList(key, &scanner, &interner)
            case .met: met = try readList(key, &scanner, &interner)
            case .broken: broken = try readList(key, &scanner, &interner)
            case .followed: followed = try readList(key, &scanner, &interner)
            case .skills:
                skills = summary ? try skipContainer(key, UInt8(ascii: "{"), &scanner) : try readSkills(key, &scanner)
            }
        }

        private mutating func markWrong(_ key: Key) { wrong |= 1 << UInt64(key.rawValue) }

        private mutating func skipWrong(_ key: Key, _ scanner: inout JSONScanner) throws(JSONSyntaxError) {
            markWrong(key)
            try scanner.skipValue()
        }

        private mutating func readType(_ scanner: inout JSONScanner) throws(JSONSyntaxError) {
            guard scanner.peek() == UInt8(ascii: "\"") else { return try skipWrong(.type, &scanner) }
            let (token, packed) = try scanner.packedStringToken()
            type = nil
            typeName = nil
            if !token.escaped, token.count <= 16 {
                let (low, high) = packed ?? Key.pack(UnsafeBufferPointer(start: scanner.base, count: scanner.end), token.start, token.count)
                for entry in ProgressLineDecoder.typeTable where entry.0 == low && entry.1 == high && entry.2 == token.count {
                    type = entry.3
                }
            }
            if type == nil {
                let name = scanner.string(token)
                typeName = name
                type = ProgressEvent.EventType(rawValue: name)
            }
        }

        /// Summary mode: checks a string and returns an empty one.
        private mutating func skipString(_ key: Key, _ scanner: inout JSONScanner) throws(JSONSyntaxError) -> String? {
            guard scanner.peek() == UInt8(ascii: "\"") else {
                try skipWrong(key, &scanner)
                return nil
            }
            _ = try scanner.stringToken()
            return ""
        }

        /// Summary mode: checks an array or object and returns an empty one.
        private mutating func skipContainer<T: ExpressibleByArrayLiteral>(_ key: Key, _ open: UInt8, _ scanner: inout JSONScanner) throws(JSONSyntaxError) -> T? {
            guard scanner.peek() == open else {
                try skipWrong(key, &scanner)
                return nil
            }
            try scanner.skipValue()
            return []
        }

        private mutating func skipContainer(_ key: Key, _ open: UInt8, _ scanner: inout JSONScanner) throws(JSONSyntaxError) -> [String: Int]? {
            guard scanner.peek() == open else {
                try skipWrong(key, &scanner)
                return nil
            }
            try scanner.skipValue()
            return [:]
        }

        /// An id: a string that repeats across lines, shared through the interner.
        private mutating func readID(_ key: Key, _ scanner: inout JSONScanner, _ interner: inout StringInterner) throws(JSONSyntaxError) -> String? {
            guard scanner.peek() == UInt8(ascii: "\"") else {
                try skipWrong(key, &scanner)
                return nil
            }
            return try scanner.string(interning: &interner)
        }

        private mutating func readString(_ key: Key, _ scanner: inout JSONScanner) throws(JSONSyntaxError) -> String? {
            guard scanner.peek() == UInt8(ascii: "\"") else {
                try skipWrong(key, &scanner)
                return nil
            }
            return try scanner.string()
        }

        /// A time read straight from the bytes, without making a `String` first.
        private mutating func readTime(_ key: Key, _ scanner: inout JSONScanner, _ interner: inout StringInterner) throws(JSONSyntaxError) -> Timestamp? {
            guard scanner.peek() == UInt8(ascii: "\"") else {
                try skipWrong(key, &scanner)
                return nil
            }
            // Fast path for the form this program writes: 24 characters ending in Z, no escapes (the parser checks
            // every character, so anything else fails there and takes the general path).
            if scanner.index + 26 <= scanner.end, scanner.base[scanner.index + 25] == UInt8(ascii: "\""),
               let value = Timestamp.parse(UnsafeBufferPointer(start: scanner.base + scanner.index + 1, count: 24),
                                           cache: &interner.days) {
                scanner.index += 26
                return value
            }
            let token = try scanner.stringToken()
            let value = token.escaped
                ? Timestamp(iso8601: scanner.string(token))
                : Timestamp.parse(UnsafeBufferPointer(start: scanner.base + token.start, count: token.count),
                                  cache: &interner.days)
            if value == nil { markWrong(key) }
            return value
        }

        private mutating func readNumber(_ key: Key, _ scanner: inout JSONScanner) throws(JSONSyntaxError) -> JSONScanner.NumberToken? {
            guard let next = scanner.peek(), next == UInt8(ascii: "-") || (next >= 0x30 && next <= 0x39) else {
                try skipWrong(key, &scanner)
                return nil
            }
            return try scanner.numberToken()
        }

        private mutating func readInt(_ key: Key, _ scanner: inout JSONScanner) throws(JSONSyntaxError) -> Int64? {
            guard let token = try readNumber(key, &scanner) else { return nil }
            let value = scanner.int64(token)
            if value == nil { markWrong(key) }
            return value
        }

        private mutating func readDouble(_ key: Key, _ scanner: inout JSONScanner) throws(JSONSyntaxError) -> Double? {
            guard let token = try readNumber(key, &scanner) else { return nil }
            let value = scanner.double(token)
            guard value.isFinite else {
                markWrong(key)
                return nil
            }
            return value
        }

        private mutating func readBool(_ key: Key, _ scanner: inout JSONScanner) throws(JSONSyntaxError) -> Bool? {
            if scanner.literal("true") { return true }
            if scanner.literal("false") { return false }
            try skipWrong(key, &scanner)
            return nil
        }

        private mutating func readList(_ key: Key, _ scanner: inout JSONScanner, _ interner: inout StringInterner) throws(JSONSyntaxError) -> [String]? {
            guard scanner.peek() == UInt8(ascii: "[") else {
                try skipWrong(key, &scanner)
                return nil
            }
            scanner.index += 1
            var list: [String] = []
            var first = true
            var ok = true
            while try scanner.nextElement(first: &first) {
                if scanner.peek() == UInt8(ascii: "\"") {
                    list.append(try scanner.string(interning: &interner))
                } else {
                    ok = false
                    try scanner.skipValue()
                }
            }
            if !ok { markWrong(key) }
            return ok ? list : nil
        }

        private mutating func readSkills(_ key: Key, _ scanner: inout JSONScanner) throws(JSONSyntaxError) -> [String: Int]? {
            guard scanner.peek() == UInt8(ascii: "{") else {
                try skipWrong(key, &scanner)
                return nil
            }
            scanner.index += 1
            var map: [String: Int] = [:]
            var first = true
            var ok = true
            while let (name, _) = try scanner.nextKey(first: &first) {
                let next = scanner.peek()
                if let next, next == UInt8(ascii: "-") || (next >= 0x30 && next <= 0x39),
                   let number = scanner.int64(try scanner.numberToken()) {
                    map[scanner.string(name)] = Int(clamping: number)
                } else {
                    ok = false
                    try scanner.skipValue()
                }
            }
            if !ok { markWrong(key) }
            return ok ? map : nil
        }

        // MARK: Building

        private static func problem(_ key: Key, _ kind: String, _ wrong: UInt64) -> Problem {
            Problem(reason: wrong & (1 << UInt64(key.rawValue)) != 0 ? "field \"\(key.name)\" is not \(kind)" : "field \"\(key.name)\" is missing")
        }

        // Each helper moves the value out of the bag (so building an event retains nothing and destroying the
        // bag releases nothing). Static, taking the `wrong` mask, so that `&self.field` is the only access to self.
        private static func need<T>(_ value: inout T?, _ key: Key, _ kind: String, _ wrong: UInt64) throws(Problem) -> T {
            guard let result = value else { throw problem(key, kind, wrong) }
            value = nil
            return result
        }

        private static func need(_ value: inout String?, _ key: Key, _ wrong: UInt64) throws(Problem) -> String {
            try need(&value, key, "a string", wrong)
        }

        private static func need(_ value: inout Int64?, _ key: Key, _ wrong: UInt64) throws(Problem) -> Int {
            Int(clamping: try need(&value, key, "a whole number", wrong))
        }

        private static func need(_ value: inout Double?, _ key: Key, _ wrong: UInt64) throws(Problem) -> Double {
            try need(&value, key, "a number", wrong)
        }

        private static func need(_ value: inout Bool?, _ key: Key, _ wrong: UInt64) throws(Problem) -> Bool {
            try need(&value, key, "true or false", wrong)
        }

        private static func need(_ value: inout Timestamp?, _ key: Key, _ wrong: UInt64) throws(Problem) -> Timestamp {
            try need(&value, key, "an ISO-8601 time", wrong)
        }

        /// An optional string: absent is fine, present with the wrong type is not.
        private static func optional(_ value: inout String?, _ key: Key, _ wrong: UInt64) throws(Problem) -> String? {
            if wrong & (1 << UInt64(key.rawValue)) != 0 { throw problem(key, "a string", wrong) }
            defer { value = nil }
            return value
        }

        /// A list of strings; absent means empty.
        private static func list(_ value: inout [String]?, _ key: Key, _ wrong: UInt64) throws(Problem) -> [String] {
            if wrong & (1 << UInt64(key.rawValue)) != 0 { throw problem(key, "a list of strings", wrong) }
            defer { value = nil }
            return value ?? []
        }

        private static func take(_ value: inout [String: Int]?) -> [String: Int] {
            defer { value = nil }
            return value ?? [:]
        }

        mutating func build(_ line: UnsafeBufferPointer<UInt8>) throws(Problem) -> DecodedLine {
            let w = wrong
            guard let type else {
                if let typeName { return .event(.unknown(type: typeName, raw: Self.raw(line))) }
                throw Problem(reason: isWrong(.type) ? "field \"type\" is not a string" : "field \"type\" is missing")
            }
            if type == .header {
                return .header(ProgressHeader(schema: try Self.need(&self.schema, .schema, w), program: try Self.need(&self.program, .program, w),
                                              created: try Self.need(&self.created, .created, w)))
            }
            let time = try Self.need(&self.time, .time, w)
            switch type {
            case .header:
                fatalError("handled above")
            case .scenarioStarted:
                return .event(.scenarioStarted(ScenarioStarted(
                    time: time, scenario: try Self.need(&self.scenario, .scenario, w), seed: try Self.need(&self.seed, .seed, "a whole number from 0 to 2^64-1", w),
                    mode: PlayMode(rawValue: try Self.need(&self.mode, .mode, w)))))
            case .choiceMade:
                return .event(.choiceMade(ChoiceMade(
                    time: time, scenario: try Self.need(&self.scenario, .scenario, w), node: try Self.need(&self.node, .node, w),
                    number: try Self.need(&self.number, .number, w), points: try Self.need(&self.points, .points, w),
                    follows: try Self.optional(&self.follows, .follows, w), breaks: try Self.optional(&self.breaks, .breaks, w))))
            case .replyGraded:
                return .event(.replyGraded(ReplyGraded(
                    time: time, scenario: try Self.optional(&self.scenario, .scenario, w), node: try Self.optional(&self.node, .node, w),
                    rubric: try Self.need(&self.rubric, .rubric, w), text: try Self.need(&self.text, .text, w), score: try Self.need(&self.score, .score, w),
                    verdict: try Self.need(&self.verdict, .verdict, w), violations: try Self.list(&self.violations, .violations, w),
                    missed: try Self.list(&self.missed, .missed, w), rules: try Self.list(&self.rules, .rules, w), met: try Self.list(&self.met, .met, w))))
            case .scenarioEnded:
                if isWrong(.skills) { throw Self.problem(.skills, "an object of whole numbers", w) }
                return .event(.scenarioEnded(ScenarioEnded(
                    time: time, scenario: try Self.need(&self.scenario, .scenario, w), ending: try Self.need(&self.ending, .ending, w),
                    outcome: try Self.need(&self.outcome, .outcome, w), score: try Self.need(&self.score, .score, w), skills: Self.take(&self.skills),
                    broken: try Self.list(&self.broken, .broken, w), followed: try Self.list(&self.followed, .followed, w),
                    seconds: try Self.need(&self.seconds, .seconds, w))))
            case .quizAnswered:
                return .event(.quizAnswered(QuizAnswered(
                    time: time, item: try Self.need(&self.item, .item, w), correct: try Self.need(&self.correct, .correct, w),
                    rules: try Self.list(&self.rules, .rules, w), topic: try Self.optional(&self.topic, .topic, w))))
            case .reviewRated:
                let rating = try Self.need(&self.rating, .rating, w)
                guard (1...4).contains(rating) else { throw Problem(reason: "field \"rating\" is \(rating), not 1–4") }
                return .event(.reviewRated(ReviewRated(
                    time: time, card: try Self.need(&self.card, .card, w), rating: rating, seconds: try Self.need(&self.seconds, .seconds, w),
                    due: try Self.need(&self.due, .due, w), stability: try Self.need(&self.stability, .stability, w),
                    difficulty: try Self.need(&self.difficulty, .difficulty, w))))
            case .examSubmitted:
                return .event(.examSubmitted(ExamSubmitted(
                    time: time, exam: try Self.need(&self.exam, .exam, w), score: try Self.need(&self.score, .score, w),
                    passed: try Self.need(&self.passed, .passed, w), transcript: try Self.need(&self.transcript, .transcript, w))))
            case .rulesRead:
                return .event(.rulesRead(RulesRead(time: time, topic: try Self.need(&self.topic, .topic, w))))
            }
        }

        /// The line without surrounding whitespace.
        static func raw(_ line: UnsafeBufferPointer<UInt8>) -> String {
            var start = 0
            var end = line.count
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
            while start < end, isSpace(line[start]) { start += 1 }
            while end > start, isSpace(line[end - 1]) { end -= 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: line[start..<end]), as: UTF8.self)
        }
    }
}
