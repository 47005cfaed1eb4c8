/// A reply reduced to the form the matchers read: lower-case UTF-8 with plain quotes, dashes and spaces,
/// terminal escape sequences and invisible characters removed, obfuscations like "[at]" undone —
/// and, for every byte, the index of the Unicode code point of the original it came from, so evidence
/// can quote the trainee's own words at the right offsets.
public struct NormalizedText: Sendable {
    /// Normalised text as UTF-8 bytes.
    public var bytes: [UInt8]
    /// For each byte of `bytes`, the code-point index in the original reply.
    public var origin: [Int32]
    /// For each byte: 1 when it came from an upper-case letter (shouting and placeholder detection need case).
    public var upper: [UInt8]
    /// The original reply's code points, for quoting evidence.
    public var original: [Unicode.Scalar]
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
    public func quote(_ range: Range<Int>) -> String {
        let lower = max(0, min(range.lowerBound, original.count))
        let upper = max(lower, min(range.upperBound, original.count))
        var view = String.UnicodeScalarView()
        var skippingEscape = false
        for scalar in original[lower..<upper] {
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
        let scalars = Array(text.unicodeScalars)
        var out = NormalizedText(bytes: [], origin: [], upper: [], original: scalars, latinLetters: 0, otherLetters: 0)
        out.bytes.reserveCapacity(scalars.count + 8)
        out.origin.reserveCapacity(scalars.count + 8)
        out.upper.reserveCapacity(scalars.count + 8)

        // Pending whitespace: 0 none, 0x20 space, 0x0A newline; emitted lazily before the next visible character.
        var pending: UInt8 = 0
        var pendingOrigin: Int32 = 0
        var swallowSpace = false
        var otherRunStart = -1, otherRunEnd = -1, otherRunClosed = false

        @inline(__always) func emit(_ byte: UInt8, _ index: Int, upper: Bool = false) {
            if pending != 0 {
                if !out.bytes.isEmpty && !swallowSpace {
                    out.bytes.append(pending)
                    out.origin.append(pendingOrigin)
                    out.upper.append(0)
                }
                pending = 0
            }
            swallowSpace = false
            out.bytes.append(byte)
            out.origin.append(Int32(index))
            out.upper.append(upper ? 1 : 0)
        }
        @inline(__always) func space(_ index: Int, newline: Bool) {
            if pending == 0 { pendingOrigin = Int32(index) }
            if newline { pending = 0x0A } else if pending == 0 { pending = 0x20 }
        }
        func emitScalar(_ scalar: Unicode.Scalar, _ index: Int) {
            var buffer: [UInt8] = []
            buffer.reserveCapacity(4)
            UTF8.encode(scalar) { buffer.append($0) }
            for byte in buffer { emit(byte, index) }
        }

        var i = 0
        let n = scalars.count
        while i < n {
            let scalar = scalars[i]
            let v = scalar.value
            if v < 0x80 {
                switch v {
                case 0x41...0x5A:  // A-Z
                    out.latinLetters += 1
                    emit(UInt8(v + 0x20), i, upper: true)
                case 0x61...0x7A:
                    out.latinLetters += 1
                    emit(UInt8(v), i)
                case 0x1B:
                    i = ReplyNormalizer.skipEscape(scalars, from: i)
                    continue
                case 0x0A, 0x0D:
                    space(i, newline: true)
                case 0x09, 0x20, 0x0B, 0x0C:
                    space(i, newline: false)
                case 0x00..<0x20, 0x7F:
                    space(i, newline: false)
                case 0x5B, 0x28, 0x7B, 0x3C:  // [ ( { <
                    if let (replacement, end) = obfuscation(scalars, at: i) {
                        pending = 0
                        emit(replacement, i)
                        swallowSpace = true
                        i = end
                        continue
                    }
                    emit(UInt8(v), i)
                case 0x60:  // backtick used as an apostrophe
                    emit(0x27, i)
                case 0x40 where pending != 0 && i + 1 < n && scalars[i + 1].value == 0x20
                    && out.bytes.last.map(ReplyNormalizer.isAlnum) == true:
                    // "support @ shop.com" → "support@shop.com"
                    pending = 0
                    emit(UInt8(v), i)
                    swallowSpace = true
                default:
                    emit(UInt8(v), i)
                }
                if (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) { if otherRunStart >= 0 { otherRunClosed = true } }
                i += 1
                continue
            }
            // Non-ASCII.
            switch v {
            case 0xFF01...0xFF5E:  // full-width ASCII
                let ascii = v - 0xFEE0
                if (0x41...0x5A).contains(ascii) {
                    out.latinLetters += 1
                    emit(UInt8(ascii + 0x20), i, upper: true)
                } else {
                    if (0x61...0x7A).contains(ascii) { out.latinLetters += 1 }
                    emit(UInt8(ascii), i)
                }
            case 0x3000, 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x1680:
                space(i, newline: false)
            case 0x2028, 0x2029, 0x0085:
                space(i, newline: true)
            case 0x200B...0x200D, 0x2060, 0xFEFF, 0x00AD, 0x180E:
                break  // invisible: dropped so "so\u{200B}rry" still reads "sorry"
            case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x02BC, 0x00B4, 0xFF07:
                emit(0x27, i)
            case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x00AB, 0x00BB, 0x300C, 0x300D:
                emit(0x22, i)
            case 0x2010, 0x2011, 0x2012, 0x2212, 0xFE63:
                emit(0x2D, i)
            case 0x2013, 0x2014, 0x2015, 0xFE58:
                // A dash between words separates clauses: " - ".
                space(i, newline: false)
                emit(0x2D, i)
                space(i, newline: false)
            case 0x2026:
                emit(0x2E, i); emit(0x2E, i); emit(0x2E, i)
            case 0x00A3, 0x20AC, 0x00A5, 0xFFE5, 0xFFE1:
                emit(0x24, i)  // currency signs read as "$"
            case 0x2022, 0x00B7, 0x25AA, 0x25BA, 0x25CF, 0x2023, 0x2043, 0x2713, 0x2714, 0x27A4:
                space(i, newline: true)  // list bullets start a new sentence
            case 0x3001, 0xFF64:
                emit(0x2C, i)
            case 0x3002, 0xFF61:
                emit(0x2E, i)
            case 0x0080...0x009F:
                if v == 0x9B {
                    i = ReplyNormalizer.skipCSI(scalars, from: i + 1)
                    continue
                }
                space(i, newline: false)
            default:
                let properties = scalar.properties
                if properties.isAlphabetic {
                    let latin = (0x00C0...0x024F).contains(v) || (0x1E00...0x1EFF).contains(v)
                    if latin {
                        out.latinLetters += 1
                        if otherRunStart >= 0 { otherRunClosed = true }
                    } else {
                        out.otherLetters += 1
                        if otherRunStart < 0 { otherRunStart = i; otherRunEnd = i + 1 }
                        else if !otherRunClosed { otherRunEnd = i + 1 }
                    }
                    if properties.isUppercase, let lower = properties.lowercaseMapping.unicodeScalars.first,
                        properties.lowercaseMapping.unicodeScalars.count == 1
                    {
                        var buffer: [UInt8] = []
                        UTF8.encode(lower) { buffer.append($0) }
                        for byte in buffer { emit(byte, i, upper: true) }
                    } else {
                        emitScalar(scalar, i)
                    }
                } else if properties.generalCategory == .nonspacingMark || properties.generalCategory == .enclosingMark
                    || properties.isVariationSelector || properties.isEmojiModifier
                {
                    break  // combining marks and emoji modifiers: no word boundary, nothing to read
                } else if properties.generalCategory == .decimalNumber {
                    emitScalar(scalar, i)
                } else {
                    space(i, newline: false)  // emoji, symbols: a word boundary
                }
            }
            i += 1
        }
        if otherRunStart >= 0 { out.firstOtherRun = otherRunStart..<otherRunEnd }
        return out
    }

    /// A bracketed obfuscation word ("[at]", "( dot )") at `index`: the character it stands for and the index after it.
    private func obfuscation(_ scalars: [Unicode.Scalar], at index: Int) -> (UInt8, Int)? {
        guard longestObfuscation > 0 else { return nil }
        let close: UInt32
        switch scalars[index].value {
        case 0x5B: close = 0x5D
        case 0x28: close = 0x29
        case 0x7B: close = 0x7D
        default: close = 0x3E
        }
        var j = index + 1
        while j < scalars.count, scalars[j].value == 0x20 { j += 1 }
        var word = ""
        while j < scalars.count, word.count <= longestObfuscation {
            let v = scalars[j].value
            if (0x41...0x5A).contains(v) { word.unicodeScalars.append(Unicode.Scalar(v + 0x20)!) }
            else if (0x61...0x7A).contains(v) { word.unicodeScalars.append(scalars[j]) }
            else { break }
            j += 1
        }
        while j < scalars.count, scalars[j].value == 0x20 { j += 1 }
        guard j < scalars.count, scalars[j].value == close, let replacement = config.obfuscations[word] else { return nil }
        return (replacement, j + 1)
    }

    /// Skips an ANSI/VT escape sequence starting at `index` (ESC); returns the index after it.
    static func skipEscape(_ scalars: [Unicode.Scalar], from index: Int) -> Int {
        var j = index + 1
        guard j < scalars.count else { return j }
        switch scalars[j].value {
        case 0x5B:  // CSI
            return skipCSI(scalars, from: j + 1)
        case 0x5D, 0x50, 0x58, 0x5E, 0x5F:  // OSC, DCS, SOS, PM, APC: until BEL or ESC \
            j += 1
            while j < scalars.count {
                let v = scalars[j].value
                if v == 0x07 { return j + 1 }
                if v == 0x1B { return min(j + 2, scalars.count) }
                j += 1
            }
            return j
        default:
            return j + 1
        }
    }

    static func skipCSI(_ scalars: [Unicode.Scalar], from index: Int) -> Int {
        var j = index
        while j < scalars.count {
            let v = scalars[j].value
            j += 1
            if (0x40...0x7E).contains(v) { break }
        }
        return j
    }

    @inline(__always) static func isAlnum(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)
    }
}
