import Foundation
import RoleCall

/// Whole directories generated from the fuzzer's bytes, read through the real path (an LDIF file,
/// the snapshot, the title index, the resolver and the stale-role report) and checked against a
/// brute-force resolution over the generated people and roles.
///
/// Single values are not bounded by the input's size: one instruction repeats a word thousands
/// of times, so a 1 KiB input can write titles, names and occupants past 64 KiB.
let directoryTarget = FuzzTarget(name: "directory") { bytes in
    var generator = DirectoryGenerator(bytes: bytes)
    let directory = generator.directory()
    let path = scratchFile()
    FileManager.default.createFile(atPath: path, contents: Data(directory.ldif.utf8))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let snapshot: DirectorySnapshot
    do { snapshot = try readSnapshot(path) } catch {
        // Every generated document is valid LDIF with at least one entry.
        fatalError("a generated directory was refused: \(error)")
    }
    let resolver = Resolver(snapshot: snapshot, asOf: DirectoryGenerator.asOf)
    for query in directory.queries {
        let result = resolver.resolve(query)
        let expected = directory.bruteForce(query)
        guard result.status == expected.status,
            Set(result.holders.map(\.dn)) == expected.active,
            Set(result.inactiveHolders.map(\.dn)) == expected.inactive
        else {
            fatalError("\(query.prefix(80)): resolver says \(result.status), brute force \(expected.status)")
        }
        // What the index finds, the matcher confirms when it looks at the pair itself.
        for match in snapshot.titleIndex.similar(to: query, limit: .max)
        where snapshot.titleIndex.matcher.similarity(query, match.title) == nil {
            fatalError("the title index invented a similar title")
        }
    }
    // The report over the short queries answers as the resolver does, title by title.
    let listed = directory.queries.filter { $0.utf8.count < 500 }.joined(separator: "\n")
    guard let list = try? AccessList.parse(Array(listed.utf8), source: "fuzz", format: .text) else { return }
    let report = StaleRoleReport(list: list, resolver: resolver, previous: nil)
    for result in report.results where resolver.resolve(result.query) != result {
        fatalError("the report and the resolver differ on \(result.query.prefix(80))")
    }
}

/// A file for this process's current input, in memory where the system offers it.
private func scratchFile() -> String {
    let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    return "\(folder)/rolecall-fuzz-directory-\(getpid()).ldif"
}

/// People and roles as generated, the LDIF that writes them, and the titles to ask about.
struct GeneratedDirectory {
    struct Person {
        var dn: String
        var titles: [String]
        var inactive: Bool
    }

    enum Occupant {
        case person(Int)
        /// A DN that names no person (nobody, or a role entry): always reported as missing.
        case missing(String)
    }

    struct Role {
        var dn: String
        var names: [String]
        var occupants: [(text: String, who: Occupant)]
    }

    var people: [Person] = []
    var roles: [Role] = []
    var queries: [String] = []
    var ldif = ""

    /// What resolution must answer, worked out by looking at every person and role.
    func bruteForce(_ query: String) -> (status: ResolutionStatus, active: Set<String>, inactive: Set<String>) {
        let matcher = TitleMatcher()
        let key = matcher.key(query)
        let expected = NormalizedTitle(query).holderCount ?? 1
        guard !key.isEmpty else { return (.notFound, [], []) }
        var exists = false
        var holders: [String: (dn: String, active: Bool)] = [:]
        for person in people where person.titles.contains(where: { matcher.key($0) == key }) {
            exists = true
            holders[person.dn.lowercased()] = (person.dn, !person.inactive)
        }
        for role in roles where role.names.contains(where: { matcher.key($0) == key }) {
            exists = true
            for (text, who) in role.occupants {
                switch who {
                case .person(let index):
                    let person = people[index]
                    if holders[person.dn.lowercased()] == nil {
                        holders[person.dn.lowercased()] = (person.dn, !person.inactive)
                    }
                case .missing:
                    if holders[text.lowercased()] == nil { holders[text.lowercased()] = (text, false) }
                }
            }
        }
        guard exists else { return (.notFound, [], []) }
        let active = Set(holders.values.filter(\.active).map(\.dn))
        let inactive = Set(holders.values.filter { !$0.active }.map(\.dn))
        let status: ResolutionStatus =
            switch active.count {
            case 0: .vacant
            case expected: .resolved
            case ..<expected: .incomplete
            default: .ambiguous
            }
        return (status, active, inactive)
    }
}

/// Reads the fuzzer's bytes as instructions for a directory.
struct DirectoryGenerator {
    static let asOf = Date(timeIntervalSince1970: 1_780_000_000)

