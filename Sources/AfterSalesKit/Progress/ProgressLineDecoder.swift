/// What one line of a progress file turned out to be.
enum DecodedLine: Sendable, Equatable {
    case header(ProgressHeader)
    case event(ProgressEvent)
    /// Only whitespace.
    case blank
    /// Not JSON at all (e.g. cut off by a crash); the reason and the byte offset within the line.
    case malformed(String)
    /// Valid JSON but not a usable event (missing field, wrong type, value out of range).
    case invalid(String)
}

/// Turns the bytes of one line into an event without building a JSON tree.
///
/// Every key of the line is read into one bag of optional fields; the `type` then says which fields are required.
/// Values of an unexpected JSON type are skipped and remembered, so that an event of an unknown (newer) type that
/// reuses a key name differently is still kept rather than rejected.
enum ProgressLineDecoder {
    static func decode(_ line: UnsafeBufferPointer<UInt8>) -> DecodedLine {
        var scanner = JSONScanner(line)
        guard scanner.peek() != nil else { return .blank }
        var bag = Bag()
        do {
            try bag.read(&scanner)
            try scanner.expectEnd()
        } catch {
            return .malformed("\(error.reason) at byte \(error.offset + 1)")
        }
        do {
            return try bag.build(line)
        } catch {
            return .invalid(error.reason)
        }
    }

    static func decode(_ bytes: [UInt8]) -> DecodedLine {
        bytes.withUnsafeBufferPointer { decode($0) }
    }

    static func decode(_ text: String) -> DecodedLine {
        var text = text
        return text.withUTF8 { decode($0) }
    }

    struct Problem: Error {
        var reason: String
    }

    /// The keys this version knows; anything else is skipped.
    enum Key: Int, CaseIterable {
        case type, time, scenario, seed, mode, node, number, points, follows, breaks
        case rubric, text, score, verdict, violations, missed, rules, met
        case ending, outcome, skills, broken, followed, seconds
        case item, correct, topic, card, rating, due, stability, difficulty
        case exam, passed, transcript, schema, program, created

        var name: String { String(describing: self) }

        /// Keys packed into two little-endian words by length, for comparing without making `String`s.
        static let table: [[(UInt64, UInt64, Key)]] = {
            var table = [[(UInt64, UInt64, Key)]](repeating: [], count: 17)
            for key in Key.allCases {
                let bytes = Array(key.name.utf8)
                let (low, high) = bytes.withUnsafeBufferPointer { pack($0, 0, bytes.count) }
                table[bytes.count].append((low, high, key))
            }
            return table
        }()

        static func pack(_ base: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> (UInt64, UInt64) {
            var low: UInt64 = 0
            var high: UInt64 = 0
            for offset in 0..<count {
                let byte = UInt64(base[start + offset])
                if offset < 8 { low |= byte << (8 * offset) } else { high |= byte << (8 * (offset - 8)) }
            }
            return (low, high)
        }

        static func find(_ scanner: JSONScanner, _ token: JSONScanner.StringToken) -> Key? {
            if token.escaped {
                let name = scanner.string(token)
                return allCases.first { $0.name == name }
            }
            guard token.count <= 16 else { return nil }
            let (low, high) = pack(UnsafeBufferPointer(start: scanner.base, count: scanner.end), token.start, token.count)
            for entry in table[token.count] where entry.0 == low && entry.1 == high { return entry.2 }
            return nil
        }
    }

    /// Known `type` values, matched the same way as keys.
    static let typeTable: [(UInt64, UInt64, Int, ProgressEvent.EventType)] = ProgressEvent.EventType.allCases.map {
        let bytes = Array($0.rawValue.utf8)
        let (low, high) = bytes.withUnsafeBufferPointer { Key.pack($0, 0, bytes.count) }
        return (low, high, bytes.count, $0)
    }

    struct Bag {
        var type: ProgressEvent.EventType?
        var typeName: String?
        var strings = [String?](repeating: nil, count: Key.allCases.count)
        var integers = [Int64?](repeating: nil, count: Key.allCases.count)
        var seed: UInt64?
        var doubles = [Double?](repeating: nil, count: Key.allCases.count)
        var booleans = [Bool?](repeating: nil, count: Key.allCases.count)
        var lists = [[String]?](repeating: nil, count: Key.allCases.count)
        var skills: [String: Int]?
        /// Keys present with a value of the wrong JSON type, by name, for the message.
        var wrong: [Key] = []

