import Foundation
import LDIF
import RoleCall
import Testing

/// `RecipientCheck` and `StaleRoleReport` as a library caller sees them: typed verdicts and
/// findings, never sentences to parse.
@Suite("Recipient checks and reports return typed facts")
struct WorkflowTests {
    static let people = """
        dn: uid=ann,dc=x
        cn: Ann Smith
        mail: shared@x
        title: Head of Statistics

        dn: uid=bob,dc=x
        cn: Bob Jones
        mail: shared@x
        title: Press Officer

        dn: uid=cat,dc=x
        cn: Cat Lee
        mail: cat@x
        title: Press Officer

        dn: uid=dan,dc=x
        cn: Dan Okafor
        mail: dan@x
        title: Deputy Head of Statistics

        """

    private func resolver(_ ldif: String) throws -> Resolver {
        let reader = LDIFReader(bytes: Array(ldif.utf8), name: "fixture.ldif")
        var builder = DirectorySnapshot.Builder()
        while let record = try reader.next() { builder.add(try Entry(record: record)) }
        return Resolver(snapshot: builder.build())
    }

    private func list(_ text: String) throws -> AccessList {
        try AccessList.parse(Array(text.utf8), source: "list.txt", format: .text)
    }

    @Test("a recipient matching two entries is ambiguous with both candidates, never authorised")
    func severalEntries() throws {
        let check = RecipientCheck(
            recipients: ["shared@x"],
            list: try list("Head of Statistics\n"),
            resolver: try resolver(Self.people)
        )
        let verdict = try #require(check.recipients.first)
        #expect(verdict.status == .ambiguous)
        #expect(verdict.reason == .matchesSeveralEntries)
        #expect(verdict.dn == nil)
        #expect(verdict.candidates == ["uid=ann,dc=x", "uid=bob,dc=x"])
        #expect(!check.allAuthorised)
    }

    @Test("a holder of a role with more holders than the list expects is ambiguous")
    func overheldRole() throws {
        let check = RecipientCheck(
            recipients: ["cat@x"],
            list: try list("Press Officer\n"),
            resolver: try resolver(Self.people)
        )
        let verdict = try #require(check.recipients.first)
        #expect(verdict.status == .ambiguous)
        #expect(verdict.reason == .roleHasMoreHolders)
        #expect(verdict.roles == ["Press Officer"])
        #expect(check.uncovered == ["Press Officer"])
    }

    @Test("the nearest listed role is the list's title; what differs is a separate typed value")
    func nearestRole() throws {
        let check = RecipientCheck(
            recipients: ["dan@x", "nobody@x"],
            list: try list("Head of Statistics\n"),
            resolver: try resolver(Self.people)
        )
        let dan = check.recipients[0]
        #expect(dan.status == .unauthorised)
        #expect(dan.reason == .holdsNoListedRole)
        #expect(dan.nearestRole == "Head of Statistics")
        #expect(dan.nearestRoleDifferences == [TitleDifference(.modifierAdded, words: ["Deputy"])])
        #expect(dan.titles == ["Deputy Head of Statistics"])
        #expect(check.recipients[1].reason == .notInDirectory)
    }

    @Test("a recipient is found by an alias directories hold: an smtp: proxy address or otherMailbox")
    func aliases() throws {
        let ldif = """
            dn: uid=gil,dc=x
            cn: Gil Hart
            mail: gil@x
            proxyAddresses: SMTP:gil@x
            proxyAddresses: smtp:g.hart@x
            otherMailbox: gil.hart@partner.example
            title: Head of Statistics

            """
        let check = RecipientCheck(
            recipients: [
                Recipient(written: "Gil <g.hart@x>", address: "g.hart@x"),
                Recipient(written: "gil.hart@partner.example", address: "gil.hart@partner.example"),
            ],
            list: try list("Head of Statistics\n"),
            resolver: try resolver(ldif)
        )
        #expect(check.recipients.map(\.status) == [.authorised, .authorised])
        #expect(check.recipients.map(\.dn) == ["uid=gil,dc=x", "uid=gil,dc=x"])
        #expect(check.recipients.map(\.recipient) == ["Gil <g.hart@x>", "gil.hart@partner.example"])
    }

    @Test("holder changes name who joined and who left; a title gone from the directory is titleGone")
    func changes() throws {
        let before = ReportState(
            holders: [
                "Head of Statistics": [
                    Holder(dn: "uid=eve,dc=x", name: "Eve", mail: nil, title: "Head of Statistics", via: .title)
                ],
                "Chief Economist": [
                    Holder(dn: "uid=fay,dc=x", name: "Fay", mail: nil, title: "Chief Economist", via: .title)
                ],
            ],
            asOf: Date(timeIntervalSince1970: 0)
        )
        let report = StaleRoleReport(
            list: try list("Head of Statistics\nChief Economist\n"),
            resolver: try resolver(Self.people),
            previous: before
        )
        let change = try #require(report.findings.first { $0.kind == .holderChanged })
        #expect(change.role == "Head of Statistics")
        #expect(change.joined.map(\.dn) == ["uid=ann,dc=x"])
        #expect(change.left.map(\.name) == ["Eve"])
        let gone = try #require(report.findings.first { $0.kind == .titleGone })
        #expect(gone.role == "Chief Economist")
        #expect(gone.severity == .error)
        #expect(gone.lastHolders.map(\.dn) == ["uid=fay,dc=x"])
        #expect(!report.findings.contains { $0.kind == .notFound })
        // Kept in the next state, so the next run still reports it.
        #expect(report.holders["Chief Economist"]?.map(\.dn) == ["uid=fay,dc=x"])
    }

    @Test("state files round-trip, and version 1 files (DN lists) still read")
    func stateVersions() throws {
        let holder = Holder(dn: "uid=ann,dc=x", name: "Ann Smith", mail: "a@x", title: "Head", via: .roleOccupant)
        let state = ReportState(holders: ["Head": [holder]], asOf: Date(timeIntervalSince1970: 1_795_564_800))
        #expect(try ReportState.parse(Array(state.json.utf8), source: "s.json") == state)
        let old =
            #"{"schemaVersion": 1, "kind": "rolecall-report-state", "asOf": "2026-11-25T00:00:00Z", "holders": {"Head": ["uid=ann,dc=x"]}}"#
        let future =
            #"{"schemaVersion": 3, "kind": "rolecall-report-state", "asOf": "2026-11-25T00:00:00Z", "holders": {}}"#
        #expect(throws: RoleCallError(.stateNotRoleCall(path: "future.json"))) {
            try ReportState.parse(Array(future.utf8), source: "future.json")
        }
        let read = try ReportState.parse(Array(old.utf8), source: "old.json")
        #expect(read.holders["Head"]?.map(\.dn) == ["uid=ann,dc=x"])
        #expect(read.asOf == Date(timeIntervalSince1970: 1_795_564_800))
    }
}
