/// A reply reduced to the form the matchers read: lower-case UTF-8 with plain quotes, dashes and spaces,
/// terminal escape sequences and invisible characters removed, obfuscations like "[at]" undone —
/// and, for every byte, the index of the Unicode code point of the original it came from, so evidence
/// can quote the trainee's own words at the right offsets.
public struct NormalizedText: Sendable {
    /// Normalised text as UTF-8 bytes.
    public var bytes: [UInt8]
    /// For each byte of `bytes`, the code-point index in the original reply…
    public var origin: [Int32]
    /// …and the UTF-8 byte offset of that code point, for fast quoting.
    public var originByte: [Int32]
    /// For each byte: 1 when it came from an upper-case letter (shouting and placeholder detection need case).
    public var upper: [UInt8]
    /// The original reply, its UTF-8 bytes (for quoting evidence) and its length in code points.
    public var original: String
    public var originalUTF8: [UInt8]
    public var originalCount: Int
    /// Letters in Latin script and letters in other scripts (Han, Cyrillic…), for the language check.
    public var latinLetters: Int
    public var otherLetters: Int
    /// Code-point range of the first run of non-Latin letters, quoted when the reply is in the wrong language.
    public var firstOtherRun: Range<Int>?

    /// Original code-point range for the normalised byte range `range`.
    public func originalRange(_ range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty, range.lowerBound < origin.count else { return 0..<0 }
        let start = Int(origin[range.lowerBound])
        let last = Int(origin[min(range.upperBound, origin.count) - 1])
        return start..<(last + 1)
    }

    /// The trainee's own text for an original code-point range, with control characters removed so a quote can
    /// never carry an escape sequence to the terminal.
    /// The trainee's own words behind the normalised byte range, without control characters or escape sequences.
    public func quote(normalized range: Range<Int>) -> String {
        guard !range.isEmpty, range.upperBound <= originByte.count else { return "" }
        let from = Int(originByte[range.lowerBound])
        let last = Int(originByte[range.upperBound - 1])
        let lead = originalUTF8[last]
        let to = min(originalUTF8.count, last + (lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2))
        // Written straight into the string's storage (a short quote needs no allocation at all); ill-formed UTF-8 is
        // repaired exactly as `String(decoding:as:)` would.
        return String(unsafeUninitializedCapacity: to - from) { clean in
            var count = 0
            var k = from
            while k < to {
                let b = originalUTF8[k]
                if b == 0x1B {
                    // Drop the whole escape sequence.
                    k += 1
                    if k < to, originalUTF8[k] == 0x5B {
                        k += 1
                        while k < to, !(0x40...0x7E).contains(originalUTF8[k]) { k += 1 }
                    }
                    k += 1
                    continue
                }
                if b < 0x20 || b == 0x7F {
                    if b == 0x0A || b == 0x09 || b == 0x0D {
                        clean[count] = 0x20
                        count += 1
                    }
                    k += 1
                    continue
                }
                if b == 0xC2, k + 1 < to, (0x80...0x9F).contains(originalUTF8[k + 1]) {
                    k += 2  // C1 controls
                    continue
                }
                clean[count] = b
                count += 1
                k += 1
            }
            return count
        }
    }

    public func quote(_ range: Range<Int>) -> String {
        let lower = max(0, min(range.lowerBound, originalCount))
        let upper = max(lower, min(range.upperBound, originalCount))
        let scalars = original.unicodeScalars
        let from = scalars.index(scalars.startIndex, offsetBy: lower)
        let to = scalars.index(from, offsetBy: upper - lower)
        var view = String.UnicodeScalarView()
        var skippingEscape = false
        for scalar in scalars[from..<to] {
            let value = scalar.value
            if skippingEscape {
                if (0x40...0x7E).contains(value) && value != 0x5B { skippingEscape = false }
                continue
            }
            if value == 0x1B { skippingEscape = true; continue }
            if value < 0x20 || (0x7F...0x9F).contains(value) {
                if value == 0x0A || value == 0x09 || value == 0x0D { view.append(" ") }
                continue
            }
            view.append(scalar)
        }
        return String(view)
    }
}

