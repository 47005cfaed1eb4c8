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
    /// How much of each event to materialise.
    enum Detail {
        /// Every field.
        case full
        /// What replaying into `TraineeState` needs: a reply's `text`, `violations` and `missed` and an ending's
        /// `skills` are checked for syntax and type but left empty, which saves copying the longest values.
        case summary
    }

    /// What a reader carries from line to line: shared id strings, the last date, and one field bag reused for
    /// every line (building and destroying a bag of forty optionals per line costs more than filling it).
    struct Context {
        var interner = StringInterner()
        var bag = Bag()
    }

    static func decode(_ line: UnsafeBufferPointer<UInt8>, detail: Detail = .full) -> DecodedLine {
        var context = Context()
        return decode(line, detail: detail, context: &context)
    }

    /// Decodes one line, sharing id strings with earlier lines through `context`.
    static func decode(_ line: UnsafeBufferPointer<UInt8>, detail: Detail, context: inout Context) -> DecodedLine {
        var scanner = JSONScanner(line)
        guard scanner.peek() != nil else { return .blank }
        context.bag.reset()
        context.bag.summary = detail == .summary
        do {
            try context.bag.read(&scanner, &context.interner)
            try scanner.expectEnd()
        } catch {
            return .malformed("\(error.reason) at byte \(error.offset + 1)")
        }
        do {
            return try context.bag.build(line)
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

        @inline(__always) static func find(low: UInt64, high: UInt64, count: Int) -> Key? {
            for entry in table[count] where entry.0 == low && entry.1 == high { return entry.2 }
            return nil
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

    struct KeyPattern {
        var low: UInt64
        var high: UInt64
        var lowMask: UInt64
        var highMask: UInt64
        var length: Int
    }

    /// `,"key":` for every key, packed little-endian into two words with masks (every key name is at most 12
    /// bytes, so the pattern fits in 16).
    static let keyPatterns: [KeyPattern] = Key.allCases.map { key in
        let bytes = Array(",\"\(key.name)\":".utf8)
        precondition(bytes.count <= 16)
        var pattern = KeyPattern(low: 0, high: 0, lowMask: 0, highMask: 0, length: bytes.count)
        for (offset, byte) in bytes.enumerated() {
            if offset < 8 {
                pattern.low |= UInt64(byte) << (8 * offset)
                pattern.lowMask |= 0xFF << (8 * offset)
            } else {
                pattern.high |= UInt64(byte) << (8 * (offset - 8))
                pattern.highMask |= 0xFF << (8 * (offset - 8))
            }
        }
        return pattern
    }

    /// The keys of each event type in the order `encodedLine` writes them, indexed by `EventType.index`.
    static let writtenOrder: [[Key]] = ProgressEvent.EventType.allCases.map { type in
        switch type {
        case .header: [.type, .schema, .program, .created]
        case .scenarioStarted: [.type, .time, .scenario, .seed, .mode]
        case .choiceMade: [.type, .time, .scenario, .node, .number, .points, .follows, .breaks]
        case .replyGraded: [.type, .time, .scenario, .node, .rubric, .text, .score, .verdict, .violations, .missed, .rules, .met]
        case .scenarioEnded: [.type, .time, .scenario, .ending, .outcome, .score, .skills, .broken, .followed, .seconds]
        case .quizAnswered: [.type, .time, .item, .correct, .rules, .topic]
        case .reviewRated: [.type, .time, .card, .rating, .seconds, .due, .stability, .difficulty]
        case .examSubmitted: [.type, .time, .exam, .score, .passed, .transcript]
        case .rulesRead: [.type, .time, .topic]
        }
    }

    /// Known `type` values, matched the same way as keys.
    static let typeTable: [(UInt64, UInt64, Int, ProgressEvent.EventType)] = ProgressEvent.EventType.allCases.map {
        let bytes = Array($0.rawValue.utf8)
        let (low, high) = bytes.withUnsafeBufferPointer { Key.pack($0, 0, bytes.count) }
        return (low, high, bytes.count, $0)
    }
}
