import Foundation  // memchr

/// Detectors for text shapes that word phrases cannot describe. Each is a hand-written scanner over the normalised
/// bytes (no regular expressions, nothing compiled per reply); what counts — top-level domains, exempt domains,
/// cue words, acronyms — comes from the lexicon's `shapes:` section.
/// A class, immutable once built: every reply runs every rule, and as a struct each call copied the rule (a retain and a
/// release for each of its sets and word lists) before scanning.
final class ShapeRule: Sendable {
    enum Kind: String, Sendable, CaseIterable {
        case email, url, handle, phone, placeholder, caps, scareQuote = "scare_quote", script, functionWords = "function_words"
    }

    struct SpecError: Error {
        var path: [PathStep]
        var message: String
    }

    let term: Int
    let kind: Kind
    let tlds: Set<[UInt8]>
    let exemptDomains: Set<[UInt8]>
    let minDigits: Int
    let maxDigits: Int
    let bareMinDigits: Int
    let window: Int
    let cue: WordSet
    let exempt: WordSet
    let labels: WordSet
    let words: WordSet
    let run: Int
    let share: Double
    let minWords: Int
    let maxWords: Int
    let minLetters: Int

    init(term: Int, spec: ShapeSpec, lexicon: Lexicon) throws(SpecError) {
        guard let kind = Kind(rawValue: spec.kind) else {
            throw SpecError(path: [.key("kind")], message: "unknown shape kind '\(spec.kind)' (one of \(Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        self.term = term
        self.kind = kind
        func wordClass(_ name: String?, _ key: String, required: Bool) throws(SpecError) -> WordSet {
            guard let name else {
                if required { throw SpecError(path: [], message: "shape '\(kind.rawValue)' needs '\(key)'") }
                return WordSet()
            }
            guard let members = lexicon.classes[name] else { throw SpecError(path: [.key(key)], message: "unknown class '\(name)'") }
            return WordSet(members)
        }
        let tlds = Set((spec.tlds ?? []).map { Array($0.lowercased().utf8) })
        self.tlds = tlds
        exemptDomains = Set((spec.exempt_domains ?? []).map { Array($0.lowercased().utf8) })
        if kind == .url && tlds.isEmpty { throw SpecError(path: [], message: "shape 'url' needs 'tlds'") }
        minDigits = spec.min_digits ?? 7
        maxDigits = spec.max_digits ?? 15
        bareMinDigits = spec.bare_min_digits ?? 10
        window = spec.window ?? 4
        cue = try wordClass(spec.cue_class, "cue_class", required: false)
        exempt = try wordClass(spec.exempt_class, "exempt_class", required: false)
        labels = try wordClass(spec.label_class, "label_class", required: false)
        words = try wordClass(spec.word_class, "word_class", required: kind == .placeholder || kind == .scareQuote || kind == .functionWords)
        run = spec.run ?? 4
        share = spec.share ?? 0.5
        minWords = spec.min_words ?? 8
        maxWords = spec.max_words ?? 3
        minLetters = spec.min_letters ?? 4
    }

    func scan(_ text: NormalizedText, _ tokens: [Token], _ vocabulary: Vocabulary, into matches: inout [RawMatch]) {
        switch kind {
        case .email: scanEmail(text, tokens, &matches)
        case .url: scanURL(text, tokens, &matches)
        case .handle: scanHandle(text, tokens, &matches)
        case .phone: scanPhone(text, tokens, &matches)
        case .placeholder: scanPlaceholder(text, tokens, vocabulary, &matches)
        case .caps: scanCaps(tokens, &matches)
        case .scareQuote: scanScareQuotes(tokens, &matches)
        case .script: scanScript(text, tokens, &matches)
        case .functionWords: scanFunctionWords(tokens, &matches)
        }
    }

    // MARK: helpers

    @inline(__always) static func isAlnum(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) }
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// Index of the first token ending after byte `offset`.
    static func tokenIndex(_ tokens: [Token], atOrAfter offset: Int) -> Int {
        var low = 0, high = tokens.count
        while low < high {
            let mid = (low + high) >> 1
            if Int(tokens[mid].end) <= offset { low = mid + 1 } else { high = mid }
        }
        return low
    }

    func add(_ start: Int, _ end: Int, _ tokens: [Token], _ matches: inout [RawMatch]) {
        let first = ShapeRule.tokenIndex(tokens, atOrAfter: start)
        var last = first
        while last < tokens.count && Int(tokens[last].start) < end { last += 1 }
        matches.append(RawMatch(term: Int32(term), first: Int32(first), last: Int32(max(last, first)), start: Int32(start), end: Int32(end)))
    }

    // MARK: e-mail, link, handle

    /// Index of the first byte `byte` at or after `from`, or nil. `memchr` (vectorised) skips the bytes between: most
    /// replies hold no `@` at all, and the scanners that need one no longer step through every byte to find that out.
    static func find(_ byte: UInt8, in bytes: [UInt8], from: Int) -> Int? {
        guard from < bytes.count else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, let hit = memchr(base + from, Int32(byte), buffer.count - from) else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// The first index at or after `from` whose byte does not pass `skipped`, or the end: a loop over a pointer, without
    /// an array's bounds check at every byte, for the stretches of text a scanner has nothing to look at.
    @inline(__always)
    static func skip(_ bytes: [UInt8], from: Int, while skipped: (UInt8) -> Bool) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            var k = from
            while k < buffer.count && skipped(buffer[k]) { k += 1 }
            return k
        }
    }

