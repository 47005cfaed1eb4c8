/// Why a line is not valid JSON, with the byte offset where reading stopped.
struct JSONSyntaxError: Error, Sendable, Equatable {
    var offset: Int
    var reason: String
}

/// A strict, allocation-light JSON reader over the bytes of one line.
///
/// Replaying a million events must take under a second, so lines are not decoded with `JSONDecoder` or turned into
/// a tree: callers walk an object key by key and read each value straight into the type they need. Strings without
/// escapes become `String`s with a single copy; keys are compared as bytes. Strict where it matters for telling a
/// torn or damaged line from a good one (raw control characters, trailing garbage, unterminated strings are errors);
/// invalid UTF-8 inside strings is repaired, not rejected.
struct JSONScanner {
    let base: UnsafePointer<UInt8>
    let end: Int
    var index = 0

    init(_ buffer: UnsafeBufferPointer<UInt8>) {
        // An empty buffer may have no base address; any non-null pointer will do, as nothing is read through it.
        base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
        end = buffer.count
    }

    /// A string's content: the bytes between the quotes, and whether any backslash escape is inside.
    struct StringToken {
        var start: Int
        var end: Int
        var escaped: Bool
        var count: Int { end - start }
    }

    // MARK: - Basics

    func fail(_ reason: String) -> JSONSyntaxError { JSONSyntaxError(offset: index, reason: reason) }

    @inline(__always) mutating func skipSpace() {
        // The common case, as this program writes lines: no whitespace at all.
        if index < end, base[index] > 0x20 { return }
        while index < end {
            let byte = base[index]
            guard byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D else { return }
            index += 1
        }
    }

    @inline(__always) mutating func peek() -> UInt8? {
        skipSpace()
        return index < end ? base[index] : nil
    }

    @inline(__always) mutating func expect(_ byte: UInt8, _ what: StaticString) throws(JSONSyntaxError) {
        if index < end, base[index] == byte {
            index += 1
            return
        }
        guard peek() == byte else { throw fail("expected \(what)") }
        index += 1
    }

    /// After the top-level value: only whitespace may follow.
    mutating func expectEnd() throws(JSONSyntaxError) {
        skipSpace()
        guard index == end else { throw fail("unexpected text after the object") }
    }

    // MARK: - Objects

    /// Consumes `{`.
    mutating func beginObject() throws(JSONSyntaxError) { try expect(UInt8(ascii: "{"), "'{'") }

    // MARK: - Strings

    /// Reads a string token starting at `"` (after whitespace) and checks its escapes.
    mutating func stringToken() throws(JSONSyntaxError) -> StringToken {
        guard peek() == UInt8(ascii: "\"") else { throw fail("expected a string") }
        return try stringToken(contentStart: index + 1, plainUntil: index + 1)
    }

