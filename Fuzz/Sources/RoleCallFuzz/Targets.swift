import Foundation
import LDIF
import RoleCall

/// One fuzz target: a name for `run.sh` and the function libFuzzer feeds.
struct FuzzTarget: Sendable {
    var name: String
    var run: @Sendable ([UInt8]) -> Void
}

/// Every target. Each must never crash, hang or grow memory without bound on any input;
/// where an invariant holds for all inputs, the target checks it and traps when it breaks.
let targets: [FuzzTarget] = [
    FuzzTarget(name: "ldif") { bytes in
        let options = LDIFReaderOptions(maxRecordBytes: 1 << 16)
        let reader = LDIFReader(bytes: bytes, name: "fuzz", options: options)
        for _ in 0..<10_000 {
            do {
                guard let record = try reader.next() else { break }
                // What the writer writes, the reader reads back as the same record.
                let again = LDIFReader(bytes: LDIFWriter().document([record]), name: "again")
                guard var copy = try? again.next() else { fatalError("the reader refuses what the writer wrote") }
                copy.line = record.line
                guard copy == record else { fatalError("writer/reader round trip differs") }
            } catch {}
        }
        let visitor = LDIFReader(bytes: bytes, name: "fuzz")
        for _ in 0..<10_000 {
            do { guard try visitor.nextEntry({ _, _ in }) != nil else { break } } catch {}
        }
    },
    FuzzTarget(name: "dn") { bytes in
        let text = String(decoding: bytes, as: UTF8.self)
        let parsed = try? DistinguishedName(text)
        // The fast validator and normaliser agree with the full parser.
        guard DistinguishedName.isValid(text) == (parsed != nil) else {
            fatalError("isValid disagrees with the parser")
        }
        if let parsed, DistinguishedName.normalize(text) != parsed.normalized { fatalError("normalize disagrees") }
        // A simple DN's fingerprint is its normalised form's: equal DNs find each other.
        let print = DistinguishedName.fingerprint(text)
        if print.isSimple {
            guard let parsed else { fatalError("fingerprint calls an invalid DN simple") }
            guard DistinguishedName.fingerprint(parsed.normalized) == print else { fatalError("fingerprint disagrees") }
        }
    },
    FuzzTarget(name: "filter") { bytes in
        let value = String(decoding: bytes, as: UTF8.self)
        let escaped = SearchFilter.escape(value)
        // No filter syntax survives escaping, and unescaping gives the value back.
        guard !escaped.contains(where: { "*()\0".contains($0) }) else { fatalError("unescaped filter syntax") }
        guard unescape(escaped) == Array(value.utf8) else { fatalError("escape does not round-trip") }
        _ =
            SearchFilter.and([.equal("title", value), .substring("cn", initial: value, any: [value], final: nil)])
            .description
    },
    FuzzTarget(name: "title") { bytes in
        let text = String(decoding: bytes, as: UTF8.self)
        let halves = text.split(separator: "\n", maxSplits: 1).map(String.init)
        let (query, candidate) = (halves.first ?? "", halves.last ?? "")
        let matcher = TitleMatcher()
        // Equal keys mean "the same role"; the same role is never also reported as merely similar.
        if matcher.key(query) == matcher.key(candidate), matcher.similarity(query, candidate) != nil {
            fatalError("titles with one key were called similar")
        }
        _ = SimilarTitleIndex(titles: [candidate, query + " Deputy", "Head of " + candidate]).similar(to: query)
    },
    FuzzTarget(name: "lists") { bytes in
        for format in AccessList.Format.allCases {
            _ = try? AccessList.parse(bytes, source: "fuzz", format: format)
        }
    },
    FuzzTarget(name: "recipients") { bytes in
        // Pasted lists and saved messages: whatever is read names someone and forges no line.
        for source in ["fuzz.txt", "fuzz.eml"] {
            checkRecipients(try? RecipientList.parse(bytes, source: source))
        }
    },
    FuzzTarget(name: "outlook") { bytes in
        // The fuzzer's bytes after a compound file's signature: the .msg reader's every check.
        checkRecipients(try? RecipientList.parse(OutlookSignature.bytes + bytes, source: "fuzz.msg"))
        // And the bytes as a whole file, for mutations of a real .msg seed.
        checkRecipients(try? RecipientList.parse(bytes, source: "fuzz.msg"))
    },
    FuzzTarget(name: "state") { bytes in
        guard let state = try? ReportState.parse(bytes, source: "fuzz") else { return }
        // What RoleCall writes, it reads back unchanged.
        guard (try? ReportState.parse(Array(state.json.utf8), source: "again")) == state else {
            fatalError("state file does not round-trip")
        }
    },
    directoryTarget,
    snapshotTarget,
]

/// A recipient list's invariants: every recipient has an address, and nothing read from the
/// input puts a control character (a line break that could forge an output line) into it.
private func checkRecipients(_ recipients: [Recipient]?) {
    for recipient in recipients ?? [] {
        guard !recipient.address.isEmpty else { fatalError("a recipient without an address") }
        let texts = [recipient.written, recipient.address]
        if texts.contains(where: { $0.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } }) {
            fatalError("a control character in a recipient")
        }
    }
}

/// The first bytes of every compound file ([MS-CFB]).
private enum OutlookSignature {
    static let bytes: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
}

/// Undoes RFC 4515 value escaping (`\xx` hex pairs).
private func unescape(_ text: String) -> [UInt8] {
    var bytes: [UInt8] = []
    var iterator = Array(text.utf8).makeIterator()
    while let byte = iterator.next() {
        guard byte == UInt8(ascii: "\\") else {
            bytes.append(byte)
            continue
        }
        guard let high = iterator.next(), let low = iterator.next(),
            let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
        else { fatalError("a backslash not followed by two hex digits") }
        bytes.append(value)
    }
    return bytes
}
