import Foundation
import Glibc

/// A calendar day without a time or a time zone, counted in days since 1970-01-01.
///
/// Scheduling works in whole days (DESIGN.md 6), so a naive day keeps the arithmetic exact and
/// free of daylight-saving surprises: adding 6 days is adding 6, never 6 × 86,400 seconds. The
/// clock is read only at the edge, by `studyDay(at:timeZone:)`, which the caller gives the time.
public struct Day: Sendable, Hashable, Comparable, Codable, LosslessStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public var daysSinceEpoch: Int

    /// The local hour at which a study day begins: reviews at 01:30 still count for the day before.
    public static let studyDayStartHour = 4

    public init(daysSinceEpoch: Int) {
        self.daysSinceEpoch = daysSinceEpoch
    }

    /// The day with the given Gregorian date, or nil when it does not exist (e.g. 2025-02-29).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        daysSinceEpoch = Day.days(year: year, month: month, day: day)
    }

    /// Parses exactly `YYYY-MM-DD` (as in `KB_TODAY`); anything else, or a date that does not
    /// exist, is nil so the caller can name the bad value.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The study day now, in the machine's local time (`TZ`, else /etc/localtime) as the C
    /// library reads it: Foundation's `TimeZone.current` loads ICU's zone data first, which
    /// every command paid before its first line of output.
    public static func studyDayNow() -> Day {
        var now = time(nil)
        var parts = tm()
        guard localtime_r(&now, &parts) != nil else { return studyDay(at: Date(), timeZone: .current) }
        return studyDay(localSeconds: Int(now) + Int(parts.tm_gmtoff))
    }

    /// The study day at an instant: the local date in `timeZone`, minus one before 04:00.
    public static func studyDay(at date: Date, timeZone: TimeZone) -> Day {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        return studyDay(localSeconds: seconds + timeZone.secondsFromGMT(for: date))
    }

    /// The study day of a local wall-clock time in seconds since 1970-01-01 00:00. The shift is
    /// done on the local wall clock, not by subtracting four real hours, so the day still
    /// changes at 04:00 on the nights the clocks move.
    private static func studyDay(localSeconds: Int) -> Day {
        Day(daysSinceEpoch: floorDivide(localSeconds - studyDayStartHour * 3_600, 86_400))
    }

    /// Year, month (1-12) and day of month (1-31).
    public var components: (year: Int, month: Int, day: Int) {
        // Shift the epoch to 0000-03-01 so that leap days fall at the end of each 400-year era's years.
        let shifted = daysSinceEpoch + 719_468
        let era = Day.floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// The day `count` days later (earlier when negative).
    public func adding(days count: Int) -> Day {
        Day(daysSinceEpoch: daysSinceEpoch + count)
    }

    /// Formatted as `YYYY-MM-DD`.
    public var description: String {
        let (year, month, day) = components
        let y = String(year)
        let pad = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + pad(month) + "-" + pad(day)
    }

    public static func < (lhs: Day, rhs: Day) -> Bool {
        lhs.daysSinceEpoch < rhs.daysSinceEpoch
    }

    public static func + (lhs: Day, rhs: Int) -> Day {
        lhs.adding(days: rhs)
    }

    public static func - (lhs: Day, rhs: Int) -> Day {
        lhs.adding(days: -rhs)
    }

    /// Whole days from `rhs` to `lhs` (positive when `lhs` is later).
    public static func - (lhs: Day, rhs: Day) -> Int {
        lhs.daysSinceEpoch - rhs.daysSinceEpoch
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let day = Day(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected a day as YYYY-MM-DD, got \"\(text)\"")
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    private static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = floorDivide(y, 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func floorDivide(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
