import Directory
import Foundation
import LDIF
import Testing

@testable import RoleCall

/// A distribution group among the recipients is checked member by member: nested groups walked,
/// each member once, loops cut, and a group whose members cannot be read never authorised.
@Suite("Distribution groups as recipients")
struct GroupRecipientTests {
    static let accessList = ResolverTests.examplePath.replacingOccurrences(
        of: "department.ldif",
        with: "access-list.txt"
    )

    private func check(_ recipients: [String], resolver: Resolver = ResolverTests.example) throws -> RecipientCheck {
        let list = try AccessList.load(path: Self.accessList)
        return RecipientCheck(recipients: recipients, list: list, resolver: resolver)
    }

    private func check(_ recipients: [Recipient]) throws -> RecipientCheck {
        let list = try AccessList.load(path: Self.accessList)
        return RecipientCheck(recipients: recipients, list: list, resolver: ResolverTests.example)
    }

    private func resolver(_ ldif: String) throws -> Resolver {
        let reader = LDIFReader(bytes: Array(ldif.utf8), name: "fixture.ldif")
        var builder = DirectorySnapshot.Builder()
        while let record = try reader.next() { builder.add(try Entry(record: record)) }
        return Resolver(snapshot: builder.build(), asOf: ResolverTests.asOf)
    }

