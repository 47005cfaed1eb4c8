/// Every word the lexicons know, each with a small integer id, and the rewrites applied to reply tokens
/// (contractions such as "can't" → "can not", compounds such as "e-mail" → "email", spellings such as
/// "colour" → "color"). Looking a token up is one hash of its bytes and needs no `String`, which keeps
/// grading fast: the matchers then compare integers.
public struct Vocabulary: Sendable {
    /// Id → word.
    public private(set) var words: [String] = []
    private var ids: [String: Int32] = [:]

    // Open-addressing table from key bytes to an entry; an entry lists the token ids the key becomes.
    // A slot holds its entry's hash beside the entry number, and an entry keeps all its numbers in one 16-byte
    // value: a lookup touches the slot (most unknown words stop there), then one entry and its bytes, instead of
    // one array per field (each a cache miss: the tokenizer looks up every word of every reply).
    // A key of at most 8 bytes (most words) is also held in its slot with its id range, so looking it up reads the
    // slot alone: the entry and its bytes were two more cache misses per word.
    private var slots: [Slot] = Array(repeating: Slot.empty, count: 1024)
    private var keys: [Key] = []
    private var keyBytes: [UInt8] = []
    private var entryIDs: [Int32] = []

    private struct Slot {
        /// A short key's bytes, little-endian, zero-padded (see `packed`); 0 for a longer key.
        var short: UInt64
        var hash: UInt32
        var entry: Int32
        var idStart: Int32
        /// The key's length and its id count when it is short and has fewer than 256 ids, else `Slot.long`: the lookup then
        /// reads the entry.
        var length: UInt8
        var idCount: UInt8

        static let long: UInt8 = 255
        static let empty = Slot(short: 0, hash: 0, entry: -1, idStart: 0, length: 0, idCount: 0)
    }

    /// Where an entry's key bytes sit in `keyBytes` and its token ids in `entryIDs`.
    private struct Key {
        var start: Int32
        var length: Int32
        var idStart: Int32
        var idCount: Int32
    }

    public init() {}

    public var count: Int { words.count }

    /// The id of `word`, adding it if new. Plain words map to themselves unless a rewrite says otherwise.
    @discardableResult
    public mutating func intern(_ word: String) -> Int32 {
        if let id = ids[word] { return id }
        let id = Int32(words.count)
        words.append(word)
        ids[word] = id
        if find(Array(word.utf8)) == nil { insert(Array(word.utf8), [id]) }
        return id
    }

    public func id(of word: String) -> Int32? { ids[word] }

    /// Makes the token `key` read as the words `to` (one or more).
    public mutating func rewrite(_ key: String, to targets: [String]) {
        let targetIDs = targets.map { intern($0) }
        let bytes = Array(key.utf8)
        if let entry = find(bytes) {
            // Replace the entry's ids.
            keys[entry].idStart = Int32(entryIDs.count)
            keys[entry].idCount = Int32(targetIDs.count)
            entryIDs.append(contentsOf: targetIDs)
            if let at = slotIndex(bytes) { slots[at] = slot(for: entry, hash: slots[at].hash) }
        } else {
            insert(bytes, targetIDs)
        }
    }

