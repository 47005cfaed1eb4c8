/// One slot of a compiled phrase.
struct CompiledSlot: Sendable {
    var ids: [Int32]
    var number = false
    var money = false
    var percent = false
    var anyWord = false
    var min: Int
    var max: Int

    /// Words only, at least one: no number, amount, percentage or any-word gap. Such a slot can anchor or trigger a
    /// phrase, since a match always holds one of its words.
    var isPlainWords: Bool { !anyWord && !number && !money && !percent && !ids.isEmpty }
}

struct CompiledPhrase: Sendable {
    var term: Int32
    var slots: [CompiledSlot]
}

/// One slot of the flattened phrase table: a range of `PhraseTable.ids` plus flags.
struct FlatSlot: Sendable {
    var idStart: Int32
    var idCount: Int32
    var flags: UInt8
    var min: UInt8
    var max: UInt8
    /// Bit `id % 63` of each of its word ids: a token whose bit is missing is rejected without searching the ids.
    var idMask: UInt64
    /// For a large word set (a class): where its bit per vocabulary id starts in `PhraseTable.setBits`, -1 for none.
    /// Membership is then one load; a binary search over a class costs several dependent loads and mispredicted
    /// branches, and the scan asks it at most window positions.
    var bitmap: Int32 = -1

    static let number: UInt8 = 1
    static let money: UInt8 = 2
    static let percent: UInt8 = 4
    static let anyWord: UInt8 = 8

    static func flags(number: Bool, money: Bool, percent: Bool, anyWord: Bool) -> UInt8 {
        (number ? FlatSlot.number : 0) | (money ? FlatSlot.money : 0) | (percent ? FlatSlot.percent : 0) | (anyWord ? FlatSlot.anyWord : 0)
    }

    /// Bit `id % 63` of each id (see `idMask`; `FollowMask` uses the same bits).
    static func mask<S: Sequence<Int32>>(of ids: S) -> UInt64 {
        ids.reduce(0) { $0 | 1 << UInt64($1 % 63) }
    }
}

/// All phrases as flat arrays of plain values, and the two indexes the scan finds them by: the trigger index (a phrase
/// by the rarest word it needs) and, for the few phrases that need no plain word, the start index (by the word they can
/// start with). Only what the scan reads is kept; the rest of what compiling needs lives in `init`.
struct PhraseTable: Sendable {
    var term: [Int32] = []
    var slotStart: [Int32] = []
    var slotCount: [Int32] = []
    /// The number of distinct word sets of anchors of more than one word (see `PhraseAnchor`).
    var setCount = 0
    /// The reply's presence bits: bit 0 always set, then one per vocabulary id (`id + 1`), then one per anchor word set
    /// (`vocabularySize + 1 + set`): `vocabularySize + setCount + 1` bits.
    var presenceBits = 0
    /// Those sets by word: vocabulary id `x` belongs to sets `setsOfWord[setsOfWordStart[x] ..< setsOfWordStart[x + 1]]`
    /// (as presence bits: `vocabularySize + 1 + set`).
    /// The scan marks the sets of each word of the reply once, up front, so asking whether a set is present is one bit
    /// test; working it out on first use (a loop over the set's words, each a bit test, and a state per set) was about
    /// 4 % of grading (perf).
    var setsOfWordStart: [Int32] = []
    var setsOfWord: [Int32] = []
    /// Bit sets over the vocabulary for the large word sets of slots (see `FlatSlot.bitmap`), `bitmapWords` words each.
    var setBits: [UInt64] = []
    var bitmapWords = 0
    var slots: [FlatSlot] = []
    var ids: [Int32] = []
    /// The start index, for phrases without a trigger word, already sorted by the token that may follow (see
    /// `FollowMask`): for vocabulary id `x`, row `byWord[x].startRow` (-1: no phrase starts with it) has 64 buckets, and
    /// bucket `b` lists, in phrase order, the phrases whose follow mask has bit `b`. At each token the scan reads exactly
    /// the one bucket for the next token, so the phrases the next word rules out are never even looked at.
    /// Only non-empty buckets are stored: `rows[row].mask` says which they are and the bucket's rank among them
    /// (a popcount) finds its span, `bucketList[bucketStart[k] ..< bucketStart[k + 1]]` with
    /// `k = rows[row].base + rank`. A full row of 64 offsets (256 bytes) per start word made reading the index a cache
    /// miss at nearly every token (perf); a row is now 16 bytes and an empty bucket is ruled out by the mask alone.
    var rows: [StartRow] = []
    var bucketStart: [Int32] = [0]
    var bucketList: [Int32] = []
    var numberStarts: [Int32] = []
    var moneyStarts: [Int32] = []
    var percentStarts: [Int32] = []
    /// Per phrase: which second tokens it can go on with (see `FollowMask`). Most attempts at a start word fail on the
    /// very next token, so this one AND skips them before the backtracking matcher runs.
    var follow: [UInt64] = []
    /// The trigger index: phrases looked up by their rarest required word instead of by the word they start with.
    /// Common opening words ("we", "the", "sorry") start hundreds of phrases, and the start index tried each of them at
    /// every such word; the rare word a phrase cannot do without ("accident", "listing") occurs a few times per reply,
    /// so a phrase is only tried, at the few places it could start, when that word is there. For vocabulary id `x` the
    /// phrases are `triggerList[byWord[x].triggerStart ..< byWord[x].triggerEnd]`. A phrase without a required word slot
    /// (only numbers, amounts or any-word gaps) stays in the start index.
    var triggerList: [TriggeredPhrase] = []
    /// The start-index row and the trigger span of each vocabulary id in one value: the scan reads both for every
    /// token, and from two arrays that was two cache misses.
    var byWord: [WordRow] = []
    /// Everything the scan reads about a phrase, in one 64-byte value: read from seven arrays, each phrase tried
    /// cost a cache miss per array.
    var entries: [PhraseEntry] = []

