import Testing

@testable import LDAPClient

@Suite("AttributeRange")
struct AttributeRangeTests {
    @Test("AD range options are parsed, and the next slice is asked for")
    func parse() throws {
        let first = try #require(AttributeRange("roleOccupant;range=0-1499"))
        #expect(first.attribute == "roleOccupant")
        #expect(first.start == 0 && first.end == 1499)
        #expect(first.next == "roleOccupant;range=1500-*")
        let last = try #require(AttributeRange("member;Range=3000-*"))
        #expect(last.end == nil && last.next == nil)
        #expect(AttributeRange("member;lang-en;range=5-9")?.attribute == "member;lang-en")
    }

    @Test(
        "anything else is not a range",
        arguments: ["member", "member;range=", "member;range=9-1", "member;range=a-b", "member;range=-1-5"]
    )
    func notRanges(description: String) {
        #expect(AttributeRange(description) == nil)
    }
}
