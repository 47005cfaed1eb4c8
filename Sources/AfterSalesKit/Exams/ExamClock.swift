import Foundation

/// Where an exam session gets the time. Injected so tests can move time forward at will.
public protocol ExamClock: AnyObject {
    func now() -> Date
}

/// The real wall clock.
public final class SystemExamClock: ExamClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that only moves when told to: for tests and for replaying.
public final class ManualExamClock: ExamClock {
    public var current: Date
    public init(_ start: Date = Date(timeIntervalSince1970: 1_767_225_600)) { current = start }
    public func now() -> Date { current }
    public func advance(minutes: Double) { current += minutes * 60 }
    public func advance(seconds: Double) { current += seconds }
}

/// Timestamps as transcripts write them: ISO 8601, UTC, milliseconds; and durations as people read them.
public enum ExamTime {
    public static func iso(_ date: Date) -> String {
        let ms = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
        let millis = ms - seconds * 1000
        var days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let doe = days - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2))"
            + ":\(pad(secondOfDay % 60, 2)).\(pad(millis, 3))Z"
    }

    /// `m:ss`, or `h:mm:ss` from an hour on; negative durations show as 0:00.
    public static func clock(seconds: Double) -> String {
        let total = max(0, Int(seconds.rounded(.down)))
        let h = total / 3600, m = total / 60 % 60, s = total % 60
        let ss = s < 10 ? "0\(s)" : "\(s)"
        if h > 0 { return "\(h):" + (m < 10 ? "0\(m)" : "\(m)") + ":" + ss }
        return "\(m):" + ss
    }
}