    init() {}

    init(phrases: [CompiledPhrase], vocabularySize: Int, isNumberWord: [Bool], frequent: Set<Int32> = [],
         frequency: [Int32: Int] = [:]) {
        var starts = Array(repeating: [Int32](), count: vocabularySize)
        // How common each word is likely to be in a reply: in how many replies per thousand it occurs where the lexicon
        // says so (`word_frequency`), the lexicon's own list of frequent words counts as very common, and the number of
        // phrases that use a word stands in for the rest and breaks ties.
        var uses = Array(repeating: 1, count: vocabularySize)
        for phrase in phrases {
            var seen = Set<Int32>()
            for slot in phrase.slots { seen.formUnion(slot.ids) }
            for id in seen where Int(id) < vocabularySize { uses[Int(id)] += 1 }
        }
        for id in frequent where Int(id) < vocabularySize { uses[Int(id)] += PhraseTable.frequentCost }
        for (id, perThousand) in frequency where Int(id) < vocabularySize { uses[Int(id)] += perThousand * PhraseTable.perMilleCost }
        var triggers = Array(repeating: [TriggeredPhrase](), count: vocabularySize)
        // Per phrase: its anchors, the required plain-word slots after the first (as indices into `slots`). A phrase is
        // only tried when each of them has one of its words somewhere in the reply, which skips most attempts cheaply.
        var anchorSlots: [[Int]] = []
        // Per phrase: the tokens a match can begin with (every slot up to and including the first required one), as a
        // slot over `ids` so the matcher's own membership test applies.
        var firstSlots: [FlatSlot] = []
        for (p, phrase) in phrases.enumerated() {
            let trigger = PhraseTable.trigger(of: phrase.slots, uses: uses)
            if let trigger {
                // At most this many tokens of a match come before the trigger word.
                let before = phrase.slots[..<trigger].reduce(0) { $0 + Int($1.max) } + Int(phrase.slots[trigger].max) - 1
                let triggered = TriggeredPhrase(follow: FollowMask.of(phrase.slots), phrase: Int32(p),
                                                anchor0: .always, anchor1: .always, anchor2: .always,
                                                before: UInt8(min(before, Int(TriggeredPhrase.wholeSentence))),
                                                triggerStarts: trigger == phrase.slots.firstIndex(where: { $0.min > 0 }))
                for id in phrase.slots[trigger].ids where Int(id) < vocabularySize { triggers[Int(id)].append(triggered) }
            }
            term.append(phrase.term)
            slotStart.append(Int32(slots.count))
            slotCount.append(Int32(phrase.slots.count))
            var anchors: [Int] = []
            var firstRequired = true
            for (k, slot) in phrase.slots.enumerated() where slot.min > 0 {
                defer { firstRequired = false }
                if firstRequired { continue }
                guard slot.isPlainWords else { continue }
                anchors.append(k)
            }
            // The three most selective, and only small word sets: a big class is almost always present, so checking it costs
            // more than the attempt it could save.
            anchors.sort { phrase.slots[$0].ids.count < phrase.slots[$1].ids.count }
            anchorSlots.append(anchors.filter { phrase.slots[$0].ids.count <= 12 }.prefix(3).map { slots.count + $0 })
            for slot in phrase.slots {
                slots.append(FlatSlot(idStart: Int32(ids.count), idCount: Int32(slot.ids.count),
                                      flags: FlatSlot.flags(number: slot.number, money: slot.money, percent: slot.percent, anyWord: slot.anyWord),
                                      min: UInt8(slot.min), max: UInt8(slot.max), idMask: FlatSlot.mask(of: slot.ids)))
                ids.append(contentsOf: slot.ids)
            }
            var first = Set<Int32>()
            var number = false, money = false, percent = false
            for slot in phrase.slots {
                first.formUnion(slot.ids)
                number = number || slot.number
                money = money || slot.money
                percent = percent || slot.percent
                if slot.min > 0 { break }
            }
            firstSlots.append(FlatSlot(idStart: Int32(ids.count), idCount: Int32(first.count),
                                       flags: FlatSlot.flags(number: number, money: money, percent: percent, anyWord: false),
                                       min: 1, max: 1, idMask: FlatSlot.mask(of: first)))
            ids.append(contentsOf: first.sorted())
            follow.append(FollowMask.of(phrase.slots))
            guard trigger == nil else { continue }
            for id in first.sorted() { starts[Int(id)].append(Int32(p)) }
            if number {
                numberStarts.append(Int32(p))
                for (id, isNumber) in isNumberWord.enumerated() where isNumber && !first.contains(Int32(id)) && id < vocabularySize {
                    starts[id].append(Int32(p))
                }
            }
            if money { moneyStarts.append(Int32(p)) }
            if percent { percentStarts.append(Int32(p)) }
        }
        assignBitmaps(vocabularySize: vocabularySize, firstSlots: &firstSlots)
        var setIndex: [[Int32]: Int32] = [:]
        var wordSets = Array(repeating: [Int32](), count: vocabularySize)
        /// The anchor for a slot, as a word (>= 0) or the bitwise complement of a set index until the number of sets is
        /// known: a set of one word is tested as that word (see `PhraseAnchor`), a larger one as a set.
        func anchor(_ k: Int) -> Int32 {
            let members = Array(ids[Int(slots[k].idStart)..<Int(slots[k].idStart + slots[k].idCount)])
            if members.count == 1 { return members[0] }
            if let known = setIndex[members] { return ~known }
            let index = Int32(setIndex.count)
            setIndex[members] = index
            for id in Set(members) where id >= 0 && Int(id) < vocabularySize { wordSets[Int(id)].append(index) }
            return ~index
        }
        let anchorKeys = term.indices.map { anchorSlots[$0].map(anchor) }
        setCount = setIndex.count
        presenceBits = vocabularySize + setCount + 1
        var phraseAnchors: [[PhraseAnchor]] = []
        for p in term.indices {
            var anchors = anchorKeys[p].map { PhraseAnchor(bit: $0 >= 0 ? 1 + Int($0) : vocabularySize + 1 + Int(~$0)) }
            precondition(anchors.count <= 3)
            anchors += Array(repeating: PhraseAnchor.always, count: 3 - anchors.count)
            phraseAnchors.append(anchors)
            entries.append(PhraseEntry(follow: follow[p], first: firstSlots[p], term: term[p], slotStart: slotStart[p],
                                       slotCount: slotCount[p], anchor0: anchors[0], anchor1: anchors[1], anchor2: anchors[2]))
        }
        setsOfWordStart = [0]
        for list in wordSets {
            setsOfWord.append(contentsOf: list.map { Int32(vocabularySize + 1) + $0 })
            setsOfWordStart.append(Int32(setsOfWord.count))
        }
        var triggerStart: [Int32] = [0]
        for list in triggers {
            for var triggered in list {
                let anchors = phraseAnchors[Int(triggered.phrase)]
                (triggered.anchor0, triggered.anchor1, triggered.anchor2) = (anchors[0], anchors[1], anchors[2])
                triggerList.append(triggered)
            }
            triggerStart.append(Int32(triggerList.count))
        }
        var startRow = Array(repeating: Int32(-1), count: vocabularySize)
        bucketStart = [0]
        for (id, list) in starts.enumerated() where !list.isEmpty {
            startRow[id] = Int32(rows.count)
            var row = StartRow(mask: 0, base: Int32(bucketStart.count - 1))
            for bucket in 0..<FollowMask.buckets {
                let before = bucketList.count
                for p in list where follow[Int(p)] & (1 << UInt64(bucket)) != 0 { bucketList.append(p) }
                guard bucketList.count > before else { continue }
                row.mask |= 1 << UInt64(bucket)
                bucketStart.append(Int32(bucketList.count))
            }
            rows.append(row)
        }
        byWord = (0..<vocabularySize).map {
            WordRow(startRow: startRow[$0], triggerStart: triggerStart[$0], triggerEnd: triggerStart[$0 + 1])
        }
    }
}


