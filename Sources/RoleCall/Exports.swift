// RoleCall's public API speaks in these modules' types (DistinguishedName, AccountStatePolicy,
// TitleMatcher, LDAPConfiguration…), so `import RoleCall` brings them along.
@_exported public import Directory
@_exported public import LDAPClient
@_exported public import TitleMatching
