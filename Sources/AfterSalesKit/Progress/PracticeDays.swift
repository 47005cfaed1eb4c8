import Foundation

/// The days on which the trainee practised, and the streaks they make.
///
/// A day is a calendar day in the time zone given to the replay (`TraineeState.Options.timeZone`, UTC by default so
/// that replay is the same on every machine; the CLI passes the trainee's local zone so that practising at 23:30
/// and at 00:30 counts as two days where the trainee lives). Days are numbered from 1970-01-01 in that zone.
public struct PracticeDays: Sendable, Equatable {
    public private(set) var days: Set<Int> = []

    public init() {}

    public mutating func insert(_ day: Int) { days.insert(day) }

    public var count: Int { days.count }

    /// Days practised, oldest first.
    public var sorted: [Int] { days.sorted() }

    /// Consecutive days practised up to `today`. A streak is still alive if the last practice was yesterday
    /// (today is not over yet); it is 0 when the last practice was before that.
    public func currentStreak(today: Int) -> Int {
        var day = days.contains(today) ? today : today - 1
        var streak = 0
        while days.contains(day) {
            streak += 1
            day -= 1
        }
        return streak
    }

    /// The longest run of consecutive days ever.
    public var longestStreak: Int {
        var best = 0
        var run = 0
        var previous: Int?
        for day in sorted {
            run = previous == day - 1 ? run + 1 : 1
            best = max(best, run)
            previous = day
        }
        return best
    }

    /// The day number of `time` in `timeZone`.
    public static func day(of time: Timestamp, in timeZone: TimeZone) -> Int {
        let offset = Int64(timeZone.secondsFromGMT(for: time.date))
        return Int((time.millisecondsSince1970 / 1000 + offset).floorDivided(by: 86_400))
    }

    /// The calendar date (year, month, day) of a day number.
    public static func date(ofDay day: Int) -> (year: Int, month: Int, day: Int) { CivilDate.fromDays(day) }
}

/// Turns timestamps into day numbers quickly: asking the time zone once per day, not once per event.
struct DayCounter: Sendable {
    let timeZone: TimeZone
    private let fixedOffset: Int64?
    private var validFrom: Int64 = 1
    private var validUntil: Int64 = 0
    private var cachedDay = 0

    init(timeZone: TimeZone) {
        self.timeZone = timeZone
        let probe = Date(timeIntervalSince1970: 0)
        fixedOffset = timeZone.nextDaylightSavingTimeTransition(after: probe) == nil
            && timeZone.secondsFromGMT(for: probe) == timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: 2e9))
            ? Int64(timeZone.secondsFromGMT(for: probe)) : nil
    }

    mutating func day(of time: Timestamp) -> Int {
        let ms = time.millisecondsSince1970
        if ms >= validFrom, ms < validUntil { return cachedDay }
        let offset = fixedOffset ?? Int64(timeZone.secondsFromGMT(for: time.date))
        let day = (ms / 1000 + offset).floorDivided(by: 86_400)
        var end = ((day + 1) * 86_400 - offset) * 1000
        if fixedOffset == nil, let change = timeZone.nextDaylightSavingTimeTransition(after: time.date) {
            end = min(end, Timestamp(change).millisecondsSince1970)
        }
        // Valid from this moment (earlier moments of the same day are rare in a log and simply recomputed).
        validFrom = fixedOffset == nil ? ms : (day * 86_400 - offset) * 1000
        validUntil = end
        cachedDay = Int(day)
        return cachedDay
    }
}

extension Int64 {
    func floorDivided(by divisor: Int64) -> Int64 {
        let (quotient, remainder) = quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? quotient - 1 : quotient
    }
}
