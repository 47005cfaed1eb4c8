/// One word of a normalised reply, with where it sits: its byte range, its sentence and clause.
/// A contraction becomes several tokens over the same bytes ("can't" → can, not).
public struct Token: Sendable, Equatable {
    /// Vocabulary id, or -1 for a word no lexicon knows.
    public var id: Int32
    public var start: Int32
    public var end: Int32
    public var sentence: Int32
    /// Clauses split sentences at commas, dashes and words like "but"; negation never reaches across one.
    public var clause: Int32
    public var flags: UInt8

    public static let number: UInt8 = 1
    public static let money: UInt8 = 2
    public static let percent: UInt8 = 4
    public static let allCaps: UInt8 = 8
    public static let capitalized: UInt8 = 16
    public static let openQuote: UInt8 = 32
    public static let closeQuote: UInt8 = 64

    @inline(__always) public func has(_ flag: UInt8) -> Bool { flags & flag != 0 }
}

/// Settings the tokenizer reads from the lexicon: apostrophe suffixes and clause-breaking words.
public struct TokenizerConfig: Sendable {
    /// Suffix after an apostrophe → the word it adds (`"n't": "not"`, `"'s": ""`), longest first.
    public var suffixes: [(suffix: [UInt8], adds: Int32?)]
    /// Words that start a new clause ("but", "however"), and the same as a table by id.
    public var clauseWords: Set<Int32> {
        didSet { isClauseWord = TokenizerConfig.table(clauseWords) }
    }
    public private(set) var isClauseWord: [Bool] = []

    public init(suffixes: [(suffix: [UInt8], adds: Int32?)] = [], clauseWords: Set<Int32> = []) {
        self.suffixes = suffixes
        self.clauseWords = clauseWords
        self.isClauseWord = TokenizerConfig.table(clauseWords)
    }

    static func table(_ ids: Set<Int32>) -> [Bool] {
        var table = Array(repeating: false, count: Int(ids.max() ?? -1) + 1)
        for id in ids { table[Int(id)] = true }
        return table
    }
}

/// Splits normalised text into tokens, applying the vocabulary's rewrites, in one left-to-right pass.
public enum Tokenizer {
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || b >= 0x80 }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    @inline(__always) static func isWord(_ b: UInt8) -> Bool { isLetter(b) || isDigit(b) }

    public static func tokenize(_ text: NormalizedText, vocabulary: Vocabulary, config: TokenizerConfig) -> [Token] {
        text.bytes.withUnsafeBufferPointer { bytes in
            text.upper.withUnsafeBufferPointer { caps in
                var builder = TokenBuilder(bytes: bytes, caps: caps)
                builder.run(vocabulary, config)
                return builder.tokens
            }
        }
    }
}

/// The tokenizer's state for one reply: a value type with mutating steps (no captured mutable locals).
/// The vocabulary and settings are passed to each step, borrowed, rather than stored: storing them copied both (a retain
/// and a release for each of their arrays) for every reply and every variable value.
private struct TokenBuilder {
    let bytes: UnsafeBufferPointer<UInt8>
    let caps: UnsafeBufferPointer<UInt8>
    var tokens: [Token] = []
    var sentence: Int32 = 0
    var clause: Int32 = 0
    var sentenceBreak = false
    var clauseBreak = false

    init(bytes: UnsafeBufferPointer<UInt8>, caps: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        self.caps = caps
        tokens.reserveCapacity(bytes.count / 4 + 4)
    }

    func flags(_ start: Int, _ end: Int) -> UInt8 {
        var letters = 0, upper = 0
        for k in start..<end where Tokenizer.isLetter(bytes[k]) && bytes[k] < 0x80 {
            letters += 1
            if caps[k] != 0 { upper += 1 }
        }
        return flags(start, end, letters: letters, upper: upper)
    }

    /// The flags of the word at `start..<end`, which holds `letters` ASCII letters, `upper` of them upper-case in the
    /// reply (counted by the caller while it found the word's end).
    @inline(__always)
    func flags(_ start: Int, _ end: Int, letters: Int, upper: Int) -> UInt8 {
        let n = bytes.count
        var f: UInt8 = 0
        if Tokenizer.isDigit(bytes[start]) { f |= Token.number }
        if start > 0, bytes[start - 1] == 0x24 { f |= Token.money }
        if end < n, bytes[end] == 0x25 { f |= Token.percent }
        if letters > 0 && caps[start] != 0 { f |= Token.capitalized }
        if letters >= 2 && upper == letters { f |= Token.allCaps }
        if start > 0, bytes[start - 1] == 0x22 || bytes[start - 1] == 0x27, start == 1 || !Tokenizer.isWord(bytes[start - 2]) {
            f |= Token.openQuote
        }
        if end < n, bytes[end] == 0x22 || bytes[end] == 0x27, end + 1 == n || !Tokenizer.isWord(bytes[end + 1]) {
            f |= Token.closeQuote
        }
        return f
    }

