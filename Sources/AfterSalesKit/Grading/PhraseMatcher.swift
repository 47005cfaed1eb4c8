/// Finds every phrase of every concept in a token list in one left-to-right pass: at each token only the phrases
/// that can start with that word are tried (the start index built at compile time), and slots compare integers.
extension Lexicon {
    func findPhrases(_ tokens: [Token], into matches: inout [RawMatch]) {
        tokens.withUnsafeBufferPointer { buffer in
            for i in 0..<buffer.count {
                let token = buffer[i]
                if token.id >= 0 {
                    for p in starts[Int(token.id)] { attempt(Int(p), at: i, buffer, &matches) }
                }
                if token.has(Token.number) && (token.id < 0 || !isNumberWord[Int(token.id)]) {
                    for p in numberStarts { attempt(Int(p), at: i, buffer, &matches) }
                }
                if token.has(Token.money) { for p in moneyStarts { attempt(Int(p), at: i, buffer, &matches) } }
                if token.has(Token.percent) { for p in percentStarts { attempt(Int(p), at: i, buffer, &matches) } }
            }
        }
    }

    @inline(__always)
    private func attempt(_ p: Int, at i: Int, _ tokens: UnsafeBufferPointer<Token>, _ matches: inout [RawMatch]) {
        let phrase = phrases[p]
        let end = phrase.slots.withUnsafeBufferPointer { slots in
            matchEnd(slots, 0, i, tokens[i].sentence, tokens)
        }
        guard end > i else { return }
        matches.append(RawMatch(term: phrase.term, first: Int32(i), last: Int32(end), start: tokens[i].start, end: tokens[end - 1].end))
    }

    /// The furthest token index the phrase can reach from slot `s` at token `pos`, or -1.
    private func matchEnd(_ slots: UnsafeBufferPointer<CompiledSlot>, _ s: Int, _ pos: Int, _ sentence: Int32,
                          _ tokens: UnsafeBufferPointer<Token>) -> Int {
        if s == slots.count { return pos }
        let slot = slots[s]
        var best = -1
        if slot.min == 0 { best = matchEnd(slots, s + 1, pos, sentence, tokens) }
        var q = pos
        var count = 0
        while count < slot.max, q < tokens.count, tokens[q].sentence == sentence, accepts(slot, tokens[q]) {
            q += 1
            count += 1
            if count >= slot.min {
                let end = matchEnd(slots, s + 1, q, sentence, tokens)
                if end > best { best = end }
            }
        }
        return best
    }

    @inline(__always)
    private func accepts(_ slot: CompiledSlot, _ token: Token) -> Bool {
        if slot.anyWord { return true }
        if slot.number && (token.has(Token.number) || (token.id >= 0 && isNumberWord[Int(token.id)])) { return true }
        if slot.money && token.has(Token.money) { return true }
        if slot.percent && token.has(Token.percent) { return true }
        return token.id >= 0 && Lexicon.sortedContains(slot.ids, token.id)
    }
}