/// Appends normalised bytes with their origins into buffers sized for the worst case (never more than twice the input),
/// so the hot loop does no capacity or uniqueness checks; whitespace is held back and collapsed.
private struct Emitter {
    let original: String
    let input: UnsafeBufferPointer<UInt8>
    let capacity: Int
    let bytes: UnsafeMutablePointer<UInt8>
    let origin: UnsafeMutablePointer<Int32>
    let originByte: UnsafeMutablePointer<Int32>
    let upper: UnsafeMutablePointer<UInt8>
    var count = 0
    var latinLetters = 0
    var otherLetters = 0
    var pending: UInt8 = 0
    var pendingOrigin: Int32 = 0
    var pendingByte: Int32 = 0
    var swallowSpace = false
    /// Byte offset in the original of the code point being handled.
    var byte: Int32 = 0

    /// The four buffers share one allocation (the two `Int32` ones first, for alignment): a reply, and each scenario
    /// variable it is checked against, is normalised on every call, so fewer mallocs per call count.
    init(original: String, input: UnsafeBufferPointer<UInt8>) {
        self.original = original
        self.input = input
        capacity = input.count * 2 + 16
        let block = UnsafeMutableRawPointer.allocate(byteCount: capacity * 10, alignment: MemoryLayout<Int32>.alignment)
        origin = block.bindMemory(to: Int32.self, capacity: capacity)
        originByte = (block + capacity * 4).bindMemory(to: Int32.self, capacity: capacity)
        bytes = (block + capacity * 8).bindMemory(to: UInt8.self, capacity: capacity)
        upper = (block + capacity * 9).bindMemory(to: UInt8.self, capacity: capacity)
    }

    var last: UInt8? { count > 0 ? bytes[count - 1] : nil }

    @inline(__always) mutating func emit(_ value: UInt8, _ index: Int, upper isUpper: Bool = false) {
        if pending != 0 {
            if count > 0 && !swallowSpace {
                bytes[count] = pending
                origin[count] = pendingOrigin
                originByte[count] = pendingByte
                upper[count] = 0
                count += 1
            }
            pending = 0
        }
        swallowSpace = false
        bytes[count] = value
        origin[count] = Int32(index)
        originByte[count] = byte
        upper[count] = isUpper ? 1 : 0
        count += 1
    }

    @inline(__always) mutating func space(_ index: Int, newline: Bool) {
        if pending == 0 {
            pendingOrigin = Int32(index)
            pendingByte = byte
        }
        if newline { pending = 0x0A } else if pending == 0 { pending = 0x20 }
    }

    /// Whether an ASCII byte is copied as it is or only lower-cased, whatever surrounds it: letters, digits and the
    /// punctuation the normaliser does not look at twice (not whitespace or controls, not the brackets that can open an
    /// obfuscation, not the backtick or `@`).
    @inline(__always) static func isPlain(_ b: UInt8) -> Bool {
        b > 0x20 && b < 0x7F && b != 0x5B && b != 0x28 && b != 0x7B && b != 0x3C && b != 0x60 && b != 0x40
    }

    /// Copies the run of plain ASCII bytes (see `isPlain`) and single spaces starting at byte `i`, code point `index`, in
    /// one tight loop: ordinary English is mostly such runs, and byte by byte each went through the whole switch and
    /// `emit`. Returns the byte after the run and how many letters it held. The result is exactly what `emit` and
    /// `space` would have produced.
    @inline(__always) mutating func plainRun(from i: Int, index: Int) -> (end: Int, letters: Int) {
        byte = Int32(i)
        emit(input[i] &+ (input[i] &- 0x41 < 26 ? 0x20 : 0), index, upper: input[i] &- 0x41 < 26)
        var letters = (input[i] | 0x20) &- 0x61 < 26 ? 1 : 0
        let n = input.count
        // The run's bytes map one to one, so each output position is its input position plus a fixed shift, and the
        // loop keeps only its pointers and counters in registers (reading them from `self` at every byte spilled them).
        let shift = count - (i + 1)
        let pointShift = Int32(truncatingIfNeeded: index - i)
        let source = input.baseAddress!, bytes = bytes, upper = upper, origin = origin, originByte = originByte
        var j = i + 1
        while j < n {
            let b = source[j]
            // A single space between plain bytes is copied too: held back and flushed by the next byte, it would come
            // out the same.
            guard Emitter.isPlain(b) || (b == 0x20 && j + 1 < n && Emitter.isPlain(source[j + 1])) else { break }
            let isUpper = b &- 0x41 < 26
            let out = j &+ shift
            bytes[out] = isUpper ? b | 0x20 : b
            upper[out] = isUpper ? 1 : 0
            origin[out] = Int32(truncatingIfNeeded: j) &+ pointShift
            originByte[out] = Int32(truncatingIfNeeded: j)
            letters &+= (b | 0x20) &- 0x61 < 26 ? 1 : 0
            j &+= 1
        }
        count = j + shift
        return (j, letters)
    }

