import Foundation
import Testing

@testable import RoleCall

@Suite("JSON writing")
struct JSONValueTests {
    /// A value holding every character class a directory value may bring: quotes, backslashes,
    /// line breaks, other control characters, non-ASCII letters and a character outside the BMP.
    static let hostile = "Head \"of\" C:\\Stats\n\r\t\u{1}\u{1f}\u{7f} Ann Allén 👩‍💼"

    @Test("strings are escaped so that any JSON reader gets them back exactly, pretty or compact")
    func escaping() throws {
        let value = JSONValue.object([
            ("title", .string(Self.hostile)), ("list", .array([.int(-3), .double(0.6666), .bool(true), .null])),
            ("empty", .array([])), ("none", .object([])),
        ])
        for text in [value.serialized(), value.compact()] {
            let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            #expect(parsed["title"] as? String == Self.hostile)
            #expect((parsed["list"] as? [Any])?.count == 4)
            #expect((parsed["list"] as? [Any])?[1] as? Double == 0.667)
            // No raw control character reaches the output: a forged line cannot start.
            #expect(!text.dropLast().contains { $0.asciiValue.map { $0 < 0x20 && $0 != 0x0a } ?? false })
        }
        #expect(value.compact().contains(#""title":"Head \"of\" C:\\Stats\n\r\t\u0001\u001f"#))
        #expect(!value.compact().contains("\n"))
    }

    @Test("pretty output has two-space indents, one member a line, and a final newline")
    func layout() {
        let value = JSONValue.object([("a", .array([.int(1), .object([("b", .string("c"))])])), ("d", .array([]))])
        #expect(
            value.serialized() == """
                {
                  "a": [
                    1,
                    {
                      "b": "c"
                    }
                  ],
                  "d": []
                }

                """
        )
        #expect(value.compact() == #"{"a":[1,{"b":"c"}],"d":[]}"#)
    }
}
