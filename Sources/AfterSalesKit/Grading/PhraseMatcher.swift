/// Finds every phrase of every concept in a token list in one left-to-right pass: at each token only the phrases
/// that can start with that word are tried (the start index built at compile time), and slots compare integers
/// in flat arrays, so matching allocates nothing but the matches it finds.
extension Lexicon {
    func findPhrases(_ tokens: [Token], into matches: inout [RawMatch]) {
        table.term.withUnsafeBufferPointer { term in
        table.slotStart.withUnsafeBufferPointer { slotStart in
        table.slotCount.withUnsafeBufferPointer { slotCount in
        table.anchorStart.withUnsafeBufferPointer { anchorStart in
        table.anchorCount.withUnsafeBufferPointer { anchorCount in
        table.anchorList.withUnsafeBufferPointer { anchorList in
        table.slotSet.withUnsafeBufferPointer { slotSet in
        table.slots.withUnsafeBufferPointer { slots in
        table.ids.withUnsafeBufferPointer { ids in
        table.startOffsets.withUnsafeBufferPointer { startOffsets in
        table.startList.withUnsafeBufferPointer { startList in
        isNumberWord.withUnsafeBufferPointer { numberWords in
        tokens.withUnsafeBufferPointer { tokens in
            let matcher = Matcher(slots: slots, ids: ids, numberWords: numberWords, tokens: tokens)
            // Which vocabulary words occur in the reply: one bit each.
            var bits = [UInt64](repeating: 0, count: (numberWords.count >> 6) + 1)
            for token in tokens where token.id >= 0 { bits[Int(token.id) >> 6] |= 1 << UInt64(token.id & 63) }
            let present = bits
            // Per distinct word set: 0 not yet known, 1 some word of it is in the reply, 2 none is.
            var setState = [UInt8](repeating: 0, count: table.setCount)
            var found: [RawMatch] = []
            @inline(__always) func attempt(_ p: Int32, at i: Int, _ found: inout [RawMatch], _ setState: inout [UInt8]) {
                let p = Int(p)
                let from = Int(anchorStart[p])
                for a in from..<(from + Int(anchorCount[p])) {
                    let slotIndex = Int(anchorList[a])
                    let set = Int(slotSet[slotIndex])
                    var state = setState[set]
                    if state == 0 {
                        let slot = slots[slotIndex]
                        state = 2
                        for k in Int(slot.idStart)..<Int(slot.idStart + slot.idCount) {
                            let id = Int(ids[k])
                            if present[id >> 6] & (1 << UInt64(id & 63)) != 0 { state = 1; break }
                        }
                        setState[set] = state
                    }
                    if state == 2 { return }
                }
                let start = Int(slotStart[p])
                let end = matcher.end(start, start + Int(slotCount[p]), i, tokens[i].sentence)
                guard end > i else { return }
                found.append(RawMatch(term: term[p], first: Int32(i), last: Int32(end), start: tokens[i].start, end: tokens[end - 1].end))
            }
            for i in 0..<tokens.count {
                let token = tokens[i]
                if token.id >= 0 {
                    let id = Int(token.id)
                    for k in Int(startOffsets[id])..<Int(startOffsets[id + 1]) { attempt(startList[k], at: i, &found, &setState) }
                }
                if token.has(Token.number) && (token.id < 0 || !numberWords[Int(token.id)]) {
                    for p in table.numberStarts { attempt(p, at: i, &found, &setState) }
                }
                if token.has(Token.money) { for p in table.moneyStarts { attempt(p, at: i, &found, &setState) } }
                if token.has(Token.percent) { for p in table.percentStarts { attempt(p, at: i, &found, &setState) } }
            }
            matches.append(contentsOf: found)
        }}}}}}}}}}}}}
    }
}

/// The backtracking slot matcher over unsafe buffers (valid only inside `findPhrases`).
private struct Matcher {
    let slots: UnsafeBufferPointer<FlatSlot>
    let ids: UnsafeBufferPointer<Int32>
    let numberWords: UnsafeBufferPointer<Bool>
    let tokens: UnsafeBufferPointer<Token>

    /// The furthest token index the slots `s..<last` can reach from token `pos`, or -1.
    func end(_ s: Int, _ last: Int, _ pos: Int, _ sentence: Int32) -> Int {
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
        guard token.id >= 0 else { return false }
        let value = token.id
        var low = Int(slot.idStart)
        var high = low + Int(slot.idCount)
        if high - low <= 8 {
            while low < high {
                if ids[low] == value { return true }
                low += 1
            }
            return false
        }
        while low < high {
            let mid = (low + high) >> 1
            let x = ids[mid]
            if x == value { return true }
            if x < value { low = mid + 1 } else { high = mid }
        }
        return false
    }
}