    mutating func emitScalar(_ scalar: Unicode.Scalar, _ index: Int, upper: Bool = false) {
        let value = scalar.value
        if value < 0x80 {
            emit(UInt8(value), index, upper: upper)
        } else if value < 0x800 {
            emit(UInt8(0xC0 | (value >> 6)), index, upper: upper)
            emit(UInt8(0x80 | (value & 0x3F)), index, upper: upper)
        } else if value < 0x10000 {
            emit(UInt8(0xE0 | (value >> 12)), index, upper: upper)
            emit(UInt8(0x80 | ((value >> 6) & 0x3F)), index, upper: upper)
            emit(UInt8(0x80 | (value & 0x3F)), index, upper: upper)
        } else {
            emit(UInt8(0xF0 | (value >> 18)), index, upper: upper)
            emit(UInt8(0x80 | ((value >> 12) & 0x3F)), index, upper: upper)
            emit(UInt8(0x80 | ((value >> 6) & 0x3F)), index, upper: upper)
            emit(UInt8(0x80 | (value & 0x3F)), index, upper: upper)
        }
    }

    /// The result as arrays; frees the buffers.
    func finish(originalCount: Int, firstOtherRun: Range<Int>?) -> NormalizedText {
        defer { UnsafeMutableRawPointer(origin).deallocate() }  // the block holding all four buffers
        var text = NormalizedText(
            bytes: Array(UnsafeBufferPointer(start: bytes, count: count)), origin: Array(UnsafeBufferPointer(start: origin, count: count)),
            originByte: Array(UnsafeBufferPointer(start: originByte, count: count)), upper: Array(UnsafeBufferPointer(start: upper, count: count)),
            original: original, originalUTF8: Array(input), originalCount: originalCount, latinLetters: latinLetters, otherLetters: otherLetters)
        text.firstOtherRun = firstOtherRun
        return text
    }
}

/// Language-neutral knobs for normalisation, read from the lexicon settings.
public struct NormalizerConfig: Sendable {
    /// Bracketed words that stand for a character: `at` → "@", `dot` → ".".
    public var obfuscations: [String: UInt8]

    public init(obfuscations: [String: UInt8] = [:]) { self.obfuscations = obfuscations }
}

/// Turns a reply into `NormalizedText` in one pass over its code points.
public struct ReplyNormalizer: Sendable {
    public var config: NormalizerConfig
    private let longestObfuscation: Int

    public init(config: NormalizerConfig) {
        self.config = config
        longestObfuscation = config.obfuscations.keys.map(\.count).max() ?? 0
    }

    public func normalize(_ text: String) -> NormalizedText {
        var copy = text
        return copy.withUTF8 { normalize(utf8: $0, original: text) }
    }

