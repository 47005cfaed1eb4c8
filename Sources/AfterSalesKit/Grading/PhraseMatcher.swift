/// Finds every phrase of every concept in a token list in one left-to-right pass over the flat table: a phrase is
/// tried only around the occurrences of the rarest word it needs (the trigger index), or, when it needs no plain word,
/// at the words it can start with and go on from (the bucketed start index); a phrase whose other required words do not
/// occur in the reply is ruled out after one check (remembered per reply); slots compare integers in flat arrays.
/// Per-reply scratch lives on the stack and per-phrase memory is reused between replies (`PhraseScratch`), so matching
/// allocates nothing but the matches it finds.
extension Lexicon {
    func findPhrases(_ tokens: [Token], into matches: inout [RawMatch]) {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: (table.presenceBits >> 6) + 1) { present in
        phraseScratch.with(phrases: table.term.count) { scratch in
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, tokens.count)) { nextBucket in
            present.initialize(repeating: 0)
            present[0] = 1  // bit 0: always set (see `PhraseAnchor`)
            let base = scratch.begin(tokens: tokens.count)
            table.term.withUnsafeBufferPointer { term in
            table.slotStart.withUnsafeBufferPointer { slotStart in
            table.slotCount.withUnsafeBufferPointer { slotCount in
            table.setsOfWordStart.withUnsafeBufferPointer { setsOfWordStart in
            table.setsOfWord.withUnsafeBufferPointer { setsOfWord in
            table.slots.withUnsafeBufferPointer { slots in
            table.ids.withUnsafeBufferPointer { ids in
            table.setBits.withUnsafeBufferPointer { setBits in
            table.byWord.withUnsafeBufferPointer { byWord in
            table.rows.withUnsafeBufferPointer { rows in
            table.bucketStart.withUnsafeBufferPointer { bucketStart in
            table.bucketList.withUnsafeBufferPointer { bucketList in
            table.follow.withUnsafeBufferPointer { follow in
            table.triggerList.withUnsafeBufferPointer { triggerList in
            table.entries.withUnsafeBufferPointer { entries in
            isNumberWord.withUnsafeBufferPointer { numberWords in
            tokens.withUnsafeBufferPointer { tokens in
                let scan = PhraseScan(
                    term: term, slotStart: slotStart, slotCount: slotCount, setsOfWordStart: setsOfWordStart, setsOfWord: setsOfWord, byWord: byWord, rows: rows, bucketStart: bucketStart, bucketList: bucketList,
                    follow: follow, triggerList: triggerList, entries: entries,
                    matcher: Matcher(slots: slots, ids: ids, setBits: setBits, bitmapWords: table.bitmapWords, numberWords: numberWords,
                                     tokens: tokens),
                    present: present, stamps: scratch.stamps, base: base, nextBucket: nextBucket)
                // Straight into the caller's reserved array.
                scan.run(numberStarts: table.numberStarts, moneyStarts: table.moneyStarts, percentStarts: table.percentStarts, into: &matches)
            }}}}}}}}}}}}}}}}}
        }}}
    }
}

/// One reply's phrase scan over the flat table (pointers valid only inside `findPhrases`). Its methods do not mutate it
/// (its state is behind the pointers) and the matches go to an `inout` array: calling a mutating method out of line
/// copied the whole value, some 300 bytes, at each call (callgrind).
private struct PhraseScan {
    let term: UnsafeBufferPointer<Int32>
    let slotStart: UnsafeBufferPointer<Int32>
    let slotCount: UnsafeBufferPointer<Int32>
    let setsOfWordStart: UnsafeBufferPointer<Int32>
    let setsOfWord: UnsafeBufferPointer<Int32>
    let byWord: UnsafeBufferPointer<WordRow>
    let rows: UnsafeBufferPointer<StartRow>
    let bucketStart: UnsafeBufferPointer<Int32>
    let bucketList: UnsafeBufferPointer<Int32>
    let follow: UnsafeBufferPointer<UInt64>
    let triggerList: UnsafeBufferPointer<TriggeredPhrase>
    let entries: UnsafeBufferPointer<PhraseEntry>
    let matcher: Matcher
    /// The reply's presence bits (see `PhraseTable.presenceBits`): its words, the anchor word sets it has a word of, and
    /// the bit that is always set.
    let present: UnsafeMutableBufferPointer<UInt64>
    /// Per phrase, a stamp (see `PhraseScratch`), less `base`: negative for nothing yet in this reply. For a triggered
    /// phrase, the last token it was tried at, so two trigger words in one sentence never try the same start twice; for
    /// a phrase of the start index, 1 when all its anchors are present, 2 when one is missing (it can never match).
    let stamps: UnsafeMutableBufferPointer<Int32>
    let base: Int
    /// Per token: its `FollowMask` bucket, the bit of the token after it. Computed once per reply: every start tried in
    /// a trigger's window would otherwise read two tokens to find it.
    let nextBucket: UnsafeMutableBufferPointer<UInt8>

