// swift-tools-version: 6.1
import PackageDescription

import struct Foundation.URL

/// A path dependency is known by its folder's name, which differs between checkouts.
let roleCall = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent

/// libFuzzer targets over everything RoleCall parses; built by `run.sh` with
/// `-sanitize=fuzzer,address`, never by the main package.
let package = Package(
    name: "RoleCallFuzz",
    dependencies: [.package(path: "../")],
    targets: [
        .executableTarget(
            name: "RoleCallFuzz",
            dependencies: [
                .product(name: "RoleCall", package: roleCall), .product(name: "LDIF", package: roleCall),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
