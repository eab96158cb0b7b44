public import Foundation

/// Reads the instant a run evaluates account state at: a date (`2026-06-01`, the start of that
/// day) or a date-time (`2026-06-01T09:30`, seconds and their fraction optional) in ISO 8601;
/// without an offset (`Z`, `+01`, `+0100`, `+01:00`) it is read in the given time zone.
/// Impossible dates, local times skipped when the clocks go forward, and trailing text are errors.
public enum Instant {
    /// Parses `text`.
    /// - Parameters:
    ///   - text: The date or date-time.
    ///   - timeZone: The zone of a time without an offset, and of a date alone.
    /// - Throws: ``RoleCallError`` ``RoleCallError/Problem-swift.enum/invalidInstant(_:)``.
    /// - Returns: The instant.
    public static func parse(_ text: String, timeZone: TimeZone = .current) throws(RoleCallError) -> Date {
        guard let date = read(Array(text.utf8), timeZone: timeZone) else {
            throw RoleCallError(.invalidInstant(text))
        }
        return date
    }

    /// The instant as RoleCall writes it everywhere: UTC, whole seconds (`2026-06-01T08:30:00Z`),
    /// as `ISO8601DateFormatter` writes it by default, without creating a formatter per call.
    /// - Parameter date: The instant.
    /// - Returns: Its text.
    public static func text(_ date: Date) -> String {
        var parts = tm()
        guard var seconds = time_t(exactly: date.timeIntervalSince1970.rounded(.down)),
            gmtime_r(&seconds, &parts) != nil,
            (1583...9999).contains(Int(parts.tm_year) + 1900)
        else {
            // Before the Gregorian calendar, the formatter counts Julian days; after 9999, more digits.
            return ISO8601DateFormatter().string(from: date)
        }
        func digits(_ value: Int32, _ count: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, count - text.count)) + text
        }
        return digits(parts.tm_year + 1900, 4) + "-" + digits(parts.tm_mon + 1, 2) + "-" + digits(parts.tm_mday, 2)
            + "T" + digits(parts.tm_hour, 2) + ":" + digits(parts.tm_min, 2) + ":" + digits(parts.tm_sec, 2) + "Z"
    }

    /// A time-zone name (IANA, such as `Europe/London`, or `UTC`).
    /// - Throws: ``RoleCallError`` ``RoleCallError/Problem-swift.enum/unknownTimeZone(_:)``.
    public static func timeZone(named name: String) throws(RoleCallError) -> TimeZone {
        guard let zone = TimeZone(identifier: name) else { throw RoleCallError(.unknownTimeZone(name)) }
        return zone
    }

    private static func read(_ bytes: [UInt8], timeZone: TimeZone) -> Date? {
        var position = 0
        func number(_ digits: Int) -> Int? {
            guard position + digits <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[position..<(position + digits)] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            position += digits
            return value
        }
        func skip(_ character: Character) -> Bool {
            guard position < bytes.count, bytes[position] == character.asciiValue else { return false }
            position += 1
            return true
        }
        var parts = DateComponents()
        guard let year = number(4), skip("-"), let month = number(2), skip("-"), let day = number(2) else { return nil }
        (parts.year, parts.month, parts.day) = (year, month, day)
        (parts.hour, parts.minute, parts.second) = (0, 0, 0)
        var zone = timeZone
        var fraction = 0.0
        if skip("T") || skip(" ") {
            guard let hour = number(2), skip(":"), let minute = number(2) else { return nil }
            (parts.hour, parts.minute) = (hour, minute)
            if skip(":") {
                guard let second = number(2) else { return nil }
                parts.second = second
                if skip(".") || skip(",") {
                    var scale = 0.1
                    let start = position
                    while let digit = number(1) {
                        fraction += Double(digit) * scale
                        scale /= 10
                    }
                    guard position > start else { return nil }
                }
            }
            if skip("Z") || skip("z") {
                zone = .gmt
            } else if position < bytes.count,
                bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-")
            {
                let sign = bytes[position] == UInt8(ascii: "-") ? -1 : 1
                position += 1
                // ±hh, ±hhmm or ±hh:mm
                guard let hours = number(2) else { return nil }
                var minutes = 0
                if position < bytes.count {
                    _ = skip(":")
                    guard let given = number(2) else { return nil }
                    minutes = given
                }
                guard hours < 24, minutes < 60,
                    let offset = TimeZone(secondsFromGMT: sign * (hours * 3600 + minutes * 60))
                else { return nil }
                zone = offset
            }
        }
        guard position == bytes.count, (1...12).contains(month), (0...23).contains(parts.hour ?? 0),
            (0...59).contains(parts.minute ?? 0), (0...59).contains(parts.second ?? 0)
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        // Refuse what the calendar would move: 30 February (2 March), or a local time that does
        // not exist because the clocks went forward (01:30 on a spring-forward night in London).
        let fields: Set<Calendar.Component> = [.year, .month, .day, .hour, .minute, .second]
        guard let date = calendar.date(from: parts), calendar.dateComponents(fields, from: date) == parts else {
            return nil
        }
        return date.addingTimeInterval(fraction)
    }
}
