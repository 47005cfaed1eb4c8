#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Shares one `String` among equal short values read from a progress file (scenario, rule, card ids).
///
/// A long history repeats the same few hundred ids millions of times; making each a fresh `String` costs an
/// allocation, a copy and a UTF-8 check, and is the largest cost of replay after parsing itself. A small
/// open-addressing table with a cheap word-wise hash finds the existing string instead. Bounded: past
/// `maxEntries` distinct values, new ones are simply not shared.
struct StringInterner {
    static let maxLength = 64
    static let maxEntries = 2048
    private static let slots = 4096

    /// The last date seen, for `Timestamp.parse`; kept here because this is the state a reader carries from line
    /// to line.
    var days = Timestamp.DayCache()

    private struct Entry {
        var hash: UInt64
        var value: String
    }

    private var entries: [Entry] = []
    private var count = 0

    init() {}

    mutating func string(_ bytes: UnsafePointer<UInt8>, _ length: Int) -> String {
        if entries.isEmpty { entries = [Entry](repeating: Entry(hash: 0, value: ""), count: Self.slots) }
        let hash = Self.hash(bytes, length)
        var slot = Int(truncatingIfNeeded: hash) & (Self.slots - 1)
        return entries.withUnsafeMutableBufferPointer { table in
            while table[slot].hash != 0 {
                if table[slot].hash == hash, Self.equal(table[slot].value, bytes, length) { return table[slot].value }
                slot = (slot + 1) & (Self.slots - 1)
            }
            let value = String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self)
            if count < Self.maxEntries {
                table[slot] = Entry(hash: hash, value: value)
                count += 1
            }
            return value
        }
    }

    private struct SmallEntry {
        var low: UInt64
        var high: UInt64
        var length: Int
        var value: String
    }

    private var small: [SmallEntry] = []
    private var smallCount = 0

    /// A string of at most 15 bytes, given as its packed words: compared by the words alone.
    mutating func string(packed: (UInt64, UInt64), _ length: Int, _ bytes: UnsafePointer<UInt8>) -> String {
        if small.isEmpty { small = [SmallEntry](repeating: SmallEntry(low: 0, high: 0, length: -1, value: ""), count: Self.slots) }
        var hash = (packed.0 ^ (packed.1 &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(length)) &* 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 29
        var slot = Int(truncatingIfNeeded: hash) & (Self.slots - 1)
        return small.withUnsafeMutableBufferPointer { table in
            while table[slot].length >= 0 {
                if table[slot].low == packed.0, table[slot].high == packed.1, table[slot].length == length {
                    return table[slot].value
                }
                slot = (slot + 1) & (Self.slots - 1)
            }
            let value = String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self)
            if smallCount < Self.maxEntries {
                table[slot] = SmallEntry(low: packed.0, high: packed.1, length: length, value: value)
                smallCount += 1
            }
            return value
        }
    }

    @inline(__always) private static func equal(_ value: String, _ bytes: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        guard value.utf8.count == length else { return false }
        return value.utf8.withContiguousStorageIfAvailable { memcmp($0.baseAddress!, bytes, length) == 0 }
            ?? (String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self) == value)
    }

    /// Mixes the bytes eight at a time (multiply and shift); never 0, which marks an empty slot.
    private static func hash(_ bytes: UnsafePointer<UInt8>, _ length: Int) -> UInt64 {
        var hash = UInt64(length) &* 0x9E37_79B9_7F4A_7C15
        var offset = 0
        while offset + 8 <= length {
            hash = (hash ^ JSONScanner.word(at: bytes + offset)) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            offset += 8
        }
        if offset < length {
            // The last eight bytes (overlapping what was already mixed); strings here are longer than 15 bytes.
            hash = (hash ^ JSONScanner.word(at: bytes + length - 8)) &* 0xC4CE_B9FE_1A85_EC53
            hash ^= hash >> 29
        }
        return hash == 0 ? 1 : hash
    }
}
