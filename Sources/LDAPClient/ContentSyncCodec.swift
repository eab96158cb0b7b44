/// The values of RFC 4533's controls and Sync Info message, encoded and decoded in Swift (libldap
/// offers no encoder for them, and Swift cannot call the variadic `ber_printf`).
///
/// Decoding treats the server's bytes as untrusted: every length is checked against what is
/// there, and anything malformed decodes to nil, never a crash.
enum ContentSyncCodec {
    /// The Sync Request control (sent with the search).
    static let requestOID = "1.3.6.1.4.1.4203.1.9.1.1"
    /// The Sync State control (on each entry).
    static let stateOID = "1.3.6.1.4.1.4203.1.9.1.2"
    /// The Sync Done control (on the search result).
    static let doneOID = "1.3.6.1.4.1.4203.1.9.1.3"
    /// The Sync Info intermediate response.
    static let infoOID = "1.3.6.1.4.1.4203.1.9.1.4"

    /// The value of a Sync Request control for a refreshOnly search from `cookie` (none: from scratch).
    static func request(cookie: [UInt8]?) -> [UInt8] {
        var body: [UInt8] = [0x0A, 0x01, 0x01]  // mode ENUMERATED refreshOnly(1)
        if let cookie { body += element(0x04, cookie) }
        return element(0x30, body)
    }

    /// A Sync State control's value: the change, the entry's UUID and an optional cookie.
    static func state(_ value: [UInt8]) -> (change: ContentSyncChange, id: [UInt8], cookie: [UInt8]?)? {
        var outer = BERReader(value)
        guard var sequence = outer.read(0x30).map(BERReader.init), let raw = sequence.integer(0x0A),
            let change = ContentSyncChange(rawValue: raw), let id = sequence.read(0x04)
        else { return nil }
        return (change, id, sequence.read(0x04))
    }

    /// A Sync Done control's value: the cookie and whether the refresh used deletes (not presence).
    static func done(_ value: [UInt8]) -> (cookie: [UInt8]?, refreshDeletes: Bool)? {
        var outer = BERReader(value)
        guard var sequence = outer.read(0x30).map(BERReader.init) else { return nil }
        return (sequence.read(0x04), sequence.boolean() ?? false)
    }

    /// A Sync Info message's value.
    static func info(_ value: [UInt8]) -> ContentSyncInfo? {
        var reader = BERReader(value)
        guard let tag = reader.peekTag() else { return nil }
        switch tag {
        case 0x80: return reader.read(0x80).map { .newCookie($0) }
        case 0xA1, 0xA2:
            guard var body = reader.read(tag).map(BERReader.init) else { return nil }
            let cookie = body.read(0x04)
            let done = body.boolean() ?? true
            return .phaseEnded(presence: tag == 0xA2, cookie: cookie, refreshDone: done)
        case 0xA3:
            guard var body = reader.read(0xA3).map(BERReader.init) else { return nil }
            let cookie = body.read(0x04)
            let deletes = body.boolean() ?? false
            guard var set = body.read(0x31).map(BERReader.init) else { return nil }
            var ids: [[UInt8]] = []
            while !set.isAtEnd {
                guard let id = set.read(0x04) else { return nil }
                ids.append(id)
            }
            return .identifiers(ids, deleted: deletes, cookie: cookie)
        default: return nil
        }
    }

    /// One BER element: tag, definite length, contents.
    static func element(_ tag: UInt8, _ contents: [UInt8]) -> [UInt8] {
        let count = contents.count
        if count < 0x80 { return [tag, UInt8(count)] + contents }
        var length: [UInt8] = []
        var rest = count
        while rest > 0 {
            length.insert(UInt8(rest & 0xFF), at: 0)
            rest >>= 8
        }
        return [tag, 0x80 | UInt8(length.count)] + length + contents
    }
}

/// Reads BER elements (single-byte tags, definite lengths) from bytes, checking every length.
struct BERReader {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { position >= bytes.count }

    func peekTag() -> UInt8? { isAtEnd ? nil : bytes[position] }

    /// The contents of the next element when it has `tag`; otherwise nil and nothing is consumed.
    mutating func read(_ tag: UInt8) -> [UInt8]? {
        guard peekTag() == tag else { return nil }
        var cursor = position + 1
        guard cursor < bytes.count else { return nil }
        var length = Int(bytes[cursor])
        cursor += 1
        if length >= 0x80 {
            let octets = length & 0x7F
            // Four length octets describe 4 GiB, far past any value here; more is malformed.
            guard octets > 0, octets <= 4, cursor + octets <= bytes.count else { return nil }
            length = 0
            for _ in 0..<octets {
                length = length << 8 | Int(bytes[cursor])
                cursor += 1
            }
        }
        guard length <= bytes.count - cursor else { return nil }
        position = cursor + length
        return Array(bytes[cursor..<(cursor + length)])
    }

    /// A small non-negative INTEGER or ENUMERATED with `tag`.
    mutating func integer(_ tag: UInt8) -> Int? {
        guard let contents = read(tag), (1...4).contains(contents.count), contents[0] < 0x80 else { return nil }
        return contents.reduce(0) { $0 << 8 | Int($1) }
    }

    /// A BOOLEAN, when the next element is one.
    mutating func boolean() -> Bool? {
        guard let contents = read(0x01), contents.count == 1 else { return nil }
        return contents[0] != 0
    }
}

/// What a Sync State control says happened to an entry since the cookie.
public enum ContentSyncChange: Int, Sendable {
    /// Unchanged and still there (sent without attributes, in a refresh by presence).
    case present = 0
    /// New, or new to this search.
    case add = 1
    /// Changed; sent with every requested attribute.
    case modify = 2
    /// Gone, or no longer matching the search; sent without attributes.
    case delete = 3
}

/// A Sync Info message, as it bears on a refreshOnly search.
public enum ContentSyncInfo: Sendable, Equatable {
    /// A new cookie.
    case newCookie([UInt8])
    /// The end of a refresh phase: by presence (unmentioned entries are gone) or by deletes.
    case phaseEnded(presence: Bool, cookie: [UInt8]?, refreshDone: Bool)
    /// Many entries at once by UUID: deleted, or present.
    case identifiers([[UInt8]], deleted: Bool, cookie: [UInt8]?)
}
