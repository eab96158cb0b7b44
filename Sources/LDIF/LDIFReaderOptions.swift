/// Settings for ``LDIFReader``.
public struct LDIFReaderOptions: Sendable {
    /// Whether `attr:< file://…` values may be read. Off by default: an LDIF file from elsewhere
    /// must not make RoleCall open local files.
    public var allowFileURLs: Bool
    /// The folder relative `file:` URLs are resolved against; nil means the current directory.
    public var urlBaseDirectory: String?
    /// Lower-cased attribute types to keep in add records (options such as `;lang-en` are kept
    /// with their type); nil keeps everything. Values of other attributes are skipped undecoded.
    public var keptAttributeTypes: Set<String>?
    /// The largest record, in bytes after unfolding, the reader accepts.
    public var maxRecordBytes: Int

    /// Creates options; the defaults refuse URLs, keep every attribute and cap records at 64 MiB.
    public init(
        allowFileURLs: Bool = false,
        urlBaseDirectory: String? = nil,
        keptAttributeTypes: Set<String>? = nil,
        maxRecordBytes: Int = 64 << 20
    ) {
        self.allowFileURLs = allowFileURLs
        self.urlBaseDirectory = urlBaseDirectory
        self.keptAttributeTypes = keptAttributeTypes
        self.maxRecordBytes = maxRecordBytes
    }
}
