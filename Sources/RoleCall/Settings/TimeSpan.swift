public import Foundation

/// A span of time written the way people write one for a setting: `90s`, `15m`, `2h`, `1d`, or
/// several together (`1h30m`).
public enum TimeSpan {
    /// The seconds a span names, or nil when it is not one (no number, an unknown unit, zero).
    /// - Parameter text: The span as written.
    /// - Returns: Its length in seconds.
    public static func seconds(_ text: String) -> TimeInterval? {
        var total: TimeInterval = 0
        var digits = ""
        var sawUnit = false
        for character in text {
            if character.isASCII, character.isNumber {
                digits.append(character)
                continue
            }
            let unit: TimeInterval? =
                switch character {
                case "s": 1
                case "m": 60
                case "h": 3_600
                case "d": 86_400
                case "w": 604_800
                default: nil
                }
            guard let unit, let count = Int(digits), digits.count <= 9 else { return nil }
            total += TimeInterval(count) * unit
            digits = ""
            sawUnit = true
        }
        guard digits.isEmpty, sawUnit, total > 0 else { return nil }
        return total
    }

    /// A span written back the same way, largest units first (`1h30m`, `45s`).
    /// - Parameter seconds: The span's length.
    /// - Returns: The span as text.
    public static func text(_ seconds: TimeInterval) -> String {
        var rest = Int(seconds.rounded())
        guard rest > 0 else { return "0s" }
        var parts = ""
        for (unit, size) in [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)] where rest >= size {
            parts += "\(rest / size)\(unit)"
            rest %= size
        }
        return parts
    }
}