        mutating func read(_ scanner: inout JSONScanner) throws(JSONSyntaxError) {
            try scanner.beginObject()
            var first = true
            while let keyToken = try scanner.nextKey(first: &first) {
                guard let key = Key.find(scanner, keyToken) else {
                    try scanner.skipValue()
                    continue
                }
                try readValue(key, &scanner)
            }
        }

        private mutating func readValue(_ key: Key, _ scanner: inout JSONScanner) throws(JSONSyntaxError) {
            let next = scanner.peek()
            if next == UInt8(ascii: "n"), scanner.literal("null") { return }
            switch key {
            case .type:
                guard next == UInt8(ascii: "\"") else { return try skipWrong(key, &scanner) }
                let token = try scanner.stringToken()
                type = nil
                if !token.escaped, token.count <= 16 {
                    let (low, high) = Key.pack(UnsafeBufferPointer(start: scanner.base, count: scanner.end),
                                               token.start, token.count)
                    type = ProgressLineDecoder.typeTable.first { $0.0 == low && $0.1 == high && $0.2 == token.count }?.3
                }
                if type == nil {
                    let name = scanner.string(token)
                    typeName = name
                    type = ProgressEvent.EventType(rawValue: name)
                }
            case .time, .scenario, .mode, .node, .follows, .breaks, .rubric, .text, .verdict, .ending, .outcome,
                 .item, .topic, .card, .due, .exam, .transcript, .program, .created:
                guard next == UInt8(ascii: "\"") else { return try skipWrong(key, &scanner) }
                strings[key.rawValue] = try scanner.string()
            case .number, .points, .score, .rating, .schema:
                guard let next, next == UInt8(ascii: "-") || (next >= 0x30 && next <= 0x39) else {
                    return try skipWrong(key, &scanner)
                }
                let token = try scanner.numberToken()
                if let value = scanner.int64(token) { integers[key.rawValue] = value } else { wrong.append(key) }
            case .seed:
                guard let next, next == UInt8(ascii: "-") || (next >= 0x30 && next <= 0x39) else {
                    return try skipWrong(key, &scanner)
                }
                let token = try scanner.numberToken()
                if let value = scanner.uint64(token) { seed = value } else { wrong.append(key) }
            case .seconds, .stability, .difficulty:
                guard let next, next == UInt8(ascii: "-") || (next >= 0x30 && next <= 0x39) else {
                    return try skipWrong(key, &scanner)
                }
                doubles[key.rawValue] = scanner.double(try scanner.numberToken())
            case .correct, .passed:
                if scanner.literal("true") {
                    booleans[key.rawValue] = true
                } else if scanner.literal("false") {
                    booleans[key.rawValue] = false
                } else {
                    try skipWrong(key, &scanner)
                }
            case .violations, .missed, .rules, .met, .broken, .followed:
                guard next == UInt8(ascii: "[") else { return try skipWrong(key, &scanner) }
                scanner.index += 1
                var list: [String] = []
                var first = true
                var ok = true
                while try scanner.nextElement(first: &first) {
                    if scanner.peek() == UInt8(ascii: "\"") {
                        list.append(try scanner.string())
                    } else {
                        ok = false
                        try scanner.skipValue()
                    }
                }
                if ok { lists[key.rawValue] = list } else { wrong.append(key) }
            case .skills:
                guard next == UInt8(ascii: "{") else { return try skipWrong(key, &scanner) }
                scanner.index += 1
                var map: [String: Int] = [:]
                var first = true
                var ok = true
                while let name = try scanner.nextKey(first: &first) {
                    let value = scanner.peek()
                    if let value, value == UInt8(ascii: "-") || (value >= 0x30 && value <= 0x39),
                       let number = scanner.int64(try scanner.numberToken()) {
                        map[scanner.string(name)] = Int(clamping: number)
                    } else {
                        ok = false
                        try scanner.skipValue()
                    }
                }
                if ok { skills = map } else { wrong.append(key) }
            }
        }

        private mutating func skipWrong(_ key: Key, _ scanner: inout JSONScanner) throws(JSONSyntaxError) {
            wrong.append(key)
            try scanner.skipValue()
        }

        // MARK: Building

        private func problem(_ key: Key, _ kind: String) -> Problem {
            Problem(reason: wrong.contains(key) ? "field \"\(key.name)\" is not \(kind)" : "field \"\(key.name)\" is missing")
        }