extension PhraseTable {
    /// Word sets larger than this get a bit set (smaller ones are searched linearly, which is as fast).
    static let bitmapMinimum = 8
    /// At most this many bytes of bit sets: past it, the remaining large sets are searched.
    static let bitmapBudget = 1 << 20

    /// Gives every slot (and start slot) whose word set is large a bit set over the vocabulary, one per distinct set, in
    /// slot order until the budget is spent.
    mutating func assignBitmaps(vocabularySize: Int, firstSlots: inout [FlatSlot]) {
        bitmapWords = (vocabularySize + 63) / 64
        guard bitmapWords > 0 else { return }
        var known: [[Int32]: Int32] = [:]
        func bitmap(_ slot: FlatSlot) -> Int32 {
            guard Int(slot.idCount) > PhraseTable.bitmapMinimum else { return -1 }
            let members = Array(ids[Int(slot.idStart)..<Int(slot.idStart + slot.idCount)])
            if let offset = known[members] { return offset }
            guard (setBits.count + bitmapWords) * 8 <= PhraseTable.bitmapBudget else { return -1 }
            let offset = setBits.count
            setBits.append(contentsOf: repeatElement(0, count: bitmapWords))
            for id in members where id >= 0 && Int(id) < vocabularySize { setBits[offset + Int(id) >> 6] |= 1 << UInt64(id & 63) }
            known[members] = Int32(offset)
            return Int32(offset)
        }
        for k in slots.indices { slots[k].bitmap = bitmap(slots[k]) }
        for k in firstSlots.indices { firstSlots[k].bitmap = bitmap(firstSlots[k]) }
    }