    /// One pass over the UTF-8 bytes: ASCII is handled byte by byte, other code points are decoded as they come.
    private func normalize(utf8 input: UnsafeBufferPointer<UInt8>, original: String) -> NormalizedText {
        var e = Emitter(original: original, input: input)
        var otherRunStart = -1, otherRunEnd = -1, otherRunClosed = false

        let n = input.count
        var i = 0  // byte index
        var cp = 0  // code-point index in the original
        while i < n {
            let b = input[i]
            if Emitter.isPlain(b) {
                let (end, letters) = e.plainRun(from: i, index: cp)
                if letters > 0 {
                    e.latinLetters += letters
                    if otherRunStart >= 0 { otherRunClosed = true }
                }
                cp += end - i
                i = end
                continue
            }
            e.byte = Int32(i)
            if b < 0x80 {
                let v = UInt32(b)
                switch b {
                case 0x41...0x5A:  // A-Z
                    e.latinLetters += 1
                    if otherRunStart >= 0 { otherRunClosed = true }
                    e.emit(b + 0x20, cp, upper: true)
                case 0x61...0x7A:
                    e.latinLetters += 1
                    if otherRunStart >= 0 { otherRunClosed = true }
                    e.emit(b, cp)
                case 0x1B:
                    let (next, points) = ReplyNormalizer.skipEscape(input, from: i)
                    i = next
                    cp += points
                    continue
                case 0x0A, 0x0D:
                    e.space(cp, newline: true)
                case 0x09, 0x20, 0x0B, 0x0C, 0x00..<0x20, 0x7F:
                    e.space(cp, newline: false)
                case 0x5B, 0x28, 0x7B, 0x3C:  // [ ( { <
                    if let (replacement, end) = obfuscation(input, at: i) {
                        e.pending = 0
                        e.emit(replacement, cp)
                        e.swallowSpace = true
                        cp += end - i
                        i = end
                        continue
                    }
                    e.emit(b, cp)
                case 0x60:  // backtick used as an apostrophe
                    e.emit(0x27, cp)
                case 0x40 where e.pending != 0 && i + 1 < n && input[i + 1] == 0x20 && e.last.map(ReplyNormalizer.isAlnum) == true:
                    // "support @ shop.com" → "support@shop.com"
                    e.pending = 0
                    e.emit(b, cp)
                    e.swallowSpace = true
                default:
                    _ = v
                    e.emit(b, cp)
                }
                i += 1
                cp += 1
                continue
            }
            // Decode one non-ASCII code point (the String guarantees valid UTF-8).
            var value: UInt32
            var length: Int
            if b >= 0xF0 {
                value = UInt32(b & 0x07); length = 4
            } else if b >= 0xE0 {
                value = UInt32(b & 0x0F); length = 3
            } else {
                value = UInt32(b & 0x1F); length = 2
            }
            for k in 1..<length where i + k < n { value = (value << 6) | UInt32(input[i + k] & 0x3F) }
            let index = cp
            i += length
            cp += 1
            switch value {
            case 0xFF01...0xFF5E:  // full-width ASCII
                let ascii = UInt8(value - 0xFEE0)
                if (0x41...0x5A).contains(ascii) {
                    e.latinLetters += 1
                    e.emit(ascii + 0x20, index, upper: true)
                } else {
                    if (0x61...0x7A).contains(ascii) { e.latinLetters += 1 }
                    e.emit(ascii, index)
                }
            case 0x3000, 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x1680:
                e.space(index, newline: false)
            case 0x2028, 0x2029, 0x0085:
                e.space(index, newline: true)
            case 0x200B...0x200D, 0x2060, 0xFEFF, 0x00AD, 0x180E:
                break  // invisible: dropped so "so\u{200B}rry" still reads "sorry"
            case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x02BC, 0x00B4, 0xFF07:
                e.emit(0x27, index)
            case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x00AB, 0x00BB, 0x300C, 0x300D:
                e.emit(0x22, index)
            case 0x2010, 0x2011, 0x2012, 0x2212, 0xFE63:
                e.emit(0x2D, index)
            case 0x2013, 0x2014, 0x2015, 0xFE58:
                // A dash between words separates clauses: " - ".
                e.space(index, newline: false)
                e.emit(0x2D, index)
                e.space(index, newline: false)
            case 0x2026:
                e.emit(0x2E, index); e.emit(0x2E, index); e.emit(0x2E, index)
            case 0x00A3, 0x20AC, 0x00A5, 0xFFE5, 0xFFE1:
                e.emit(0x24, index)  // currency signs read as "$"
            case 0x2022, 0x00B7, 0x25AA, 0x25BA, 0x25CF, 0x2023, 0x2043, 0x2713, 0x2714, 0x27A4:
                e.space(index, newline: true)  // list bullets start a new sentence
            case 0x3001, 0xFF64:
                e.emit(0x2C, index)
            case 0x3002, 0xFF61:
                e.emit(0x2E, index)
            case 0x009B:
                let (next, points) = ReplyNormalizer.skipCSI(input, from: i)
                i = next
                cp += points
            case 0x0080...0x009F:
                e.space(index, newline: false)
            default:
                guard let scalar = Unicode.Scalar(value) else { continue }
                let properties = scalar.properties
                if properties.isAlphabetic {
                    let latin = (0x00C0...0x024F).contains(value) || (0x1E00...0x1EFF).contains(value)
                    if latin {
                        e.latinLetters += 1
                        if otherRunStart >= 0 { otherRunClosed = true }
                    } else {
                        e.otherLetters += 1
                        if otherRunStart < 0 { otherRunStart = index; otherRunEnd = index + 1 }
                        else if !otherRunClosed { otherRunEnd = index + 1 }
                    }
                    if properties.isUppercase, let lower = properties.lowercaseMapping.unicodeScalars.first,
                        properties.lowercaseMapping.unicodeScalars.count == 1
                    {
                        e.emitScalar(lower, index, upper: true)
                    } else {
                        e.emitScalar(scalar, index)
                    }
                } else if properties.generalCategory == .nonspacingMark || properties.generalCategory == .enclosingMark
                    || properties.isVariationSelector || properties.isEmojiModifier
                {
                    break  // combining marks and emoji modifiers: no word boundary, nothing to read
                } else if properties.generalCategory == .decimalNumber {
                    e.emitScalar(scalar, index)
                } else {
                    e.space(index, newline: false)  // emoji, symbols: a word boundary
                }
            }
        }
        return e.finish(originalCount: cp, firstOtherRun: otherRunStart >= 0 ? otherRunStart..<otherRunEnd : nil)
    }