    @Test(
        "the example's Press Office reaches five people, each judged: two press officers, a locked chief press officer, two not listed"
    )
    func pressOffice() throws {
        let check = try check([
            Recipient(written: "Press Office <press-office@dda.example>", address: "press-office@dda.example")
        ])
        let byAddress = Dictionary(uniqueKeysWithValues: check.recipients.map { ($0.address, $0) })
        // hkhan is in both lists and is checked once, as the outer list's own member; the nested
        // list's loop back is cut; the outer list's own members come before the nested list's.
        #expect(
            check.recipients.map(\.address) == [
                "fpatel@dda.example", "hkhan@dda.example", "ilewis@dda.example", "gevans@dda.example",
                "jmurray@dda.example",
            ]
        )
        #expect(check.recipients.allSatisfy { $0.recipient == "Press Office <press-office@dda.example>" })
        #expect(byAddress["fpatel@dda.example"]?.reason == .inactive)
        #expect(byAddress["fpatel@dda.example"]?.inactiveReason == .locked)
        #expect(byAddress["hkhan@dda.example"]?.roles == ["Press Officer (x2)"])
        #expect(byAddress["ilewis@dda.example"]?.status == .authorised)
        let deputy = try #require(byAddress["gevans@dda.example"])
        #expect(deputy.status == .unauthorised)
        #expect(deputy.groups == ["press-office@dda.example", "press-deputies@dda.example"])
        #expect(deputy.nearestRole == "Chief Press Officer")
        #expect(byAddress["fpatel@dda.example"]?.groups == ["press-office@dda.example"])
        #expect(!check.allAuthorised)
    }

    @Test("the nested list named directly reaches its own members and, through the loop, the outer list's")
    func nestedFirst() throws {
        let check = try check(["press-deputies@dda.example"])
        #expect(Set(check.recipients.map(\.address)).count == check.recipients.count)
        #expect(Set(check.recipients.map(\.address)).isSuperset(of: ["gevans@dda.example", "fpatel@dda.example"]))
        let outer = try #require(check.recipients.first { $0.address == "fpatel@dda.example" })
        #expect(outer.groups == ["press-deputies@dda.example", "press-office@dda.example"])
    }

    @Test("a group with no readable members, or only itself, is ambiguous; a dangling member is unknown")
    func unreadableGroups() throws {
        let resolver = try resolver(
            """
            dn: cn=empty,dc=x
            objectClass: groupOfNames
            mail: empty@x

            dn: cn=self,dc=x
            objectClass: group
            mail: self@x
            member: cn=self,dc=x

            dn: cn=gone,dc=x
            objectClass: groupOfUniqueNames
            mail: gone@x
            uniqueMember: uid=left,dc=x#'0101'B

            dn: cn=computed,dc=x
            objectClass: groupOfURLs
            mail: computed@x
            memberURL: ldap:///dc=x??sub?(title=*)

            """
        )
        for address in ["empty@x", "self@x", "computed@x"] {
            let verdict = try #require(try check([address], resolver: resolver).recipients.first)
            #expect(verdict.status == .ambiguous, "\(address)")
            #expect(verdict.reason == .groupWithoutMembers, "\(address)")
        }
        let gone = try check(["gone@x"], resolver: resolver).recipients
        #expect(gone.count == 1)
        #expect(gone.first?.status == .unknown)
        // The unique-identifier suffix is not part of the DN.
        #expect(gone.first?.address == "uid=left,dc=x")
        #expect(gone.first?.groups == ["gone@x"])
    }

    @Test("a nested group RoleCall cannot list is reported where it sits; computed members too, beside listed ones")
    func nestedUnreadable() throws {
        let resolver = try resolver(
            """
            dn: cn=team,dc=x
            objectClass: groupOfNames
            mail: team@x
            member: uid=ann,dc=x
            member: cn=hidden,dc=x
            member: cn=dynamic,dc=x

            dn: uid=ann,dc=x
            mail: ann@x
            title: Head of Defence Statistics

            dn: cn=hidden,dc=x
            objectClass: group
            mail: hidden@x

            dn: cn=dynamic,dc=x
            objectClass: groupOfURLs
            mail: dynamic@x
            member: uid=ann,dc=x

            """
        )
        let check = try check(["team@x"], resolver: resolver)
        #expect(!check.allAuthorised)
        let byAddress = Dictionary(uniqueKeysWithValues: check.recipients.map { ($0.address, $0) })
        #expect(byAddress["ann@x"]?.status == .authorised)
        #expect(byAddress["hidden@x"]?.reason == .groupWithoutMembers)
        #expect(byAddress["hidden@x"]?.groups == ["team@x"])
        #expect(byAddress["dynamic@x"]?.reason == .groupWithoutMembers)
        #expect(check.recipients.count == 3)
    }

    @Test(
        "member values: a uniqueMember suffix is dropped, a member DN ending in #'B is kept whole, several matches are ambiguous"
    )
    func memberValues() throws {
        let resolver = try resolver(
            """
            dn: cn=odd,dc=x
            objectClass: groupOfNames
            mail: odd@x
            member: cn=x#'B,dc=x
            member: cn=y#'0101'B
            member: shared@x

            dn: cn=x#'B,dc=x
            mail: x@x

            dn: uid=a,dc=x
            mail: shared@x

            dn: uid=b,dc=x
            mail: shared@x

            """
        )
        let recipients = try check(["odd@x"], resolver: resolver).recipients
        #expect(recipients.map(\.address) == ["x@x", "cn=y#'0101'B", "shared@x"])
        #expect(recipients.map(\.reason) == [.holdsNoListedRole, .notInDirectory, .matchesSeveralEntries])
        #expect(recipients.last?.candidates == ["uid=a,dc=x", "uid=b,dc=x"])
        #expect(DirectorySnapshot.uniqueMemberDN("cn=x#'B") == "cn=x#'B")
        #expect(DirectorySnapshot.uniqueMemberDN("cn=x#'0101'B") == "cn=x")
        #expect(DirectorySnapshot.uniqueMemberDN("cn=x#'01x'B") == "cn=x#'01x'B")
    }

    @Test("a chain of 5,000 nested groups is followed 32 deep, then reported, never a crash")
    func deepNesting() throws {
        var ldif = ""
        for depth in 0..<5_000 {
            ldif += "dn: cn=g\(depth),dc=x\nobjectClass: group\nmail: g\(depth)@x\n"
            ldif += "member: uid=p\(depth),dc=x\nmember: cn=g\(depth + 1),dc=x\n\n"
            ldif += "dn: uid=p\(depth),dc=x\nmail: p\(depth)@x\ntitle: Officer \(depth)\n\n"
        }
        let recipients = try check(["g0@x"], resolver: try resolver(ldif)).recipients
        #expect(recipients.count == RecipientCheck.maximumGroupDepth + 1)
        #expect(recipients.dropLast().allSatisfy { $0.status == .unauthorised })
        let cut = try #require(recipients.last)
        #expect(cut.reason == .groupTooDeep)
        #expect(cut.address == "g\(RecipientCheck.maximumGroupDepth)@x")
        #expect(cut.groups.count == RecipientCheck.maximumGroupDepth)
    }

    @Test("members survive a snapshot file, and an older format is refused with a rebuild hint")
    func snapshotFile() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("groups-\(UUID()).snapshot").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ResolverTests.example.snapshot.write(to: path)
        let opened = try await DirectorySnapshot.open(file: path)
        let fromFile = try check(
            ["press-office@dda.example"],
            resolver: Resolver(snapshot: opened, asOf: ResolverTests.asOf)
        )
        #expect(fromFile.recipients == (try check(["press-office@dda.example"]).recipients))
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[8] = 1
        try bytes.write(to: URL(fileURLWithPath: path))
        await #expect(throws: RoleCallError(.snapshotUnusable(path: path, .olderFormat(1)))) {
            try await DirectorySnapshot.open(file: path)
        }
    }
}