    func run(numberStarts: [Int32], moneyStarts: [Int32], percentStarts: [Int32], into found: inout [RawMatch]) {
        let tokens = matcher.tokens
        for token in tokens where token.id >= 0 {
            let id = Int(token.id)
            present[(id + 1) >> 6] |= 1 << UInt64((id + 1) & 63)
            for k in Int(setsOfWordStart[id])..<Int(setsOfWordStart[id + 1]) {
                let bit = Int(setsOfWord[k])
                present[bit >> 6] |= 1 << UInt64(bit & 63)
            }
        }
        for i in 0..<tokens.count {
            nextBucket[i] = UInt8(FollowMask.bucket(next: i + 1 < tokens.count && tokens[i + 1].sentence == tokens[i].sentence ? tokens[i + 1] : nil))
        }
        for i in 0..<tokens.count {
            let token = tokens[i]
            let bucket = Int(nextBucket[i])
            if token.id >= 0, case let row = Int(byWord[Int(token.id)].startRow), row >= 0, let at = rows[row].span(bucket) {
                for k in Int(bucketStart[at])..<Int(bucketStart[at + 1]) { attempt(Int(bucketList[k]), at: i, into: &found) }
            }
            let next: UInt64 = 1 << UInt64(bucket)
            if token.has(Token.number) && (token.id < 0 || !matcher.numberWords[Int(token.id)]) {
                for p in numberStarts where follow[Int(p)] & next != 0 { attempt(Int(p), at: i, into: &found) }
            }
            if token.has(Token.money) { for p in moneyStarts where follow[Int(p)] & next != 0 { attempt(Int(p), at: i, into: &found) } }
            if token.has(Token.percent) { for p in percentStarts where follow[Int(p)] & next != 0 { attempt(Int(p), at: i, into: &found) } }
        }
        var sentenceStart = 0
        for t in 0..<tokens.count {
            let token = tokens[t]
            if t > 0 && tokens[t - 1].sentence != token.sentence { sentenceStart = t }
            guard token.id >= 0 else { continue }
            let word = byWord[Int(token.id)]
            for k in Int(word.triggerStart)..<Int(word.triggerEnd) {
                // The anchors first, here in the loop: they sit in the trigger list itself, so the half of the phrases
                // found here that cannot match are ruled out without a call or a read of their try state and entry.
                let triggered = triggerList[k]
                guard viable(triggered.anchor0, triggered.anchor1, triggered.anchor2) else { continue }
                // Then the first place in the window the phrase can go on from (its follow mask), usually none.
                var from = triggered.before == TriggeredPhrase.wholeSentence ? sentenceStart : max(sentenceStart, t - Int(triggered.before))
                while from <= t && triggered.follow & (1 << UInt64(nextBucket[from])) == 0 { from += 1 }
                guard from <= t else { continue }
                tryAround(triggered, from: from, trigger: t, into: &found)
            }
        }
    }

    /// Tries triggered phrase `p`, whose anchors are present, at every token that can start it in the window before its
    /// trigger word at `t`, from `from`, the window's first token its follow mask allows. Out of line: the loop that calls
    /// it stays small.
    /// A window in which no token passes the follow mask is not recorded in `tried`: the windows of one phrase move only
    /// forward, so the tokens such a window shares with a later one fail the mask there too, and the same starts are tried.
    @inline(never)
    func tryAround(_ triggered: TriggeredPhrase, from: Int, trigger t: Int, into found: inout [RawMatch]) {
        let p = Int(triggered.phrase)
        let lowest = max(from, Int(stamps[p]) - base + 1)
        guard lowest <= t else { return }
        let entry = entries[p]
        stamps[p] = Int32(base + t)
        let tokens = matcher.tokens
        for i in lowest...t {
            // The follow mask is one AND; the start-word test can be a search, and is known to pass at a trigger word
            // that belongs to the phrase's first required slot.
            guard entry.follow & (1 << UInt64(nextBucket[i])) != 0,
                (i == t && triggered.triggerStarts) || matcher.accepts(entry.first, tokens[i]) else { continue }
            let start = Int(entry.slotStart)
            let end = matcher.end(start, start + Int(entry.slotCount), i, tokens[i].sentence)
            guard end > i else { continue }
            record(entry.term, i, end, into: &found)
        }
    }

