import Testing

@testable import LDAPClient

/// RFC 4533's control values and Sync Info messages, byte for byte, and hostile bytes refused.
@Suite("ContentSyncCodec")
struct ContentSyncCodecTests {
    private let uuid: [UInt8] = Array(0..<16)

    @Test("a refreshOnly request with and without a cookie, as RFC 4533 section 2.2 lays it out")
    func request() {
        #expect(ContentSyncCodec.request(cookie: nil) == [0x30, 0x03, 0x0A, 0x01, 0x01])
        let cookie = Array("rid=000,csn=1".utf8)
        #expect(
            ContentSyncCodec.request(cookie: cookie)
                == [0x30, UInt8(5 + cookie.count), 0x0A, 0x01, 0x01, 0x04, UInt8(cookie.count)] + cookie
        )
        // A cookie past 127 bytes takes the long length form.
        let long = [UInt8](repeating: 0x41, count: 300)
        let encoded = ContentSyncCodec.request(cookie: long)
        #expect(Array(encoded.prefix(4)) == [0x30, 0x82, 0x01, 0x33])
        #expect(Array(encoded[7..<11]) == [0x04, 0x82, 0x01, 0x2C])
    }

    @Test("Sync State: each change with the UUID, and the optional cookie")
    func state() throws {
        for (raw, change) in [(0, ContentSyncChange.present), (1, .add), (2, .modify), (3, .delete)] {
            let value: [UInt8] = [0x30, 0x17, 0x0A, 0x01, UInt8(raw), 0x04, 0x10] + uuid + [0x04, 0x00]
            let decoded = try #require(ContentSyncCodec.state(value))
            #expect(decoded.change == change)
            #expect(decoded.id == uuid)
            #expect(decoded.cookie == [])
        }
        // Without the cookie.
        #expect(ContentSyncCodec.state([0x30, 0x15, 0x0A, 0x01, 0x01, 0x04, 0x10] + uuid)?.cookie == nil)
    }

    @Test("Sync Done: the cookie and refreshDeletes, which defaults to false")
    func done() {
        let cookie = Array("csn".utf8)
        let both = ContentSyncCodec.done([0x30, 0x08, 0x04, 0x03] + cookie + [0x01, 0x01, 0xFF])
        #expect(both?.cookie == cookie)
        #expect(both?.refreshDeletes == true)
        let empty = ContentSyncCodec.done([0x30, 0x00])
        #expect(empty?.cookie == nil)
        #expect(empty?.refreshDeletes == false)
    }

    @Test("Sync Info: a new cookie, phase ends, and identifier sets of deleted or present entries")
    func info() {
        #expect(ContentSyncCodec.info([0x80, 0x02, 0x61, 0x62]) == .newCookie([0x61, 0x62]))
        #expect(
            ContentSyncCodec.info([0xA2, 0x03, 0x01, 0x01, 0x00])
                == .phaseEnded(presence: true, cookie: nil, refreshDone: false)
        )
        #expect(
            ContentSyncCodec.info([0xA1, 0x00]) == .phaseEnded(presence: false, cookie: nil, refreshDone: true)
        )
        let set: [UInt8] = [0x31, 0x24, 0x04, 0x10] + uuid + [0x04, 0x10] + uuid.reversed()
        #expect(
            ContentSyncCodec.info([0xA3, 0x29, 0x01, 0x01, 0xFF] + set)
                == .identifiers([uuid, uuid.reversed()], deleted: true, cookie: nil)
        )
        #expect(
            ContentSyncCodec.info([0xA3, 0x26] + set)
                == .identifiers([uuid, uuid.reversed()], deleted: false, cookie: nil)
        )
    }

    @Test(
        "malformed values decode to nothing, never a crash",
        arguments: [
            [], [0x30], [0x30, 0x05, 0x0A], [0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF], [0x30, 0x85, 1, 1, 1, 1, 1],
            [0x30, 0x80, 0x00, 0x00], [0x30, 0x03, 0x0A, 0x01, 0x09], [0x30, 0x03, 0x0A, 0x01, 0x80],
            [0x30, 0x05, 0x0A, 0x01, 0x01, 0x04, 0x7F], [0x04, 0x00],
        ] as [[UInt8]]
    )
    func malformed(bytes: [UInt8]) {
        #expect(ContentSyncCodec.state(bytes) == nil)
        #expect(ContentSyncCodec.info(bytes) == nil)
        #expect(ContentSyncCodec.info([0xA3, UInt8(bytes.count)] + bytes) == nil || bytes.isEmpty)
    }

    @Test("random bytes and every cut of a valid value decode without a crash")
    func noCrash() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let bytes = (0..<Int.random(in: 0..<64, using: &generator)).map { _ in
                UInt8.random(in: 0...255, using: &generator)
            }
            _ = ContentSyncCodec.state(bytes)
            _ = ContentSyncCodec.done(bytes)
            _ = ContentSyncCodec.info(bytes)
            _ = ContentSyncCodec.info([0xA3] + bytes)
        }
        let valid: [UInt8] = [0xA3, 0x26, 0x31, 0x24, 0x04, 0x10] + uuid + [0x04, 0x10] + uuid
        for cut in 0..<valid.count { #expect(ContentSyncCodec.info(Array(valid.prefix(cut))) == nil) }
    }
}
