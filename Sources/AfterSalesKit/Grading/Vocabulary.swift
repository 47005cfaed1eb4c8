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
    private var slots: [Slot] = Array(repeating: Slot(entry: -1, hash: 0), count: 1024)
    private var keys: [Key] = []
    private var keyBytes: [UInt8] = []
    private var entryIDs: [Int32] = []

    private struct Slot {
        var entry: Int32
        var hash: UInt32
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
        let hash = Vocabulary.hash(bytes, range)
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        let length = range.count
        while true {
            let probe = slots[slot]
            if probe.entry < 0 { return nil }
            if probe.hash == hash, case let key = keys[Int(probe.entry)], Int(key.length) == length {
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

    private func find(_ bytes: [UInt8]) -> Int? {
        let hash = bytes.withUnsafeBufferPointer { Vocabulary.hash($0, 0..<bytes.count) }
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while true {
            let probe = slots[slot]
            if probe.entry < 0 { return nil }
            let entry = Int(probe.entry)
            if probe.hash == hash && Int(keys[entry].length) == bytes.count {
                let start = Int(keys[entry].start)
                if Array(keyBytes[start..<(start + bytes.count)]) == bytes { return entry }
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
        slots[slot] = Slot(entry: entry, hash: hash)
    }

    /// Doubles the table, placing the entries again in the order they were added.
    private mutating func grow() {
        var hashes = Array(repeating: UInt32(0), count: keys.count)
        for slot in slots where slot.entry >= 0 { hashes[Int(slot.entry)] = slot.hash }
        slots = Array(repeating: Slot(entry: -1, hash: 0), count: slots.count * 2)
        for entry in 0..<keys.count { place(Int32(entry), hashes[entry]) }
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
