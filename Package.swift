// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "RoleCall",
    products: [
        .library(name: "RoleCall", targets: ["RoleCall"]),
        .library(name: "LDIF", targets: ["LDIF"]),
        .library(name: "TitleMatching", targets: ["TitleMatching"]),
        .executable(name: "rolecall", targets: ["rolecall"]),
    ],
    traits: [
        // HTTPS for `rolecall serve` (--tls-cert, --client-ca) builds swift-nio-ssl's BoringSSL: minutes
        // on 2 cores. On by default; `--disable-default-traits` builds without it (the sanitizer runs
        // do, and `rolecall serve` then refuses the TLS options).
        .trait(name: "TLS", description: "HTTPS and client certificates for rolecall serve"),
        .default(enabledTraits: ["TLS"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        .systemLibrary(
            name: "CLDAP",
            pkgConfig: "ldap",
            providers: [.apt(["libldap2-dev", "libsasl2-dev", "libkrb5-dev"])]
        ),
        // MIT Kerberos's headers are in /usr/include/gssapi (its pkg-config adds a flag SwiftPM refuses).
        .systemLibrary(name: "CGSSAPI", providers: [.apt(["libkrb5-dev"])]),
        .target(name: "LDIF"),
        .target(name: "Directory", dependencies: ["LDIF"]),
        .target(name: "TitleMatching"),
        .target(name: "LDAPClient", dependencies: ["CLDAP", "Directory"]),
        // Kerberos single sign-on (HTTP Negotiate) for `rolecall serve`: MIT's GSS-API acceptor.
        .target(name: "Kerberos", dependencies: ["CGSSAPI"]),
        .target(name: "RoleCall", dependencies: ["LDIF", "Directory", "TitleMatching", "LDAPClient"]),
        // RoleCall's words for people (text, CSV, Markdown, JSON), shared by every front end.
        .target(name: "Presentation", dependencies: ["RoleCall", "LDIF"]),
        // `rolecall serve`: the web page and JSON API, on Hummingbird.
        .target(
            name: "WebServer",
            dependencies: [
                "RoleCall", "Presentation", "Kerberos",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird", condition: .when(traits: ["TLS"])),
                .product(name: "NIOSSL", package: "swift-nio-ssl", condition: .when(traits: ["TLS"])),
            ]
        ),
        .executableTarget(
            name: "rolecall",
            dependencies: [
                "RoleCall",
                "Directory",
                "Presentation",
                "WebServer",
                "Kerberos",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            plugins: ["BuildInfoPlugin"]
        ),
        // Writes the commit rolecall is built from into the build, for `rolecall --version`.
        .plugin(name: "BuildInfoPlugin", capability: .buildTool()),
        .testTarget(name: "LDIFTests", dependencies: ["LDIF"]),
        .testTarget(name: "CLDAPTests", dependencies: ["CLDAP"]),
        .testTarget(name: "DirectoryTests", dependencies: ["Directory"]),
        .testTarget(name: "TitleMatchingTests", dependencies: ["TitleMatching"], exclude: ["Data"]),
        .testTarget(
            name: "RoleCallTests",
            dependencies: ["RoleCall", "LDIF", "Directory", "LDAPClient", "ServerFixtures"]
        ),
        .testTarget(name: "LDAPClientTests", dependencies: ["LDAPClient", "CLDAP", "Directory", "ServerFixtures"]),
        .testTarget(name: "PresentationTests", dependencies: ["Presentation", "RoleCall", "LDIF"]),
        .testTarget(name: "rolecallTests", dependencies: ["rolecall", "ServerFixtures"]),
        .testTarget(name: "WebServerTests", dependencies: ["WebServer", "ServerFixtures"]),
        .testTarget(name: "KerberosTests", dependencies: ["Kerberos", "ServerFixtures"]),
        // Real directory servers for tests (OpenLDAP slapd, 389 DS, Samba AD): started on loopback, removed at exit.
        .target(name: "ServerFixtures", path: "Tests/ServerFixtures"),
    ],
    swiftLanguageModes: [.v6]
)

for target in package.targets where [.executable, .test, .regular].contains(target.type) {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    target.swiftSettings = settings
}