    func scanEmail(_ text: NormalizedText, _ tokens: [Token], _ matches: inout [RawMatch]) {
        let b = text.bytes
        var next = 0
        while let k = ShapeRule.find(0x40, in: b, from: next) {
            next = k + 1
            var a = k
            while a > 0, ShapeRule.isAlnum(b[a - 1]) || [0x2E, 0x5F, 0x25, 0x2B, 0x2D].contains(b[a - 1]) { a -= 1 }
            while a < k && b[a] == 0x2E { a += 1 }
            guard a < k else { continue }
            guard let end = ShapeRule.domainEnd(b, from: k + 1, tlds: nil) else { continue }
            add(a, end, tokens, &matches)
            next = end + 1
        }
    }

    /// End of a domain name starting at `from` (two or more labels, the last all letters), or nil.
    static func domainEnd(_ b: [UInt8], from: Int, tlds: Set<[UInt8]>?) -> Int? {
        var j = from
        var labels: [Range<Int>] = []
        while j < b.count {
            let start = j
            while j < b.count, isAlnum(b[j]) || b[j] == 0x2D { j += 1 }
            guard j > start else { break }
            labels.append(start..<j)
            if j + 1 < b.count, b[j] == 0x2E, isAlnum(b[j + 1]) { j += 1 } else { break }
        }
        guard labels.count >= 2, let last = labels.last, last.count >= 2, b[last].allSatisfy(isLetter) else { return nil }
        if let tlds, !tlds.contains(Array(b[last])) { return nil }
        return last.upperBound
    }

    /// Built once, not at every word that starts with "h" or "w".
    static let http = Array("http://".utf8), https = Array("https://".utf8), www = Array("www.".utf8)

    func scanURL(_ text: NormalizedText, _ tokens: [Token], _ matches: inout [RawMatch]) {
        let b = text.bytes
        let n = b.count
        var k = 0
        func pathEnd(_ from: Int) -> Int {
            var j = from
            while j < n, b[j] > 0x20, b[j] != 0x22, b[j] != 0x29, b[j] != 0x3E { j += 1 }
            while j > from, [0x2E, 0x2C, 0x21, 0x3F, 0x3B, 0x3A].contains(b[j - 1]) { j -= 1 }
            return j
        }
        func exemptHost(_ start: Int, _ end: Int) -> Bool {
            guard !exemptDomains.isEmpty else { return false }
            var labelStart = start
            for j in start...end where j == end || b[j] == 0x2E || b[j] == 0x2F {
                if exemptDomains.contains(Array(b[labelStart..<j])) { return true }
                if j < end && b[j] == 0x2F { break }
                labelStart = j + 1
            }
            return false
        }
        while k < n {
            // Only an h, a w or a full stop can begin what is tested below: the bytes between are skipped in a tight loop.
            k = ShapeRule.skip(b, from: k) { $0 != 0x68 && $0 != 0x77 && $0 != 0x2E }
            guard k < n else { break }
            // Explicit schemes and www.
            if b[k] == 0x68, k + 7 <= n, (k == 0 || !ShapeRule.isAlnum(b[k - 1])) {
                let rest = b[k..<min(n, k + 8)]
                if rest.starts(with: ShapeRule.http) || rest.starts(with: ShapeRule.https) {
                    let hostStart = k + (rest.starts(with: ShapeRule.https) ? 8 : 7)
                    let end = pathEnd(hostStart)
                    if !exemptHost(hostStart, end) { add(k, end, tokens, &matches) }
                    k = end
                    continue
                }
            }
            if b[k] == 0x77, k + 4 <= n, (k == 0 || !ShapeRule.isAlnum(b[k - 1])), b[k..<(k + 4)].elementsEqual(ShapeRule.www) {
                let end = pathEnd(k + 4)
                if !exemptHost(k + 4, end) { add(k, end, tokens, &matches) }
                k = end
                continue
            }
            // word.tld
            if b[k] == 0x2E, k > 0, ShapeRule.isAlnum(b[k - 1]), k + 1 < n, ShapeRule.isLetter(b[k + 1]) {
                var start = k
                while start > 0, ShapeRule.isAlnum(b[start - 1]) || b[start - 1] == 0x2D || b[start - 1] == 0x2E { start -= 1 }
                if start > 0 && b[start - 1] == 0x40 { k += 1; continue }  // part of an e-mail address
                if let hostEnd = ShapeRule.domainEnd(b, from: start, tlds: tlds) {
                    var end = hostEnd
                    if end < n && b[end] == 0x2F { end = pathEnd(end) }
                    if !exemptHost(start, hostEnd) { add(start, end, tokens, &matches) }
                    k = max(end, k + 1)
                    continue
                }
            }
            k += 1
        }
    }