        private func string(_ key: Key) throws(Problem) -> String {
            guard let value = strings[key.rawValue] else { throw problem(key, "a string") }
            return value
        }

        /// An optional field: absent is fine, present with the wrong type is not.
        private func optionalString(_ key: Key) throws(Problem) -> String? {
            if wrong.contains(key) { throw problem(key, "a string") }
            return strings[key.rawValue]
        }

        private func int(_ key: Key) throws(Problem) -> Int {
            guard let value = integers[key.rawValue] else { throw problem(key, "a whole number") }
            return Int(clamping: value)
        }

        private func double(_ key: Key) throws(Problem) -> Double {
            guard let value = doubles[key.rawValue], value.isFinite else { throw problem(key, "a number") }
            return value
        }

        private func bool(_ key: Key) throws(Problem) -> Bool {
            guard let value = booleans[key.rawValue] else { throw problem(key, "true or false") }
            return value
        }

        /// A list of strings; absent means empty.
        private func list(_ key: Key) throws(Problem) -> [String] {
            if wrong.contains(key) { throw problem(key, "a list of strings") }
            return lists[key.rawValue] ?? []
        }

        private func timestamp(_ key: Key) throws(Problem) -> Timestamp {
            let text = try string(key)
            guard let value = Timestamp(iso8601: text) else {
                throw Problem(reason: "field \"\(key.name)\" is not an ISO-8601 time: \(text)")
            }
            return value
        }

        func build(_ line: UnsafeBufferPointer<UInt8>) throws(Problem) -> DecodedLine {
            guard let type else {
                if let typeName { return .event(.unknown(type: typeName, raw: Self.raw(line))) }
                throw Problem(reason: wrong.contains(.type) ? "field \"type\" is not a string" : "field \"type\" is missing")
            }
            if type == .header {
                return .header(ProgressHeader(schema: try int(.schema), program: try string(.program),
                                              created: try timestamp(.created)))
            }
            let time = try timestamp(.time)
            switch type {
            case .header:
                fatalError("handled above")
            case .scenarioStarted:
                guard let seed else { throw problem(.seed, "a whole number from 0 to 2^64-1") }
                return .event(.scenarioStarted(ScenarioStarted(time: time, scenario: try string(.scenario), seed: seed,
                                                               mode: PlayMode(rawValue: try string(.mode)))))
            case .choiceMade:
                return .event(.choiceMade(ChoiceMade(time: time, scenario: try string(.scenario), node: try string(.node),
                                                     number: try int(.number), points: try int(.points),
                                                     follows: try optionalString(.follows),
                                                     breaks: try optionalString(.breaks))))
            case .replyGraded:
                return .event(.replyGraded(ReplyGraded(time: time, scenario: try optionalString(.scenario),
                                                       node: try optionalString(.node), rubric: try string(.rubric),
                                                       text: try string(.text), score: try int(.score),
                                                       verdict: try string(.verdict), violations: try list(.violations),
                                                       missed: try list(.missed), rules: try list(.rules),
                                                       met: try list(.met))))
            case .scenarioEnded:
                if wrong.contains(.skills) { throw problem(.skills, "an object of whole numbers") }
                return .event(.scenarioEnded(ScenarioEnded(time: time, scenario: try string(.scenario),
                                                           ending: try string(.ending), outcome: try string(.outcome),
                                                           score: try int(.score), skills: skills ?? [:],
                                                           broken: try list(.broken), followed: try list(.followed),
                                                           seconds: try double(.seconds))))
            case .quizAnswered:
                return .event(.quizAnswered(QuizAnswered(time: time, item: try string(.item), correct: try bool(.correct),
                                                         rules: try list(.rules), topic: try optionalString(.topic))))
            case .reviewRated:
                let rating = try int(.rating)
                guard (1...4).contains(rating) else { throw Problem(reason: "field \"rating\" is \(rating), not 1–4") }
                return .event(.reviewRated(ReviewRated(time: time, card: try string(.card), rating: rating,
                                                       seconds: try double(.seconds), due: try timestamp(.due),
                                                       stability: try double(.stability),
                                                       difficulty: try double(.difficulty))))
            case .examSubmitted:
                return .event(.examSubmitted(ExamSubmitted(time: time, exam: try string(.exam), score: try int(.score),
                                                           passed: try bool(.passed),
                                                           transcript: try string(.transcript))))
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