    /// The ids a token's bytes read as, or nil when the token is unknown.
    public func lookup(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> ArraySlice<Int32>? {
        entries(bytes, range).map { entryIDs[$0] }
    }

    /// The id at position `k` of the flat entry list (see `entries`).
    @inline(__always) func entryID(_ k: Int) -> Int32 { entryIDs[k] }

    /// Where a token's ids sit in the flat entry list, or nil when unknown: no array is retained.
    @inline(__always)
    func entries(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int>? {
        // The hash and, for a short key, its packed bytes in one pass (the same values as `hash` and `packed`).
        let length = range.count
        var hash: UInt32 = 2_166_136_261
        var short: UInt64 = 0
        var shift: UInt64 = 0
        for k in range {
            let byte = bytes[k]
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
            short |= UInt64(byte) << (shift & 63)
            shift &+= 8
        }
        if length > 8 { short = 0 }
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while true {
            let probe = slots[slot]
            if probe.entry < 0 { return nil }
            if probe.hash == hash && probe.length != Slot.long {
                if Int(probe.length) == length && probe.short == short {
                    let from = Int(probe.idStart)
                    return from..<(from + Int(probe.idCount))
                }
            } else if probe.hash == hash, case let key = keys[Int(probe.entry)], Int(key.length) == length {
                let start = Int(key.start)
                var same = true
                for k in 0..<length where keyBytes[start + k] != bytes[range.lowerBound + k] {
                    same = false
                    break
                }
                if same {
                    let from = Int(key.idStart)
                    return from..<(from + Int(key.idCount))
                }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Convenience for tests and compile time.
    public func lookup(_ word: String) -> [Int32]? {
        let bytes = Array(word.utf8)
        return bytes.withUnsafeBufferPointer { buffer in lookup(buffer, 0..<bytes.count).map(Array.init) }
    }

    private func find(_ bytes: [UInt8]) -> Int? { slotIndex(bytes).map { Int(slots[$0].entry) } }

    /// The slot holding key `bytes`, or nil.
    private func slotIndex(_ bytes: [UInt8]) -> Int? {
        let hash = bytes.withUnsafeBufferPointer { Vocabulary.hash($0, 0..<bytes.count) }
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while true {
            let probe = slots[slot]
            if probe.entry < 0 { return nil }
            let entry = Int(probe.entry)
            if probe.hash == hash && Int(keys[entry].length) == bytes.count {
                let start = Int(keys[entry].start)
                if Array(keyBytes[start..<(start + bytes.count)]) == bytes { return slot }
            }
            slot = (slot + 1) & mask
        }
    }

    private mutating func insert(_ bytes: [UInt8], _ targets: [Int32]) {
        if (keys.count + 1) * 2 > slots.count { grow() }
        let entry = Int32(keys.count)
        let hash = bytes.withUnsafeBufferPointer { Vocabulary.hash($0, 0..<bytes.count) }
        keys.append(Key(start: Int32(keyBytes.count), length: Int32(bytes.count), idStart: Int32(entryIDs.count),
                        idCount: Int32(targets.count)))
        keyBytes.append(contentsOf: bytes)
        entryIDs.append(contentsOf: targets)
        place(entry, hash)
    }

    private mutating func place(_ entry: Int32, _ hash: UInt32) {
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while slots[slot].entry >= 0 { slot = (slot + 1) & mask }
        slots[slot] = self.slot(for: Int(entry), hash: hash)
    }

    /// The slot for an entry: its key and ids inline when the key is short (see `Slot`).
    private func slot(for entry: Int, hash: UInt32) -> Slot {
        let key = keys[entry]
        guard key.length <= 8, key.idCount < Int32(Slot.long) else {
            return Slot(short: 0, hash: hash, entry: Int32(entry), idStart: key.idStart, length: Slot.long, idCount: Slot.long)
        }
        let start = Int(key.start)
        let short = keyBytes.withUnsafeBufferPointer { Vocabulary.packed($0, start..<(start + Int(key.length))) }
        return Slot(short: short, hash: hash, entry: Int32(entry), idStart: key.idStart, length: UInt8(key.length), idCount: UInt8(key.idCount))
    }

    /// Doubles the table, placing the entries again in the order they were added.
    private mutating func grow() {
        var hashes = Array(repeating: UInt32(0), count: keys.count)
        for slot in slots where slot.entry >= 0 { hashes[Int(slot.entry)] = slot.hash }
        slots = Array(repeating: Slot.empty, count: slots.count * 2)
        for entry in 0..<keys.count { place(Int32(entry), hashes[entry]) }
    }

    /// Up to 8 bytes as one integer, the first in the lowest byte; the length is compared separately.
    @inline(__always)
    static func packed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        for k in range {
            value |= UInt64(bytes[k]) << shift
            shift &+= 8
        }
        return value
    }

    /// FNV-1a: simple, fast on short keys, and the same on every platform (determinism).
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for k in range {
            h ^= UInt32(bytes[k])
            h = h &* 16_777_619
        }
        return h
    }
}
