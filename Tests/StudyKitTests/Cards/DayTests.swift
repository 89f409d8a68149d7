import Foundation
import Testing

@testable import StudyKit

@Suite struct DayTests {
    @Test(arguments: [
        ("1970-01-01", 0), ("1970-01-02", 1), ("1969-12-31", -1), ("2000-02-29", 11_016), ("2024-03-01", 19_783),
        ("2026-11-28", 20_785),
    ])
    func parsesAndFormats(text: String, days: Int) throws {
        let day = try #require(Day(text))
        #expect(day.daysSinceEpoch == days)
        #expect(day.description == text)
    }

    @Test(arguments: ["2025-02-29", "2024-13-01", "2024-00-10", "2024-1-01", "24-01-01", "2024-01-32", "", "2024/01/01", "２０２４-01-01"])
    func rejectsMalformedDays(text: String) {
        #expect(Day(text) == nil)
    }

    @Test func roundTripsEveryDayOfTwoCenturies() {
        var day = Day(year: 1900, month: 1, day: 1)
        var count = 0
        while let current = day, current.components.year < 2100 {
            let (year, month, dayOfMonth) = current.components
            #expect(Day(year: year, month: month, day: dayOfMonth) == current)
            #expect(Day(current.description) == current)
            day = current + 1
            count += 1
        }
        #expect(count == 73_049)
    }

    @Test func arithmeticAndOrder() throws {
        let day = try #require(Day("2024-02-28"))
        #expect((day + 1).description == "2024-02-29")
        #expect((day + 2).description == "2024-03-01")
        #expect((day - 59).description == "2023-12-31")
        #expect(try #require(Day("2025-02-28")) - day == 366)
        #expect(day < day + 1)
    }

    @Test func codableAsText() throws {
        let day = try #require(Day("2026-01-05"))
        let data = try JSONEncoder().encode([day])
        #expect(String(decoding: data, as: UTF8.self) == "[\"2026-01-05\"]")
        #expect(try JSONDecoder().decode([Day].self, from: data) == [day])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Day].self, from: Data("[\"5 Jan\"]".utf8)) }
    }

    /// The study day changes at 04:00 local time, also on the nights the clocks change.
    @Test(arguments: [
        ("2026-03-10T03:59:00Z", "UTC", "2026-03-09"),
        ("2026-03-10T04:00:00Z", "UTC", "2026-03-10"),
        ("2026-03-10T23:59:00Z", "UTC", "2026-03-10"),
        // 02:30 in Berlin (UTC+1) is still the previous study day; 04:30 is the new one.
        ("2026-01-15T01:30:00Z", "Europe/Berlin", "2026-01-14"),
        ("2026-01-15T03:30:00Z", "Europe/Berlin", "2026-01-15"),
        // Berlin jumps from 02:00 to 03:00 on 2026-03-29: 04:30 local is 02:30 UTC.
        ("2026-03-29T02:30:00Z", "Europe/Berlin", "2026-03-29"),
        ("2026-03-29T01:30:00Z", "Europe/Berlin", "2026-03-28"),
        // New York (UTC-5): 22:00 local on the 14th.
        ("2026-01-15T03:00:00Z", "America/New_York", "2026-01-14"),
    ])
    func studyDayStartsAtFour(instant: String, zone: String, expected: String) throws {
        let date = try #require(ISO8601DateFormatter().date(from: instant))
        let timeZone = try #require(TimeZone(identifier: zone))
        #expect(Day.studyDay(at: date, timeZone: timeZone).description == expected)
    }

    @Test("today through the C library is today through Foundation's time zone")
    func studyDayNowMatchesFoundation() {
        // Two readings around the fast one: the day may turn over between calls, never twice.
        let before = Day.studyDay(at: Date(), timeZone: .current)
        let now = Day.studyDayNow()
        let after = Day.studyDay(at: Date(), timeZone: .current)
        #expect(now == before || now == after)
    }
}