    func scanHandle(_ text: NormalizedText, _ tokens: [Token], _ matches: inout [RawMatch]) {
        let b = text.bytes
        let n = b.count
        var next = 0
        while let k = ShapeRule.find(0x40, in: b, from: next) {
            next = k + 1
            guard k == 0 || !(ShapeRule.isAlnum(b[k - 1]) || b[k - 1] == 0x2E || b[k - 1] == 0x5F) else { continue }
            var j = k + 1
            guard j < n, ShapeRule.isLetter(b[j]) || b[j] == 0x5F else { continue }
            while j < n, ShapeRule.isAlnum(b[j]) || b[j] == 0x5F || b[j] == 0x2E { j += 1 }
            while j > k + 1 && b[j - 1] == 0x2E { j -= 1 }
            if j - k >= 4 { add(k, j, tokens, &matches) }
        }
    }

    // MARK: phone numbers

    func scanPhone(_ text: NormalizedText, _ tokens: [Token], _ matches: inout [RawMatch]) {
        let b = text.bytes
        let n = b.count
        var k = 0
        while k < n {
            // Only a digit, + or ( can start a number: the bytes between are skipped in a tight loop.
            k = ShapeRule.skip(b, from: k) { $0 &- 0x30 >= 10 && $0 != 0x2B && $0 != 0x28 }
            guard k < n else { break }
            let c = b[k]
            let startsNumber = ShapeRule.isDigit(c) || ((c == 0x2B || c == 0x28) && k + 1 < n && ShapeRule.isDigit(b[k + 1]))
            guard startsNumber, k == 0 || !(ShapeRule.isAlnum(b[k - 1]) || b[k - 1] == 0x24 || b[k - 1] == 0x2E || b[k - 1] == 0x2D) else {
                k += 1
                continue
            }
            var j = k
            var groups: [Int] = []
            var current = 0
            var separators = 0
            while j < n {
                let d = b[j]
                if ShapeRule.isDigit(d) {
                    current += 1
                    j += 1
                } else if [0x20, 0x2D, 0x2E, 0x28, 0x29, 0x2B].contains(d), j + 1 < n,
                    ShapeRule.isDigit(b[j + 1]) || (b[j + 1] == 0x28 && j + 2 < n && ShapeRule.isDigit(b[j + 2]))
                        || (d == 0x29 && b[j + 1] == 0x20 && j + 2 < n && ShapeRule.isDigit(b[j + 2]))
                {
                    if current > 0 { groups.append(current); current = 0 }
                    separators += 1
                    j += 1
                } else {
                    break
                }
            }
            if current > 0 { groups.append(current) }
            let end = j
            k = max(end, k + 1)
            if end < n, ShapeRule.isLetter(b[end]) { continue }  // "10am", "3pm"
            let digits = groups.reduce(0, +)
            guard digits >= minDigits, digits <= maxDigits else { continue }
            // Dates (2024-05-12, 12.05.2024) are not phone numbers.
            if groups.count == 3, groups == [4, 2, 2] || groups == [2, 2, 4] || groups == [1, 2, 4] || groups == [2, 1, 4] { continue }
            if groups.count == 2, groups.contains(where: { $0 == 1 }) { continue }
            let numberToken = ShapeRule.tokenIndex(tokens, atOrAfter: firstDigit(b, from: end - 1))
            var cued = false, exempted = false
            var t = numberToken - 1
            while t >= 0 && numberToken - t <= window {
                let id = tokens[t].id
                if exempt.contains(id) { exempted = true }
                if cue.contains(id) { cued = true }
                t -= 1
            }
            if exempted { continue }
            if separators == 0 && digits < bareMinDigits && !cued { continue }
            if separators > 0 && groups.count >= 2 && !cued && groups.allSatisfy({ $0 <= 2 }) { continue }
            add(startOfNumber(b, end), end, tokens, &matches)
        }
    }

