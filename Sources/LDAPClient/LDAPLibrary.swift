internal import CLDAP

/// The OpenLDAP library RoleCall was built against.
public enum LDAPLibrary {
    /// libldap's version, such as `2.5.13`.
    public static let version = "\(LDAP_VENDOR_VERSION_MAJOR).\(LDAP_VENDOR_VERSION_MINOR).\(LDAP_VENDOR_VERSION_PATCH)"
}