    /// Whether every anchor of a phrase has a word in the reply: three bit loads, no branch.
    @inline(__always)
    func viable(_ a0: PhraseAnchor, _ a1: PhraseAnchor, _ a2: PhraseAnchor) -> Bool {
        bit(a0) & bit(a1) & bit(a2) & 1 != 0
    }

    @inline(__always)
    func bit(_ anchor: PhraseAnchor) -> UInt64 {
        let b = Int(anchor.bit)
        return present[b >> 6] >> UInt64(b & 63)
    }

    /// Tries phrase `p` at token `i` (the next token already allows it), unless one of its required words is missing
    /// from the reply.
    @inline(__always)
    func attempt(_ p: Int, at i: Int, into found: inout [RawMatch]) {
        var known = Int(stamps[p]) - base
        if known < 0 {
            let entry = entries[p]
            known = viable(entry.anchor0, entry.anchor1, entry.anchor2) ? 1 : 2
            stamps[p] = Int32(base + known)
        }
        if known == 2 { return }
        let start = Int(slotStart[p])
        let tokens = matcher.tokens
        let end = matcher.end(start, start + Int(slotCount[p]), i, tokens[i].sentence)
        guard end > i else { return }
        record(term[p], i, end, into: &found)
    }

    /// A match of a phrase of `term` over tokens `i ..< end`.
    @inline(__always)
    func record(_ term: Int32, _ i: Int, _ end: Int, into found: inout [RawMatch]) {
        let tokens = matcher.tokens
        found.append(RawMatch(term: term, first: Int32(i), last: Int32(end), start: tokens[i].start, end: tokens[end - 1].end))
    }
}

/// The backtracking slot matcher over unsafe buffers (valid only inside `findPhrases`).
private struct Matcher {
    let slots: UnsafeBufferPointer<FlatSlot>
    let ids: UnsafeBufferPointer<Int32>
    let setBits: UnsafeBufferPointer<UInt64>
    let bitmapWords: Int
    let numberWords: UnsafeBufferPointer<Bool>
    let tokens: UnsafeBufferPointer<Token>

    /// The furthest token index the slots `s..<last` can reach from token `pos`, or -1.
    func end(_ s: Int, _ last: Int, _ pos: Int, _ sentence: Int32) -> Int {
        // Slots that take exactly one token leave nothing to backtrack over: they are walked in a loop, not recursed into.
        var s = s, pos = pos
        while s < last && slots[s].min == 1 && slots[s].max == 1 {
            guard pos < tokens.count, tokens[pos].sentence == sentence, accepts(slots[s], tokens[pos]) else { return -1 }
            s += 1
            pos += 1
        }
        if s == last { return pos }
        let slot = slots[s]
        var best = -1
        if slot.min == 0 { best = end(s + 1, last, pos, sentence) }
        var q = pos
        var count = 0
        while count < Int(slot.max), q < tokens.count, tokens[q].sentence == sentence, accepts(slot, tokens[q]) {
            q += 1
            count += 1
            if count >= Int(slot.min) {
                let e = end(s + 1, last, q, sentence)
                if e > best { best = e }
            }
        }
        return best
    }

    @inline(__always)
    func accepts(_ slot: FlatSlot, _ token: Token) -> Bool {
        let flags = slot.flags
        if flags != 0 {
            if flags & FlatSlot.anyWord != 0 { return true }
            if flags & FlatSlot.number != 0 && (token.has(Token.number) || (token.id >= 0 && numberWords[Int(token.id)])) { return true }
            if flags & FlatSlot.money != 0 && token.has(Token.money) { return true }
            if flags & FlatSlot.percent != 0 && token.has(Token.percent) { return true }
        }
        guard token.id >= 0, slot.idMask & (1 << UInt64(token.id % 63)) != 0 else { return false }
        if slot.bitmap >= 0 {
            let word = Int(token.id) >> 6
            return word < bitmapWords && setBits[Int(slot.bitmap) + word] & (1 << UInt64(token.id & 63)) != 0
        }
        let value = token.id
        var low = Int(slot.idStart)
        let high = low + Int(slot.idCount)
        if high - low <= 8 {
            while low < high {
                if ids[low] == value { return true }
                low += 1
            }
            return false
        }
        return search(value, low, high)
    }

    /// Binary search of a large word set left without a bit set (past `PhraseTable.bitmapBudget`): rare, so kept out of
    /// line, which keeps `accepts` small enough to be inlined where the scan calls it.
    @inline(never)
    func search(_ value: Int32, _ from: Int, _ to: Int) -> Bool {
        var low = from, high = to
        while low < high {
            let mid = (low + high) >> 1
            let x = ids[mid]
            if x == value { return true }
            if x < value { low = mid + 1 } else { high = mid }
        }
        return false
    }
}