    private func firstDigit(_ b: [UInt8], from index: Int) -> Int {
        var j = index
        while j > 0, ShapeRule.isDigit(b[j - 1]) || [0x20, 0x2D, 0x2E, 0x28, 0x29, 0x2B].contains(b[j - 1]) { j -= 1 }
        while j < index, !ShapeRule.isDigit(b[j]) { j += 1 }
        return j
    }

    private func startOfNumber(_ b: [UInt8], _ end: Int) -> Int {
        var j = end
        while j > 0, ShapeRule.isDigit(b[j - 1]) || [0x20, 0x2D, 0x2E, 0x28, 0x29, 0x2B].contains(b[j - 1]) { j -= 1 }
        while j < end, b[j] == 0x20 { j += 1 }
        return j
    }

    // MARK: placeholders

    func scanPlaceholder(_ text: NormalizedText, _ tokens: [Token], _ vocabulary: Vocabulary, _ matches: inout [RawMatch]) {
        guard ShapeRule.mayHavePlaceholder(text) else { return }
        let b = text.bytes
        let n = b.count
        var k = 0
        while k < n {
            let open = b[k]
            let close: UInt8
            switch open {
            case 0x5B: close = 0x5D
            case 0x7B: close = 0x7D
            case 0x3C: close = 0x3E
            case 0x28: close = 0x29
            default:
                // A run of upper-case X's: XXX-XXXXXXX.
                if open == 0x78, text.upper[k] != 0, k == 0 || !ShapeRule.isAlnum(b[k - 1]) {
                    var j = k
                    var xs = 0
                    while j < n, (b[j] == 0x78 && text.upper[j] != 0) || b[j] == 0x2D { if b[j] == 0x78 { xs += 1 }; j += 1 }
                    if xs >= 3, j == n || !ShapeRule.isAlnum(b[j]) { add(k, j, tokens, &matches) }
                    k = max(j, k + 1)
                    continue
                }
                k += 1
                continue
            }
            var j = k + 1
            while j < n, b[j] == open { j += 1 }
            let innerStart = j
            while j < n, j - k < 48, b[j] != close, b[j] != 0x0A, b[j] != open { j += 1 }
            guard j < n, b[j] == close else { k += 1; continue }
            let innerEnd = j
            var end = j + 1
            while end < n, b[end] == close { end += 1 }
            if isPlaceholder(text, innerStart, innerEnd, vocabulary, parenthesis: open == 0x28) { add(k, end, tokens, &matches) }
            k = end
        }
    }

    /// Whether the text has a byte a placeholder can start with: an opening bracket, or an upper-case X. Most replies
    /// have neither, and `memchr` (vectorised) rules that out far faster than the byte-by-byte scan below.
    static func mayHavePlaceholder(_ text: NormalizedText) -> Bool {
        for open: UInt8 in [0x5B, 0x7B, 0x3C, 0x28] where find(open, in: text.bytes, from: 0) != nil { return true }
        var from = 0
        while let k = find(0x78, in: text.bytes, from: from) {
            if text.upper[k] != 0 { return true }
            from = k + 1
        }
        return false
    }

    private func isPlaceholder(_ text: NormalizedText, _ start: Int, _ end: Int, _ vocabulary: Vocabulary, parenthesis: Bool) -> Bool {
        let b = text.bytes
        var wordCount = 0
        var j = start
        var sawUpper = false
        while j < end {
            while j < end, [0x20, 0x5F, 0x2D, 0x2E, 0x23, 0x3A].contains(b[j]) { j += 1 }
            let wordStart = j
            while j < end, ShapeRule.isLetter(b[j]) || b[j] == 0x27 { j += 1 }
            if j == wordStart {
                if j < end { return false }  // digits or symbols inside: real text, not a placeholder
                break
            }
            if text.upper[wordStart] != 0 { sawUpper = true }
            let word = b[wordStart..<j]
            if word.count >= 2 && word.allSatisfy({ $0 == 0x78 }) {
                wordCount += 1
                continue
            }
            let ids = b.withUnsafeBufferPointer { buffer in vocabulary.lookup(buffer, wordStart..<j) }
            guard let ids, ids.count == 1, words.contains(ids[ids.startIndex]) else { return false }
            wordCount += 1
        }
        if parenthesis && !sawUpper { return false }
        return wordCount >= 1 && wordCount <= 5
    }