    mutating func append(_ id: Int32, _ start: Int, _ end: Int, _ f: UInt8, _ config: TokenizerConfig) {
        if sentenceBreak && !tokens.isEmpty {
            sentence += 1
            clause += 1
        } else if clauseBreak && !tokens.isEmpty {
            clause += 1
        } else if id >= 0 && !tokens.isEmpty && Int(id) < config.isClauseWord.count && config.isClauseWord[Int(id)] {
            clause += 1
        }
        sentenceBreak = false
        clauseBreak = false
        tokens.append(Token(id: id, start: Int32(start), end: Int32(end), sentence: sentence, clause: clause, flags: f))
    }

    /// One word without hyphens: rewrites, then apostrophe suffixes, else unknown.
    mutating func word(_ start: Int, _ end: Int, _ f: UInt8, _ vocabulary: Vocabulary, _ config: TokenizerConfig) {
        if let ids = vocabulary.entries(bytes, start..<end) {
            for k in ids { append(vocabulary.entryID(k), start, end, f, config) }
            return
        }
        // By index: copying each rule out of the list would retain and release its suffix bytes for every unknown word.
        for r in config.suffixes.indices where end - start > config.suffixes[r].suffix.count {
            let length = config.suffixes[r].suffix.count
            let cut = end - length
            var matches = true
            for k in 0..<length where bytes[cut + k] != config.suffixes[r].suffix[k] {
                matches = false
                break
            }
            guard matches else { continue }
            let rule = config.suffixes[r]
            if let ids = vocabulary.entries(bytes, start..<cut) {
                for k in ids { append(vocabulary.entryID(k), start, end, f, config) }
            } else {
                append(-1, start, end, f, config)
            }
            if let adds = rule.adds { append(adds, start, end, f, config) }
            return
        }
        append(-1, start, end, f, config)
    }

    mutating func run(_ vocabulary: Vocabulary, _ config: TokenizerConfig) {
        let n = bytes.count
        var i = 0
        while i < n {
            let b = bytes[i]
            if Tokenizer.isWord(b) {
                let start = i
                var hyphen = false
                // ASCII letters and upper-case ones, counted here for the flags rather than in a second pass.
                var letters = b &- 0x61 < 26 ? 1 : 0
                var upper = letters > 0 && caps[i] != 0 ? 1 : 0
                var j = i + 1
                while j < n {
                    let c = bytes[j]
                    if Tokenizer.isWord(c) {
                        if c &- 0x61 < 26 {
                            letters &+= 1
                            if caps[j] != 0 { upper &+= 1 }
                        }
                        j += 1
                        continue
                    }
                    if c == 0x27, j + 1 < n, Tokenizer.isLetter(bytes[j + 1]), Tokenizer.isLetter(bytes[j - 1]) { j += 1; continue }
                    if c == 0x2D, j + 1 < n, Tokenizer.isWord(bytes[j + 1]) { hyphen = true; j += 1; continue }
                    if c == 0x2E || c == 0x2C, Tokenizer.isDigit(bytes[j - 1]), j + 1 < n, Tokenizer.isDigit(bytes[j + 1]) { j += 1; continue }
                    break
                }
                let f = flags(start, j, letters: letters, upper: upper)
                if hyphen {
                    if let ids = vocabulary.entries(bytes, start..<j) {
                        for k in ids { append(vocabulary.entryID(k), start, j, f, config) }
                    } else {
                        var partStart = start
                        for k in start...j where k == j || bytes[k] == 0x2D {
                            if k > partStart { word(partStart, k, flags(partStart, k), vocabulary, config) }
                            partStart = k + 1
                        }
                    }
                } else {
                    word(start, j, f, vocabulary, config)
                }
                i = j
                continue
            }
            switch b {
            case 0x2E, 0x21, 0x3F:  // . ! ?
                // A full stop ends a sentence unless it sits inside a word (shop.com, 3.5).
                if b != 0x2E || i + 1 >= n || !Tokenizer.isWord(bytes[i + 1]) { sentenceBreak = true } else { clauseBreak = true }
            case 0x0A, 0x3B:  // newline, ;
                sentenceBreak = true
            case 0x2C, 0x3A, 0x28, 0x29, 0x22, 0x2D, 0x2F, 0x5B, 0x5D:
                clauseBreak = true
            default:
                break
            }
            i += 1
        }
    }
}
