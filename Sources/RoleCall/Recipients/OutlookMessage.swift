import Foundation

/// An Outlook message saved as `.msg` ([MS-OXMSG]): a compound file whose recipient table holds
/// one storage per recipient (`__recip_version1.0_#…`) with its SMTP address and display name.
enum OutlookMessage {
    /// Whether the bytes are a compound file (an Outlook `.msg` among them).
    static func isCompoundFile(_ bytes: [UInt8]) -> Bool { bytes.starts(with: CompoundFile.signature) }

    /// Property streams, Unicode (`001F`) and 8-bit (`001E`): PidTagSmtpAddress, PidTagEmailAddress,
    /// PidTagDisplayName.
    private static let smtpAddress = "39FE"
    private static let emailAddress = "3003"
    private static let displayName = "3001"

    /// The message's recipients (To, Cc and Bcc alike), in the order of its recipient table.
    /// - Throws: ``RoleCallError`` ``RoleCallError/Problem-swift.enum/unreadableMessage(path:_:)``
    ///   for a damaged file, one without recipients, or a recipient without an address.
    static func recipients(_ bytes: [UInt8], source: String) throws(RoleCallError) -> [Recipient] {
        let file: CompoundFile
        do { file = try CompoundFile(bytes) } catch { throw RoleCallError(.unreadableMessage(path: source, .damaged)) }
        let storages = file.children(of: 0).filter {
            file.entries[$0].isStorage && file.entries[$0].name.hasPrefix("__recip_version1.0_")
        }.sorted { file.entries[$0].name < file.entries[$1].name }
        guard !storages.isEmpty else { throw RoleCallError(.unreadableMessage(path: source, .noRecipients)) }
        var recipients: [Recipient] = []
        for (number, storage) in storages.enumerated() {
            var streams: [String: Int] = [:]
            for child in file.children(of: storage) where file.entries[child].isStream {
                streams[file.entries[child].name.uppercased()] = child
            }
            func property(_ id: String) throws(RoleCallError) -> String? {
                do {
                    if let index = streams["__SUBSTG1.0_\(id)001F"] { return utf16(try file.stream(index)) }
                    if let index = streams["__SUBSTG1.0_\(id)001E"] { return windows1252(try file.stream(index)) }
                } catch {
                    throw RoleCallError(.unreadableMessage(path: source, .damaged))
                }
                return nil
            }
            let name = EncodedWords.decode(try property(displayName) ?? "")
            var address = try property(smtpAddress)
            if address?.isEmpty ?? true, let email = try property(emailAddress), email.contains("@") { address = email }
            // No address, or one of only spaces: nothing to look up.
            let cleanAddress = EncodedWords.decode(address ?? "").trimmingWhitespace()
            guard !cleanAddress.isEmpty else {
                throw RoleCallError(.unreadableMessage(path: source, .recipientWithoutAddress(name)))
            }
            let written = name.isEmpty || name == cleanAddress ? cleanAddress : "\(name) <\(cleanAddress)>"
            recipients.append(Recipient(written: written, address: cleanAddress, line: number + 1, column: 1))
        }
        return recipients
    }

    private static func utf16(_ bytes: [UInt8]) -> String {
        let units = stride(from: 0, to: bytes.count - 1, by: 2).map { UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8 }
        return String(decoding: units.prefix { $0 != 0 }, as: UTF16.self)
    }

    private static func windows1252(_ bytes: [UInt8]) -> String {
        let text = bytes.prefix { $0 != 0 }
        return String(data: Data(text), encoding: .windowsCP1252) ?? String(decoding: text, as: UTF8.self)
    }
}