    /// Words that make identical, similar and distinct titles, and the forms identity ignores.
    private static let words = [
        "Head", "of", "Defence", "Statistics", "Deputy", "Acting", "Chief", "Press", "Officer", "(Navy)", "Army",
        "Co-ordination", "Coordination", "&", "and", "Finance", "Director", "HEAD", "Défence", "(x2)", "x3", "PS",
        "Private", "Secretary", "Statisitcs", "-", "Under-Secretary", "Under", "Senior", "Analyst",
    ]
    /// Ways an account is inactive at ``asOf``, as LDIF lines.
    private static let inactiveStates = [
        "nsAccountLock: true", "userAccountControl: 514", "shadowExpire: 1", "pwdAccountLockedTime: 000001010000Z",
    ]

    private var bytes: [UInt8]
    private var position = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func next() -> Int {
        defer { position += 1 }
        return position < bytes.count ? Int(bytes[position]) : 0
    }

    private var exhausted: Bool { position >= bytes.count }

    /// A title of 1…4 words; one instruction in eight repeats a word up to 10,201 times (past 64 KiB).
    private mutating func title() -> String {
        let count = 1 + next() % 4
        var parts: [String] = []
        for _ in 0..<count {
            let choice = next()
            let word = Self.words[choice % Self.words.count]
            if choice >= 224 {
                parts.append(Array(repeating: word, count: 1 + next() * 40).joined(separator: " "))
            } else {
                parts.append(word)
            }
        }
        return parts.joined(separator: " ")
    }

    mutating func directory() -> GeneratedDirectory {
        var directory = GeneratedDirectory()
        var text = "dn: dc=x\nobjectClass: dcObject\ndc: x\n\n"
        let peopleCount = 1 + next() % 24
        for index in 0..<peopleCount {
            let dn = "uid=p\(index),dc=x"
            let titles = (0..<(next() % 3)).map { _ in title() }
            let state = next()
            let inactive = state % 4 == 0
            text += "dn: \(dn)\nobjectClass: inetOrgPerson\nuid: p\(index)\ncn: Person \(index)\nsn: \(index)\n"
            for title in titles { text += "title:: \(Data(title.utf8).base64EncodedString())\n" }
            if inactive { text += Self.inactiveStates[(state / 4) % Self.inactiveStates.count] + "\n" }
            text += "\n"
            directory.people.append(.init(dn: dn, titles: titles, inactive: inactive))
        }
        let roleCount = next() % 6
        for index in 0..<roleCount {
            let dn = "cn=role\(index),dc=x"
            let names = (0..<(1 + next() % 2)).map { _ in title() }
            var occupants: [(text: String, who: GeneratedDirectory.Occupant)] = []
            for _ in 0..<(next() % 4) {
                let choice = next()
                switch choice % 4 {
                case 0: occupants.append(("uid=gone\(choice),dc=x", .missing("uid=gone\(choice),dc=x")))
                case 1: occupants.append(("cn=role\(choice % 6),dc=x", .missing("cn=role\(choice % 6),dc=x")))
                default:
                    let person = choice % peopleCount
                    // Occupant DNs compare after RFC 4514 normalisation: case and spacing differ here.
                    let written = choice % 2 == 0 ? "uid=p\(person),dc=x" : "UID=p\(person) , DC=X"
                    occupants.append((written, .person(person)))
                }
            }
            text += "dn: \(dn)\nobjectClass: organizationalRole\n"
            for name in names { text += "cn:: \(Data(name.utf8).base64EncodedString())\n" }
            for occupant in occupants { text += "roleOccupant: \(occupant.text)\n" }
            text += "\n"
            directory.roles.append(.init(dn: dn, names: names, occupants: occupants))
        }
        // Ask for every generated title and for new ones made from the remaining bytes.
        directory.queries = directory.people.flatMap(\.titles) + directory.roles.flatMap(\.names)
        while !exhausted, directory.queries.count < 64 { directory.queries.append(title()) }
        directory.ldif = text
        return directory
    }
}

/// The snapshot of an LDIF file, read through the async path a caller uses, waited for here
/// (libFuzzer calls targets synchronously).
private func readSnapshot(_ path: String) throws(RoleCallError) -> DirectorySnapshot {
    let done = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var result: Result<DirectorySnapshot, RoleCallError>?
    Task {
        do throws(RoleCallError) { result = .success(try await LDIFSource(path: path).snapshot()) } catch {
            result = .failure(error)
        }
        done.signal()
    }
    done.wait()
    return try result!.get()
}