    /// Reads a string whose content starts at `contentStart` (just after its quote) and whose bytes before
    /// `plainUntil` are already known to be plain (no quote, backslash or control character).
    mutating func stringToken(contentStart start: Int, plainUntil resume: Int) throws(JSONSyntaxError) -> StringToken {
        index = resume
        var escaped = false
        while index < end {
            // Eight bytes at a time, jumping straight to the first quote, backslash or control character.
            while index + 8 <= end {
                let mask = Self.specialBytes(Self.word(at: base + index))
                if mask != 0 {
                    index += mask.trailingZeroBitCount >> 3
                    break
                }
                index += 8
            }
            guard index < end else { break }
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                let token = StringToken(start: start, end: index, escaped: escaped)
                index += 1
                return token
            }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                index += 1
                guard index < end else { break }
                switch base[index] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 1
                case UInt8(ascii: "u"):
                    guard index + 4 < end, (1...4).allSatisfy({ Self.hexValue(base[index + $0]) != nil })
                    else { throw fail("bad \\u escape") }
                    index += 5
                default:
                    throw fail("bad escape")
                }
                continue
            }
            guard byte >= 0x20 else { throw fail("control character in a string") }
            index += 1
        }
        throw fail("unterminated string")
    }

    /// Eight bytes as a little-endian word (byte 0 lowest).
    @inline(__always) static func word(at pointer: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
    }

    /// The high bit of each byte of `word` that is a quote, a backslash or below 0x20 (SWAR). Bits above the lowest
    /// one may be false alarms (borrows), the lowest is always right, which is all callers use.
    @inline(__always) static func specialBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        return (((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word)) & highs
    }

    /// The next key of the object being read (consuming the `:` after it), or `nil` at its closing `}`; for a plain
    /// key of at most 15 bytes also its bytes packed into two little-endian words
    /// (zero-padded), read in two loads rather than byte by byte. `packed` is nil for other keys.
    mutating func nextKey(first: inout Bool) throws(JSONSyntaxError) -> (token: StringToken, packed: (UInt64, UInt64)?)? {
        guard let byte = peek() else { throw fail("unterminated object") }
        if byte == UInt8(ascii: "}") {
            index += 1
            return nil
        }
        if !first {
            guard byte == UInt8(ascii: ",") else { throw fail("expected ',' or '}'") }
            index += 1
        }
        first = false
        guard peek() == UInt8(ascii: "\"") else { throw fail("expected a key") }
        let key = try packedStringToken()
        try expect(UInt8(ascii: ":"), "':'")
        return key
    }

    /// Reads a string token (at `"`); for a plain string of at most 15 bytes also its bytes packed into two
    /// little-endian words, zero-padded, read with two loads instead of byte by byte.
    mutating func packedStringToken() throws(JSONSyntaxError) -> (token: StringToken, packed: (UInt64, UInt64)?) {
        let start = index + 1
        if start + 16 <= end, base[index] == UInt8(ascii: "\"") {
            let low = Self.word(at: base + start)
            let high = Self.word(at: base + start + 8)
            let lowMask = Self.specialBytes(low)
            let highMask = Self.specialBytes(high)
            let length = lowMask != 0 ? lowMask.trailingZeroBitCount >> 3
                : 8 + (highMask != 0 ? highMask.trailingZeroBitCount >> 3 : 8)
            if length < 16, base[start + length] == UInt8(ascii: "\"") {
                index = start + length + 1
                let packedLow = length >= 8 ? low : length == 0 ? 0 : low & ((1 << UInt64(8 * length)) - 1)
                let packedHigh = length <= 8 ? 0 : high & ((1 << UInt64(8 * (length - 8))) - 1)
                return (StringToken(start: start, end: start + length, escaped: false), (packedLow, packedHigh))
            }
            // Longer, or an escape: carry on scanning from where the words left off.
            return (try stringToken(contentStart: start, plainUntil: start + length), nil)
        }
        return (try stringToken(), nil)
    }

    func string(_ token: StringToken) -> String {
        let bytes = UnsafeBufferPointer(start: base + token.start, count: token.count)
        guard token.escaped else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(token.count)
        var position = 0
        func hex4(_ at: Int) -> UInt32 {
            (0..<4).reduce(UInt32(0)) { $0 << 4 | UInt32(Self.hexValue(bytes[at + $1]) ?? 0) }
        }
        func appendScalar(_ value: UInt32) {
            let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
        }
        while position < bytes.count {
            let byte = bytes[position]
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                position += 1
                continue
            }
            let kind = bytes[position + 1]
            position += 2
            switch kind {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var value = hex4(position)
                position += 4
                if (0xD800..<0xDC00).contains(value), position + 6 <= bytes.count,
                   bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") {
                    let low = hex4(position + 2)
                    if (0xDC00..<0xE000).contains(low) {
                        value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                        position += 6
                    }
                }
                appendScalar(value)
            default: out.append(kind)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    mutating func string() throws(JSONSyntaxError) -> String { string(try stringToken()) }

    /// A string value, shared with earlier equal ones through `interner` (ids repeat on every line; sharing saves
    /// an allocation and a UTF-8 check each time).
    mutating func string(interning interner: inout StringInterner) throws(JSONSyntaxError) -> String {
        let (token, packed) = try packedStringToken()
        if let packed { return interner.string(packed: packed, token.count, base + token.start) }
        guard !token.escaped, token.count <= StringInterner.maxLength else { return string(token) }
        return interner.string(base + token.start, token.count)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    // MARK: - Numbers, literals

    /// A number token: its byte range and whether it is a plain integer (no fraction, no exponent).
    struct NumberToken {
        var start: Int
        var end: Int
        var integer: Bool
    }

    mutating func numberToken() throws(JSONSyntaxError) -> NumberToken {
        skipSpace()
        let start = index
        var integer = true
        if index < end, base[index] == UInt8(ascii: "-") { index += 1 }
        guard index < end, isDigit(base[index]) else { throw fail("expected a number") }
        if base[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < end, isDigit(base[index]) { index += 1 }
        }
        if index < end, base[index] == UInt8(ascii: ".") {
            integer = false
            index += 1
            guard index < end, isDigit(base[index]) else { throw fail("expected digits after '.'") }
            while index < end, isDigit(base[index]) { index += 1 }
        }
        if index < end, base[index] == UInt8(ascii: "e") || base[index] == UInt8(ascii: "E") {
            integer = false
            index += 1
            if index < end, base[index] == UInt8(ascii: "+") || base[index] == UInt8(ascii: "-") { index += 1 }
            guard index < end, isDigit(base[index]) else { throw fail("expected exponent digits") }
            while index < end, isDigit(base[index]) { index += 1 }
        }
        return NumberToken(start: start, end: index, integer: integer)
    }

    @inline(__always) private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    func text(_ token: NumberToken) -> String {
        String(decoding: UnsafeBufferPointer(start: base + token.start, count: token.end - token.start), as: UTF8.self)
    }

    /// The token as an `Int64`, if it is a whole number in range (`80` or `80.0`).
    func int64(_ token: NumberToken) -> Int64? {
        if token.integer {
            var position = token.start
            let negative = base[position] == UInt8(ascii: "-")
            if negative { position += 1 }
            var value: Int64 = 0
            while position < token.end {
                let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
                let digit = Int64(base[position] - 0x30)
                let (sum, overflow2) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
                if overflow1 || overflow2 { return nil }
                value = sum
                position += 1
            }
            return value
        }
        let value = double(token)
        guard value == value.rounded(), abs(value) < 9e18 else { return nil }
        return Int64(value)
    }

    func uint64(_ token: NumberToken) -> UInt64? {
        guard token.integer else {
            let value = double(token)
            guard value == value.rounded(), value >= 0, value < 1.8e19 else { return nil }
            return UInt64(value)
        }
        guard base[token.start] != UInt8(ascii: "-") else { return nil }
        var value: UInt64 = 0
        for position in token.start..<token.end {
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(UInt64(base[position] - 0x30))
            if overflow1 || overflow2 { return nil }
            value = sum
        }
        return value
    }

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }

    /// The token as a `Double`, correctly rounded: a fast exact path for short decimals, `strtod` otherwise.
    func double(_ token: NumberToken) -> Double {
        var position = token.start
        let negative = base[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var fraction = 0
        var simple = true
        var seenPoint = false
        while position < token.end {
            let byte = base[position]
            if byte == UInt8(ascii: ".") {
                seenPoint = true
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                simple = false
                break
            } else {
                mantissa = mantissa &* 10 &+ UInt64(byte - 0x30)
                digits += 1
                if seenPoint { fraction += 1 }
            }
            position += 1
        }
        // Both the mantissa (< 2^53) and 10^fraction (≤ 10^22) are exact doubles, so one division rounds correctly.
        if simple, digits <= 15, fraction <= 22 {
            let value = Double(mantissa) / Self.powersOfTen[fraction]
            return negative ? -value : value
        }
        return Double(text(token)) ?? .nan
    }

    mutating func literal(_ word: StaticString) -> Bool {
        skipSpace()
        let count = word.utf8CodeUnitCount
        guard index + count <= end else { return false }
        let pointer = word.utf8Start
        for offset in 0..<count where base[index + offset] != pointer[offset] { return false }
        index += count
        return true
    }

    // MARK: - Skipping and trees

    /// Reads past one value of any kind, checking its syntax.
    mutating func skipValue(depth: Int = 0) throws(JSONSyntaxError) {
        guard depth < 64 else { throw fail("nested too deeply") }
        guard let byte = peek() else { throw fail("expected a value") }
        switch byte {
        case UInt8(ascii: "\""): _ = try stringToken()
        case UInt8(ascii: "{"):
            index += 1
            var first = true
            while try nextKey(first: &first) != nil { try skipValue(depth: depth + 1) }
        case UInt8(ascii: "["):
            index += 1
            var first = true
            while try nextElement(first: &first) { try skipValue(depth: depth + 1) }
        case UInt8(ascii: "t"): guard literal("true") else { throw fail("bad literal") }
        case UInt8(ascii: "f"): guard literal("false") else { throw fail("bad literal") }
        case UInt8(ascii: "n"): guard literal("null") else { throw fail("bad literal") }
        default: _ = try numberToken()
        }
    }

    /// Inside an array after `[`: whether another element follows (consuming the `,`), `false` at `]`.
    mutating func nextElement(first: inout Bool) throws(JSONSyntaxError) -> Bool {
        guard let byte = peek() else { throw fail("unterminated array") }
        if byte == UInt8(ascii: "]") {
            index += 1
            return false
        }
        if !first {
            guard byte == UInt8(ascii: ",") else { throw fail("expected ',' or ']'") }
            index += 1
        }
        first = false
        return true
    }

    mutating func value(depth: Int = 0) throws(JSONSyntaxError) -> JSONValue {
        guard depth < 64 else { throw fail("nested too deeply") }
        guard let byte = peek() else { throw fail("expected a value") }
        switch byte {
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "{"):
            index += 1
            var first = true
            var members: [JSONValue.Member] = []
            while let (key, _) = try nextKey(first: &first) {
                members.append(JSONValue.Member(key: string(key), value: try value(depth: depth + 1)))
            }
            return .object(members)
        case UInt8(ascii: "["):
            index += 1
            var first = true
            var elements: [JSONValue] = []
            while try nextElement(first: &first) { elements.append(try value(depth: depth + 1)) }
            return .array(elements)
        case UInt8(ascii: "t"): guard literal("true") else { throw fail("bad literal") }; return .bool(true)
        case UInt8(ascii: "f"): guard literal("false") else { throw fail("bad literal") }; return .bool(false)
        case UInt8(ascii: "n"): guard literal("null") else { throw fail("bad literal") }; return .null
        default: return .number(text(try numberToken()))
        }
    }
}
