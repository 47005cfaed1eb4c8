import Foundation

/// A moment in UTC with millisecond precision, as the progress file stores it
/// (`2025-03-04T05:06:07.089Z`).
///
/// Milliseconds as an integer rather than `Date` so that a value read back from the file is equal to the value
/// written (a `Double` of seconds does not round-trip every millisecond), and so that formatting and parsing are
/// exact, fast and independent of any locale or calendar (`ISO8601DateFormatter` is far too slow for replaying a
/// million lines).
public struct Timestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var millisecondsSince1970: Int64

    public init(millisecondsSince1970: Int64) {
        self.millisecondsSince1970 = millisecondsSince1970
    }

    /// The date truncated (towards the past) to whole milliseconds.
    public init(_ date: Date) {
        let ms = (date.timeIntervalSince1970 * 1000).rounded(.down)
        millisecondsSince1970 = ms.isFinite ? Int64(max(min(ms, 9.2e18), -9.2e18)) : 0
    }

    /// The current time; callers pass it in so that everything else stays deterministic.
    public static var now: Timestamp { Timestamp(Date()) }

    public var date: Date { Date(timeIntervalSince1970: Double(millisecondsSince1970) / 1000) }

    /// Seconds since 1970 (may be fractional).
    public var secondsSince1970: Double { Double(millisecondsSince1970) / 1000 }

    public func adding(seconds: Double) -> Timestamp {
        Timestamp(millisecondsSince1970: millisecondsSince1970 + Int64((seconds * 1000).rounded()))
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.millisecondsSince1970 < rhs.millisecondsSince1970 }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ`, always 24 characters for years 0000–9999.
    public var iso8601: String { String(decoding: iso8601Bytes, as: UTF8.self) }

    public var description: String { iso8601 }

    var iso8601Bytes: [UInt8] {
        let ms = millisecondsSince1970
        let (secs, milli) = ms.quotientAndRemainder(dividingBy: 1000)
        var seconds = secs
        var millis = milli
        if millis < 0 { millis += 1000; seconds -= 1 }
        var (days, secOfDay) = seconds.quotientAndRemainder(dividingBy: 86_400)
        if secOfDay < 0 { secOfDay += 86_400; days -= 1 }
        let (year, month, day) = CivilDate.fromDays(Int(days))
        var out: [UInt8] = []
        out.reserveCapacity(24)
        func put(_ value: Int, _ width: Int) {
            var digits = [UInt8](repeating: 0x30, count: width)
            var rest = abs(value)
            for index in stride(from: width - 1, through: 0, by: -1) {
                digits[index] = UInt8(0x30 + rest % 10)
                rest /= 10
            }
            out.append(contentsOf: digits)
        }
        if year < 0 { out.append(UInt8(ascii: "-")) }
        put(year, 4); out.append(UInt8(ascii: "-"))
        put(month, 2); out.append(UInt8(ascii: "-"))
        put(day, 2); out.append(UInt8(ascii: "T"))
        put(Int(secOfDay / 3600), 2); out.append(UInt8(ascii: ":"))
        put(Int(secOfDay % 3600 / 60), 2); out.append(UInt8(ascii: ":"))
        put(Int(secOfDay % 60), 2); out.append(UInt8(ascii: "."))
        put(Int(millis), 3); out.append(UInt8(ascii: "Z"))
        return out
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; the fraction may have 1–9 digits (cut to milliseconds).
    public init?(iso8601 text: String) {
        var text = text
        guard let value = text.withUTF8({ Timestamp.parse($0) }) else { return nil }
        self = value
    }

    /// The date part last parsed and its day number: consecutive lines of a log almost always share their date.
    struct DayCache {
        var date: UInt64 = 0
        var tail: UInt16 = 0
        var days: Int64 = 0
        var valid = false
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        var cache = DayCache()
        return parse(bytes, cache: &cache)
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, cache: inout DayCache) -> Timestamp? {
        // Straight-line code over fixed positions (no nested closures: a closure capturing the index would box it
        // and cost an exclusivity check per digit, which shows at a million timestamps).
        let count = bytes.count
        guard count >= 20, let p = bytes.baseAddress else { return nil }
        @inline(__always) func digit(_ at: Int) -> Int {
            let value = Int(p[at]) &- 0x30
            return value >= 0 && value <= 9 ? value : -1_000_000
        }
        let dateWord = JSONScanner.word(at: p)
        let dateTail = UInt16(p[8]) | UInt16(p[9]) << 8
        let days: Int64
        if cache.valid, cache.date == dateWord, cache.tail == dateTail {
            days = cache.days
        } else {
            let year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3)
            let month = digit(5) * 10 + digit(6)
            let day = digit(8) * 10 + digit(9)
            guard year >= 0, month >= 1, month <= 12, day >= 1, p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-"),
                  day <= CivilDate.daysIn(month: month, year: year)
            else { return nil }
            days = Int64(CivilDate.days(year: year, month: month, day: day))
            cache = DayCache(date: dateWord, tail: dateTail, days: days, valid: true)
        }
        let hour = digit(11) * 10 + digit(12)
        let minute = digit(14) * 10 + digit(15)
        let second = digit(17) * 10 + digit(18)
        guard hour >= 0, hour < 24, minute >= 0, minute < 60, second >= 0, second < 60,
              p[10] == UInt8(ascii: "T") || p[10] == UInt8(ascii: "t"),
              p[13] == UInt8(ascii: ":"), p[16] == UInt8(ascii: ":")
        else { return nil }
        var index = 19
        var millis = 0
        if p[index] == UInt8(ascii: ".") {
            index += 1
            var digits = 0
            while index < count, p[index] >= 0x30, p[index] <= 0x39 {
                if digits < 3 { millis = millis * 10 + Int(p[index] - 0x30) }
                digits += 1
                index += 1
            }
            guard digits >= 1, digits <= 9 else { return nil }
            if digits < 3 { for _ in digits..<3 { millis *= 10 } }
        }
        guard index < count else { return nil }
        var offsetSeconds = 0
        switch p[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            index += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == count, p[index + 3] == UInt8(ascii: ":") else { return nil }
            let hours = digit(index + 1) * 10 + digit(index + 2)
            let minutes = digit(index + 4) * 10 + digit(index + 5)
            guard hours >= 0, hours < 24, minutes >= 0, minutes < 60 else { return nil }
            offsetSeconds = (p[index] == UInt8(ascii: "-") ? -1 : 1) * (hours * 3600 + minutes * 60)
            index += 6
        default:
            return nil
        }
        guard index == count else { return nil }
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
        return Timestamp(millisecondsSince1970: seconds * 1000 + Int64(millis))
    }
}

/// Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01), after Howard Hinnant's
/// `days_from_civil` / `civil_from_days`: exact, branch-light, and free of `Calendar`'s cost.
enum CivilDate {
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func fromDays(_ value: Int) -> (year: Int, month: Int, day: Int) {
        let z = value + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
