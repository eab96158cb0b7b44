import Directory
import Testing

@Suite("SearchFilter")
struct SearchFilterTests {
    @Test(
        "values are escaped (RFC 4515)",
        arguments: [
            ("*)(uid=*", "(title=\\2a\\29\\28uid=\\2a)"),
            ("a\\b", "(title=a\\5cb)"),
            ("nul\u{0}here", "(title=nul\\00here)"),
            ("Head of Statistics", "(title=Head of Statistics)"),
            ("Attaché", "(title=Attaché)"),
        ]
    )
    func escaping(value: String, filter: String) {
        #expect(SearchFilter.equal("title", value).description == filter)
    }

    @Test("composition")
    func composition() {
        let filter = SearchFilter.and([
            .or([.present("title"), .equal("objectClass", "organizationalRole")]),
            .not(.equal("uid", "x*")),
            .substring("cn", initial: "A(", any: ["b"], final: "c"),
        ])
        #expect(filter.description == "(&(|(title=*)(objectClass=organizationalRole))(!(uid=x\\2a))(cn=A\\28*b*c))")
    }
}