    /// What a frequent word adds to a slot's cost: more than any plain word can reach through the phrases using it.
    static let frequentCost = 100_000
    /// What each reply per thousand of a word's `word_frequency` adds: one more reply in a thousand outweighs the number
    /// of phrases that use a word, which only breaks ties.
    static let perMilleCost = 1_000

    /// The required plain-word slot whose words the fewest phrases use (the first such slot on a tie), or nil when the
    /// phrase has none. A match always contains a token of each required slot, so this word's occurrences find them all.
    static func trigger(of slots: [CompiledSlot], uses: [Int]) -> Int? {
        var best: (slot: Int, cost: Int)?
        for (k, slot) in slots.enumerated() where slot.min > 0 && slot.isPlainWords {
            let cost = slot.ids.reduce(0) { $0 + (Int($1) < uses.count ? uses[Int($1)] : 0) }
            if best == nil || cost < best!.cost { best = (k, cost) }
        }
        return best?.slot
    }
}

/// A phrase in the trigger index, with how far before the trigger word it can start: the scan rules out a phrase
/// already tried at this place without reading its entry. 24 bytes, so that more of the list the scan reads for each
/// word of a reply stays in the cache (its loads were the scan's most sampled line under perf at 32 bytes).
struct TriggeredPhrase: Sendable {
    /// The phrase's `FollowMask`, here too: most windows before a trigger word hold no token the phrase can start at and
    /// go on from, and this rules them out without reading the phrase's entry.
    var follow: UInt64
    var phrase: Int32
    /// The phrase's anchors (as in its `PhraseEntry`), here too so that a phrase whose required words are not all in the
    /// reply, about half of those the trigger index finds, is ruled out from this sequentially read list alone: reading
    /// the phrase's entry and its try state first cost two cache misses per rejected phrase (perf).
    var anchor0: PhraseAnchor
    var anchor1: PhraseAnchor
    var anchor2: PhraseAnchor
    /// At most this many tokens of a match come before the trigger word; `wholeSentence` for 255 or more, when the
    /// window reaches back to the sentence's start.
    var before: UInt8
    /// The trigger slot is the phrase's first required slot, so the trigger word itself is always a word a match can
    /// begin with (the phrase's `first` slot holds every word of that slot): the start-word test is skipped there.
    var triggerStarts: Bool