    /// A bracketed obfuscation word ("[at]", "( dot )") at byte `index`: the character it stands for and the byte after it.
    private func obfuscation(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt8, Int)? {
        guard longestObfuscation > 0 else { return nil }
        let close: UInt8
        switch bytes[index] {
        case 0x5B: close = 0x5D
        case 0x28: close = 0x29
        case 0x7B: close = 0x7D
        default: close = 0x3E
        }
        var j = index + 1
        while j < bytes.count, bytes[j] == 0x20 { j += 1 }
        var word: [UInt8] = []
        while j < bytes.count, word.count <= longestObfuscation {
            let v = bytes[j]
            if (0x41...0x5A).contains(v) { word.append(v + 0x20) } else if (0x61...0x7A).contains(v) { word.append(v) } else { break }
            j += 1
        }
        while j < bytes.count, bytes[j] == 0x20 { j += 1 }
        guard j < bytes.count, bytes[j] == close, !word.isEmpty,
            let replacement = config.obfuscations[String(decoding: word, as: UTF8.self)]
        else { return nil }
        return (replacement, j + 1)
    }

    /// Skips an ANSI/VT escape sequence starting at byte `index` (ESC): the byte after it and how many code points it spanned.
    static func skipEscape(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> (Int, Int) {
        var j = index + 1
        guard j < bytes.count else { return (j, 1) }
        switch bytes[j] {
        case 0x5B:  // CSI
            let (next, points) = skipCSI(bytes, from: j + 1)
            return (next, points + 2)
        case 0x5D, 0x50, 0x58, 0x5E, 0x5F:  // OSC, DCS, SOS, PM, APC: until BEL or ESC \
            j += 1
            while j < bytes.count {
                let v = bytes[j]
                if v == 0x07 { j += 1; break }
                if v == 0x1B { j = min(j + 2, bytes.count); break }
                j += 1
            }
            return (j, codePoints(bytes, index, j))
        default:
            return (j + 1, codePoints(bytes, index, j + 1))
        }
    }

    /// Skips the parameters and final byte of a CSI sequence: the byte after it and the code points skipped.
    static func skipCSI(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> (Int, Int) {
        var j = index
        while j < bytes.count {
            let v = bytes[j]
            j += 1
            if (0x40...0x7E).contains(v) { break }
        }
        return (j, codePoints(bytes, index, j))
    }

    /// Code points in a byte range (bytes that are not UTF-8 continuation bytes).
    static func codePoints(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int {
        var count = 0
        for k in from..<min(to, bytes.count) where bytes[k] & 0xC0 != 0x80 { count += 1 }
        return count
    }

    @inline(__always) static func isAlnum(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)
    }
}
