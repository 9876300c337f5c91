import Foundation

/// Reads a `Retry-After` header (RFC 9110 §10.2.3): a number of seconds, or an HTTP date.
///
/// Parsed by hand rather than with a DateFormatter: the three date layouts are fixed, in
/// English and in GMT whatever the machine's locale, and "now" comes from the caller so tests
/// need no clock.
public enum RetryAfter {
    /// Seconds to wait from `now`: the delay as given, or the time until the date (0 for a date
    /// already past). Nil for a value that is neither, so the caller falls back to its backoff.
    public static func seconds(_ value: String, now: Date) -> Double? {
        let text = value.trimmingCharacters(in: .whitespaces)
        guard let first = text.first else { return nil }
        if first.isASCII, first.isNumber {
            // delta-seconds is 1*DIGIT: "1.5" and "-3" are not delays. A number too long for an
            // Int still means "very long", which `maxWait` then refuses.
            guard text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Double(text)
        }
        guard let date = httpDate(text, now: now) else { return nil }
        return Swift.max(0, date.timeIntervalSince(now))
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// An HTTP date in any of its three layouts:
    /// `Sun, 06 Nov 1994 08:49:37 GMT` (IMF-fixdate, what servers send today),
    /// `Sunday, 06-Nov-94 08:49:37 GMT` (RFC 850) and `Sun Nov  6 08:49:37 1994` (asctime).
    /// A two-digit year is the one that is not more than 50 years ahead of `now`.
    public static func httpDate(_ text: String, now: Date) -> Date? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        let day: String, month: String, year: String, time: String
        switch words.count {
        case 6 where words[5] == "GMT":
            (day, month, year, time) = (words[1], words[2], words[3], words[4])
        case 4 where words[3] == "GMT":
            let parts = words[1].split(separator: "-").map(String.init)
            guard parts.count == 3 else { return nil }
            (day, month, year, time) = (parts[0], parts[1], parts[2], words[2])
        case 5:
            (month, day, time, year) = (words[1], words[2], words[3], words[4])
        default:
            return nil
        }
        let clock = time.split(separator: ":").map { Int($0) }
        guard let monthIndex = months.firstIndex(of: month.lowercased()),
              let dayNumber = Int(day), (1...31).contains(dayNumber),
              var yearNumber = Int(year), year.count == 2 || year.count == 4,
              clock.count == 3, let hour = clock[0], let minute = clock[1], let second = clock[2],
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        if year.count == 2 {
            let thisYear = civilYear(of: now)
            yearNumber += thisYear - thisYear % 100
            if yearNumber > thisYear + 50 { yearNumber -= 100 }
        }
        let days = daysFromCivil(year: yearNumber, month: monthIndex + 1, day: dayNumber)
        return Date(timeIntervalSince1970: Double(days * 86_400 + hour * 3_600 + minute * 60 + second))
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The Gregorian year (UTC) of `date`, by the inverse of `daysFromCivil`.
    private static func civilYear(of date: Date) -> Int {
        let days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down)) + 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let dayOfEra = days - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        return yearOfEra + era * 400 + (monthIndex >= 10 ? 1 : 0)
    }
}