    static let wholeSentence: UInt8 = 255
}

/// A required plain-word slot of a phrase, other than its first, as the viability check reads it: a bit of the reply's
/// presence bits (see `PhraseTable.presenceBits`). A slot of one word (most of them) is that word's bit; a larger slot is
/// the bit of its distinct word set, set when any of its words is in the reply; an unused place is bit 0, always set.
/// So the check is three bit loads ANDed, with no branch on what kind of anchor each one is. Two bytes, to keep
/// `TriggeredPhrase` small: a bit past 65,535 (a lexicon of that many words) reads as bit 0, which only makes the check
/// let more phrases through to the matcher, never fewer.
struct PhraseAnchor: Sendable {
    var bit: UInt16

    init(bit: Int) { self.bit = bit <= Int(UInt16.max) ? UInt16(bit) : 0 }

    static let always = PhraseAnchor(bit: 0)
}

/// What the scan reads about a vocabulary id (see `PhraseTable.byWord`).
struct WordRow: Sendable {
    var startRow: Int32
    var triggerStart: Int32
    var triggerEnd: Int32
}

/// One phrase as the scan reads it (see `PhraseTable.entries`).
struct PhraseEntry: Sendable {
    var follow: UInt64
    var first: FlatSlot
    var term: Int32
    var slotStart: Int32
    var slotCount: Int32
    /// Its anchors, at most three: the most selective small word sets it cannot match without (see `PhraseAnchor`).
    var anchor0: PhraseAnchor
    var anchor1: PhraseAnchor
    var anchor2: PhraseAnchor
}

/// One start word's row of the start index: which of its 64 buckets hold phrases, and where the first one's span is.
struct StartRow: Sendable {
    var mask: UInt64
    var base: Int32

    /// The index in `bucketStart` of bucket `bucket`'s span, or nil when no phrase of this row is in that bucket.
    @inline(__always) func span(_ bucket: Int) -> Int? {
        let bit: UInt64 = 1 << UInt64(bucket)
        guard mask & bit != 0 else { return nil }
        return Int(base) + (mask & (bit &- 1)).nonzeroBitCount
    }
}

/// A 64-bit summary of the tokens that can come second in a match of a phrase, whatever word it starts with: bit
/// `id % 63` for each word id a second token may have, all bits when a second token may be any word, a number, an
/// amount or a percentage (or when one token can already complete the phrase). Bit 63 stands for "no second token
/// in this sentence" and for a word no lexicon knows, which only such all-ones masks accept. A false positive only
/// costs an attempt; a missing bit would lose a match, so the mask is built over every way the matcher can go.
enum FollowMask {
    static let all: UInt64 = ~0

    static let buckets = 64

    /// The bit number for the token after the start token: its word's, or 63 (`none`) when there is no next token in
    /// the sentence or no lexicon knows the word.
    @inline(__always) static func bucket(next token: Token?) -> Int {
        guard let token, token.id >= 0 else { return 63 }
        return Int(token.id % 63)
    }

    /// Every token that one slot accepts, as mask bits.
    static func accepted(by slot: CompiledSlot) -> UInt64 {
        if slot.anyWord || slot.number || slot.money || slot.percent { return all }
        return FlatSlot.mask(of: slot.ids)
    }

    /// The union, over every slot that can take the first token (it and the optional slots before it), of what can take
    /// the second: the same slot again when it repeats, else the next slots up to and including the first required one.
    static func of(_ slots: [CompiledSlot]) -> UInt64 {
        var mask: UInt64 = 0
        for first in slots.indices {
            if first > 0 && slots[first - 1].min > 0 { break }
            let slot = slots[first]
            if slot.max >= 2 { mask |= accepted(by: slot) }
            if slot.min >= 2 { continue }
            var next = first + 1
            while true {
                guard next < slots.count else { return all }  // one token can complete the phrase
                mask |= accepted(by: slots[next])
                if slots[next].min > 0 { break }
                next += 1
            }
        }
        return mask
    }
}
