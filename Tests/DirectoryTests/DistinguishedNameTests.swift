import Directory
import Testing

@Suite("DistinguishedName")
struct DistinguishedNameTests {
    @Test(
        "spellings of the same DN are equal",
        arguments: [
            ("uid=ann,ou=People,dc=example,dc=org", "UID=Ann, OU=people , DC=Example,dc=ORG"),
            ("cn=Smith\\, Ann,dc=x", "cn=smith\\2c ann,dc=x"),
            ("cn=Ann  Smith,dc=x", "cn=  ann smith  ,dc=x"),
            ("cn=Ann+uid=a1,dc=x", "uid=a1+cn=Ann,dc=x"),
            ("2.5.4.3=Ann,dc=x", "cn=Ann,dc=x"),
            ("cn=#414243,dc=x", "CN=#414243,DC=X"),
            ("cn=\"Smith, Ann\",dc=x", "cn=Smith\\, Ann,dc=x"),
            ("cn=Zo\\C3\\AB,dc=x", "cn=Zoë,dc=x"),
            ("cn=a;dc=x", "cn=a,dc=x"),
        ]
    )
    func equal(a: String, b: String) throws {
        #expect(try DistinguishedName(a) == DistinguishedName(b))
    }

    @Test(
        "different DNs stay different",
        arguments: [
            ("uid=ann,dc=example,dc=org", "uid=anne,dc=example,dc=org"),
            ("cn=Smith\\, Ann,dc=x", "cn=Smith,cn=Ann,dc=x"),
            ("cn=a b,dc=x", "cn=ab,dc=x"),
            ("cn=a,dc=x", "dc=x"),
        ]
    )
    func different(a: String, b: String) throws {
        #expect(try DistinguishedName(a) != DistinguishedName(b))
    }

    @Test("normalised form")
    func normalised() throws {
        let dn = try DistinguishedName(" CN = Ann  Smith , OU=People,DC=Example ")
        #expect(dn.normalized == "cn=ann smith,ou=people,dc=example")
        #expect(dn.rdns.count == 3)
        #expect(try DistinguishedName("").rdns.isEmpty)
        #expect(try dn.isWithin(DistinguishedName("dc=example")))
    }

    @Test(
        "malformed DNs are refused with a position",
        arguments: ["cn", "=x,dc=y", "cn=a,", "cn=a\\", "cn=a\\q", "cn=#zz", "cn=\"open"]
    )
    func malformed(text: String) {
        #expect(throws: DistinguishedNameError.self) { try DistinguishedName(text) }
    }
}

@Suite("DistinguishedName.normalize")
struct FastNormalizeTests {
    @Test(
        "the fast path agrees with the full parse",
        arguments: [
            "uid=ann,ou=People,dc=example,dc=org", "UID=Ann, OU=people , DC=Example,dc=ORG", "cn=Ann  Smith ,dc=x",
            "cn=Smith\\, Ann,dc=x", "cn=Ann+uid=a1,dc=x", "2.5.4.3=Ann,dc=x", "cn=#414243,dc=x", "cn=Zoë,dc=x",
            "cn=a;dc=x",
            "", " uid = a , dc = b ", "cn=a=b,dc=x", "c n=a", "cn =a", "cn=,dc=x",
            "uid=u0000001,ou=People,dc=big,dc=example",
        ]
    )
    func agrees(text: String) {
        #expect(DistinguishedName.normalize(text) == (try? DistinguishedName(text))?.normalized)
        #expect(DistinguishedName.isValid(text) == ((try? DistinguishedName(text)) != nil))
    }

    @Test(
        "invalid DNs are invalid on the fast path too",
        arguments: ["cn", "=x,dc=y", "cn=a,", "cn=a\\", "c n=a", "cn=a,,dc=b", "uid=a,=b"]
    )
    func invalid(text: String) {
        #expect(!DistinguishedName.isValid(text))
    }
}

@Suite("DistinguishedName.fingerprint")
struct FingerprintTests {
    @Test("equal simple DNs have equal fingerprints; complex ones say so")
    func fingerprints() {
        #expect(
            DistinguishedName.fingerprint("UID=Ann, OU=People").value
                == DistinguishedName.fingerprint("uid=ann,ou=people").value
        )
        #expect(DistinguishedName.fingerprint("uid=ann,ou=people").isSimple)
        #expect(!DistinguishedName.fingerprint("cn=Smith\\, Ann").isSimple)
        #expect(!DistinguishedName.fingerprint("2.5.4.3=Ann,dc=x").isSimple)
        #expect(!DistinguishedName.fingerprint("cn=x, 0.9.2342.19200300.100.1.25=y").isSimple)
    }
}

@Suite("The DN fast path agrees with the parser")
struct DistinguishedNameFastPathTests {
    @Test(
        "normalize, isValid and fingerprint on simple and not-so-simple DNs",
        arguments: [
            "uid=asmith,ou=People,dc=dda,dc=example", "UID=ASmith, OU=People,DC=dda ,dc=example", "cn=Ann  Smith ,dc=x",
            "OID.2.5.4.3=Ann,dc=x", "2.5.4.3=Ann,dc=x", "cn=a\\,b,dc=x", "cn=\"a,b\",dc=x", "cn=a+sn=b,dc=x", "",
            " ", "cn=#04024869,dc=x", "cn = a,dc=x", "cn=Zoë,dc=x", "cn=a;dc=x",
        ]
    )
    func agree(text: String) throws {
        let parsed = try DistinguishedName(text)
        #expect(DistinguishedName.normalize(text) == parsed.normalized)
        #expect(DistinguishedName.isValid(text))
        let print = DistinguishedName.fingerprint(text)
        if print.isSimple { #expect(DistinguishedName.fingerprint(parsed.normalized) == print) }
    }

    @Test(
        "equal simple DNs have equal fingerprints; different ones differ",
        arguments: [
            ("uid=a,ou=People,dc=x", "UID=A, ou=people,DC=X", true), ("uid=a,dc=x", "uid=b,dc=x", false),
            ("cn=Ann Smith,dc=x", "cn=AnnSmith,dc=x", false),
        ]
    )
    func fingerprints(first: String, second: String, equal: Bool) {
        let (a, b) = (DistinguishedName.fingerprint(first), DistinguishedName.fingerprint(second))
        #expect(a.isSimple && b.isSimple)
        #expect((a.value == b.value) == equal)
    }

    @Test(
        "invalid DNs are invalid on every path",
        arguments: ["cn", "=a", "cn=a,", ",cn=a", "cn=a,,dc=x", "c n=a", "cn=a\\"]
    )
    func invalid(text: String) {
        #expect(!DistinguishedName.isValid(text))
        #expect(DistinguishedName.normalize(text) == nil)
        #expect(!DistinguishedName.fingerprint(text).isSimple)
    }
}
