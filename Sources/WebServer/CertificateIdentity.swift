/// Who a client certificate names, read from its DER encoding without a full ASN.1 library: the
/// walk goes straight to the subject and the extensions and checks every length against what is left.
/// The certificate was verified against the client CA before any of this is read.
enum CertificateIdentity {
    /// The user a client certificate signs in: its first email address (an rfc822Name holding `@` in
    /// the subject alternative names), else the last (most specific) common name of its subject.
    /// - Parameter der: The certificate, DER-encoded.
    /// - Returns: The name; nil when the certificate is malformed or names no one as text.
    static func user(der: [UInt8]) -> String? {
        var outer = DERElements(der[...])
        guard let certificate = outer.next(tag: 0x30) else { return nil }
        var body = DERElements(certificate)
        guard let tbs = body.next(tag: 0x30) else { return nil }
        var fields = DERElements(tbs)
        _ = fields.next(tag: 0xA0)  // the explicit version, when present
        // Serial number, signature algorithm, issuer and validity come before the subject.
        guard fields.next(tag: 0x02) != nil, fields.next(tag: 0x30) != nil, fields.next(tag: 0x30) != nil,
            fields.next(tag: 0x30) != nil, let subject = fields.next(tag: 0x30), fields.next(tag: 0x30) != nil
        else { return nil }
        _ = fields.next(tag: 0x81)  // issuer unique ID
        _ = fields.next(tag: 0x82)  // subject unique ID
        if let extensions = fields.next(tag: 0xA3), let email = firstEmail(extensions) { return email }
        return lastCommonName(subject)
    }

    /// The first rfc822Name of the subject alternative names extension.
    private static func firstEmail(_ explicit: ArraySlice<UInt8>) -> String? {
        var wrapper = DERElements(explicit)
        guard let list = wrapper.next(tag: 0x30) else { return nil }
        var extensions = DERElements(list)
        while let item = extensions.next(tag: 0x30) {
            var parts = DERElements(item)
            // 2.5.29.17, id-ce-subjectAltName; an optional critical flag, then the value.
            guard let type = parts.next(tag: 0x06), type.elementsEqual([0x55, 0x1D, 0x11]) else { continue }
            _ = parts.next(tag: 0x01)
            guard let value = parts.next(tag: 0x04) else { return nil }
            var outer = DERElements(value)
            guard let names = outer.next(tag: 0x30) else { return nil }
            var generalNames = DERElements(names)
            while let name = generalNames.next() {
                // [1] IMPLICIT IA5String: rfc822Name; one without `@` is no address, and is not taken for a uid.
                if name.tag == 0x81, name.content.contains(UInt8(ascii: "@")) {
                    return String(validating: name.content, as: UTF8.self)
                }
            }
        }
        return nil
    }

    /// The last common name (2.5.4.3) of a Name, when it is a UTF8String, PrintableString or IA5String;
    /// nil when the last is of another string type (an earlier one is never taken in its place).
    private static func lastCommonName(_ subject: ArraySlice<UInt8>) -> String? {
        var last: (tag: UInt8, content: ArraySlice<UInt8>)?
        var relativeNames = DERElements(subject)
        while let set = relativeNames.next(tag: 0x31) {
            var attributes = DERElements(set)
            while let attribute = attributes.next(tag: 0x30) {
                var parts = DERElements(attribute)
                guard let type = parts.next(tag: 0x06), let value = parts.next() else { return nil }
                if type.elementsEqual([0x55, 0x04, 0x03]) { last = value }
            }
        }
        guard let last, [0x0C, 0x13, 0x16].contains(last.tag) else { return nil }
        return String(validating: last.content, as: UTF8.self)
    }
}

/// The DER elements one after another in a byte range; stops at the first malformed one.
private struct DERElements {
    private var bytes: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }

    /// The next element's content when its tag is `tag`; otherwise nil, and the element stays next.
    mutating func next(tag: UInt8) -> ArraySlice<UInt8>? {
        var ahead = self
        guard let element = ahead.next(), element.tag == tag else { return nil }
        self = ahead
        return element.content
    }

    /// The next element, whatever its tag.
    mutating func next() -> (tag: UInt8, content: ArraySlice<UInt8>)? {
        guard bytes.count >= 2 else { return nil }
        let tag = bytes[bytes.startIndex]
        var index = bytes.startIndex + 1
        var length = Int(bytes[index])
        index += 1
        if length >= 0x80 {
            // Long form: at most four length bytes, each of which must be there.
            let count = length & 0x7F
            guard (1...4).contains(count), bytes.endIndex - index >= count else { return nil }
            length = bytes[index..<index + count].reduce(0) { $0 << 8 | Int($1) }
            index += count
        }
        guard bytes.endIndex - index >= length else { return nil }
        let content = bytes[index..<index + length]
        bytes = bytes[(index + length)...]
        return (tag, content)
    }
}