    // MARK: shouting, scare quotes, script

    func scanCaps(_ tokens: [Token], _ matches: inout [RawMatch]) {
        var best = 0, bestStart = 0, bestEnd = 0
        var current = 0, currentStart = 0
        var capsWords = 0, letterWords = 0
        for (i, token) in tokens.enumerated() {
            let length = Int(token.end - token.start)
            let single = length == 1 && token.has(Token.capitalized)
            if single { continue }
            let isCaps = token.has(Token.allCaps) && !words.contains(token.id)
            if !token.has(Token.number) { letterWords += 1 }
            if isCaps {
                capsWords += 1
                if current == 0 { currentStart = i }
                current += 1
                if current > best { best = current; bestStart = currentStart; bestEnd = i }
            } else if !token.has(Token.number) {
                current = 0
            }
        }
        let shouting = best >= run || (letterWords >= minWords && Double(capsWords) >= share * Double(letterWords) && capsWords >= 2)
        guard shouting, best > 0 else { return }
        matches.append(RawMatch(term: Int32(term), first: Int32(bestStart), last: Int32(bestEnd + 1),
                                start: tokens[bestStart].start, end: tokens[bestEnd].end))
    }

    func scanScareQuotes(_ tokens: [Token], _ matches: inout [RawMatch]) {
        for (i, token) in tokens.enumerated() where token.has(Token.openQuote) {
            if i > 0 && tokens[i - 1].start == token.start { continue }  // second token of a contraction
            if i > 0 && tokens[i - 1].sentence == token.sentence
                && (exempt.contains(tokens[i - 1].id) || tokens[i - 1].has(Token.closeQuote))
            {
                continue  // a quoted option or label: choose "Damaged", "Return or Replace Items" > "Item defective"
            }
            if token.has(Token.capitalized) { continue }  // Title Case in quotes is a label, not mockery
            var j = i
            var hit = false
            while j < tokens.count, j - i < maxWords, tokens[j].sentence == token.sentence {
                if words.contains(tokens[j].id) { hit = true }
                if tokens[j].has(Token.closeQuote) { break }
                j += 1
            }
            guard j < tokens.count, j - i < maxWords, tokens[j].has(Token.closeQuote), hit else { continue }
            if j + 1 < tokens.count && tokens[j + 1].sentence == token.sentence && labels.contains(tokens[j + 1].id) {
                continue  // a status or a claim named by its label: the "delivered" status, the "item not received" claim
            }
            matches.append(RawMatch(term: Int32(term), first: Int32(i), last: Int32(j + 1),
                                    start: token.start - 1, end: tokens[j].end + 1))
        }
    }

    /// A reply of at least `min_words` words in Latin script where fewer than `share` of them are the language's
    /// function words is written in another language (Spanish, French…).
    func scanFunctionWords(_ tokens: [Token], _ matches: inout [RawMatch]) {
        var words = 0, function = 0
        for token in tokens where !token.has(Token.number) {
            words += 1
            if self.words.contains(token.id) { function += 1 }
        }
        guard words >= minWords, Double(function) < share * Double(words), let first = tokens.first else { return }
        var last = 0
        while last + 1 < tokens.count && tokens[last + 1].sentence == first.sentence { last += 1 }
        matches.append(RawMatch(term: Int32(term), first: 0, last: Int32(last + 1), start: first.start, end: tokens[last].end))
    }

    func scanScript(_ text: NormalizedText, _ tokens: [Token], _ matches: inout [RawMatch]) {
        let total = text.latinLetters + text.otherLetters
        guard text.otherLetters >= minLetters, total > 0, Double(text.otherLetters) >= share * Double(total),
            let run = text.firstOtherRun
        else { return }
        var start = -1, end = -1
        for (k, origin) in text.origin.enumerated() {
            if start < 0 && Int(origin) >= run.lowerBound { start = k }
            if Int(origin) < run.upperBound { end = k + 1 }
        }
        guard start >= 0, end > start else { return }
        add(start, end, tokens, &matches)
    }
}

/// One match of a phrase or shape: which term, which tokens, which bytes of the normalised text.
struct RawMatch: Sendable {
    var term: Int32
    var first: Int32
    var last: Int32
    var start: Int32
    var end: Int32
}
