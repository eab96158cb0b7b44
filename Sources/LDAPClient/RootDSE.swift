/// What a server says of itself in its root DSE (the entry with the empty DN), as far as RoleCall
/// asks.
public struct RootDSE: Sendable, Hashable {
    /// The OIDs of the controls it offers (`supportedControl`).
    public var supportedControls: Set<String>
    /// `vendorName` (389 DS: "389 Project"; OpenLDAP and Active Directory send none).
    public var vendorName: String?
    /// Active Directory's (and Samba's) name of this domain controller's NTDS Settings object.
    public var dsServiceName: String?
    /// Active Directory's highest update sequence number committed on this domain controller.
    public var highestCommittedUSN: Int64?

    /// Whether the server offers content synchronisation (RFC 4533's Sync Request control).
    public var offersContentSync: Bool { supportedControls.contains(ContentSyncCodec.requestOID) }

    /// Whether the server is an Active Directory domain controller (or Samba acting as one).
    public var isActiveDirectory: Bool { dsServiceName != nil && highestCommittedUSN != nil }

    /// Creates a description.
    public init(
        supportedControls: Set<String>,
        vendorName: String?,
        dsServiceName: String?,
        highestCommittedUSN: Int64?
    ) {
        self.supportedControls = supportedControls
        self.vendorName = vendorName
        self.dsServiceName = dsServiceName
        self.highestCommittedUSN = highestCommittedUSN
    }
}
