/// A set of vocabulary ids as a bit set: asking whether a token's word belongs to a class is one load and one AND,
/// where a sorted list needs a binary search. Shape scanners ask it for every token of every reply.
struct WordSet: Sendable {
    private var bits: [UInt64] = []

    init() {}

    init(_ ids: [Int32]) {
        guard let largest = ids.max(), largest >= 0 else { return }
        bits = Array(repeating: 0, count: Int(largest) / 64 + 1)
        for id in ids where id >= 0 { bits[Int(id) >> 6] |= 1 << UInt64(id & 63) }
    }

    /// False for unknown words (id -1) and for ids beyond the set's largest member.
    @inline(__always) func contains(_ id: Int32) -> Bool {
        let word = Int(id) >> 6
        guard id >= 0, word < bits.count else { return false }
        return bits[word] & (1 << UInt64(id & 63)) != 0
    }
}
