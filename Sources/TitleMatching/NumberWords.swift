/// Numerals and the words they stand for, as abbreviations: "2nd" for "Second", "10" for "Ten".
enum NumberWords {
    private static let cardinals = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
    ]
    private static let ordinals = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
        "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
        "twentieth",
    ]
    private static let tens = [
        30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy", 80: "eighty",
        90: "ninety", 100: "hundred",
    ]

    /// "1" → "one" … "20" → "twenty", "30" → "thirty" … "100" → "hundred"; "1st" → "first" …
    /// "20th" → "twentieth".
    static let abbreviations: [String: String] = {
        var table: [String: String] = [:]
        for (index, word) in cardinals.enumerated() { table[String(index + 1)] = word }
        for (number, word) in tens { table[String(number)] = word }
        for (index, word) in ordinals.enumerated() {
            let number = index + 1
            let suffix = (11...13).contains(number) ? "th" : [1: "st", 2: "nd", 3: "rd"][number % 10] ?? "th"
            table["\(number)\(suffix)"] = word
        }
        return table
    }()
}
