import Foundation

/// A throw-away CA, a server certificate it signed (for localhost and 127.0.0.1), a second CA
/// that signed nothing, and the test schema for other directories' account-state attributes.
public enum Certificates {
    /// Writes into `directory`: `ca.pem`/`ca.key`, `wrong-ca.pem`/`wrong-ca.key`, `server.pem`/`server.key`
    /// (localhost, 127.0.0.1), `client.pem`/`client.key`, `expired.pem` (the server's key, expired in 2020)
    /// and `not-yet-valid.pem` (the server's key, valid in 2099 only).
    /// - Parameter directory: An existing folder.
    public static func make(in directory: String) throws {
        let openssl = "/usr/bin/openssl"
        let hostName = ProcessInfo.processInfo.hostName
        try "subjectAltName=DNS:localhost,IP:127.0.0.1,DNS:\(hostName)\n"
            .write(toFile: directory + "/san.cnf", atomically: true, encoding: .utf8)
        for (key, certificate, name) in [
            ("ca.key", "ca.pem", "RoleCall Test CA"), ("wrong-ca.key", "wrong-ca.pem", "Some Other CA"),
        ] {
            try Slapd.runTool(
                openssl,
                [
                    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", directory + "/" + key, "-out",
                    directory + "/" + certificate, "-days", "2", "-subj", "/CN=\(name)",
                ]
            )
        }
        try Slapd.runTool(
            openssl,
            [
                "req", "-newkey", "rsa:2048", "-nodes", "-keyout", directory + "/server.key", "-out",
                directory + "/server.csr",
                "-subj", "/CN=localhost",
            ]
        )
        try Slapd.runTool(
            openssl,
            [
                "x509", "-req", "-in", directory + "/server.csr", "-CA", directory + "/ca.pem", "-CAkey",
                directory + "/ca.key",
                "-CAcreateserial", "-out", directory + "/server.pem", "-days", "2", "-extfile", directory + "/san.cnf",
            ]
        )
        // A client certificate for SASL EXTERNAL over TLS.
        try Slapd.runTool(
            openssl,
            [
                "req", "-newkey", "rsa:2048", "-nodes", "-keyout", directory + "/client.key", "-out",
                directory + "/client.csr", "-subj", "/CN=rolecall reader",
            ]
        )
        try Slapd.runTool(
            openssl,
            [
                "x509", "-req", "-in", directory + "/client.csr", "-CA", directory + "/ca.pem", "-CAkey",
                directory + "/ca.key", "-CAcreateserial", "-out", directory + "/client.pem", "-days", "2",
            ]
        )
        // The same request, signed by the same CA for one day in 2020: long expired, with no wait.
        try """
        [ ca ]
        default_ca = expired
        [ expired ]
        database = \(directory)/index.txt
        new_certs_dir = \(directory)
        serial = \(directory)/serial
        default_md = sha256
        policy = any
        unique_subject = no
        [ any ]
        commonName = supplied

        """.write(toFile: directory + "/ca.cnf", atomically: true, encoding: .utf8)
        try "".write(toFile: directory + "/index.txt", atomically: true, encoding: .utf8)
        try "01\n".write(toFile: directory + "/serial", atomically: true, encoding: .utf8)
        try Slapd.runTool(
            openssl,
            [
                "ca", "-batch", "-notext", "-config", directory + "/ca.cnf", "-cert", directory + "/ca.pem", "-keyfile",
                directory + "/ca.key", "-in", directory + "/server.csr", "-out", directory + "/expired.pem",
                "-startdate", "20200101000000Z", "-enddate", "20200102000000Z", "-extfile", directory + "/san.cnf",
            ]
        )
        // And for one day in 2099: not valid yet.
        try Slapd.runTool(
            openssl,
            [
                "ca", "-batch", "-notext", "-config", directory + "/ca.cnf", "-cert", directory + "/ca.pem", "-keyfile",
                directory + "/ca.key", "-in", directory + "/server.csr", "-out", directory + "/not-yet-valid.pem",
                "-startdate", "20990101000000Z", "-enddate", "20990102000000Z", "-extfile", directory + "/san.cnf",
            ]
        )
        try schema.write(toFile: directory + "/rolecall-test.schema", atomically: true, encoding: .utf8)
    }

    /// A client certificate `NAME.pem` with key `NAME.key` in `directory`, signed by a CA made by ``make(in:)``.
    /// - Parameters:
    ///   - name: The file name, and the subject's common name unless `subject` says otherwise.
    ///   - email: The email address in its subject alternative names; nil for none.
    ///   - authority: `ca` or `wrong-ca`.
    ///   - directory: The folder ``make(in:)`` wrote.
    ///   - subject: The subject as openssl writes it (`/O=Example`); nil for `/CN=NAME`.
    public static func client(
        named name: String,
        email: String?,
        signedBy authority: String,
        in directory: String,
        subject: String? = nil
    )
        throws
    {
        let openssl = "/usr/bin/openssl"
        let path = directory + "/" + name
        try Slapd.runTool(
            openssl,
            [
                "req", "-newkey", "rsa:2048", "-nodes", "-keyout", path + ".key", "-out", path + ".csr", "-subj",
                subject ?? "/CN=\(name)",
            ]
        )
        var arguments = [
            "x509", "-req", "-in", path + ".csr", "-CA", directory + "/\(authority).pem", "-CAkey",
            directory + "/\(authority).key", "-CAcreateserial", "-out", path + ".pem", "-days", "2",
        ]
        if let email {
            try "subjectAltName=email:\(email)\n".write(toFile: path + ".cnf", atomically: true, encoding: .utf8)
            arguments += ["-extfile", path + ".cnf"]
        }
        try Slapd.runTool(openssl, arguments)
    }

    /// Account-state attributes of Active Directory, 389 DS and eDirectory, for tests only.
    static let schema = """
        attributetype ( 1.3.6.1.4.1.99999.1.1 NAME 'userAccountControl'
            EQUALITY integerMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )
        attributetype ( 1.3.6.1.4.1.99999.1.2 NAME 'accountExpires'
            EQUALITY integerMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )
        attributetype ( 1.3.6.1.4.1.99999.1.3 NAME 'lockoutTime'
            EQUALITY integerMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )
        attributetype ( 1.3.6.1.4.1.99999.1.4 NAME 'nsAccountLock'
            EQUALITY caseIgnoreMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )
        attributetype ( 1.3.6.1.4.1.99999.1.5 NAME 'loginDisabled'
            EQUALITY booleanMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.7 SINGLE-VALUE )

        """
}

/// Generated people with titles, role entries and a few inactive accounts, as LDIF.
enum GeneratedDirectory {
    static func ldif(count: Int) -> String {
        var text = "dn: dc=big,dc=example\nobjectClass: dcObject\nobjectClass: organization\ndc: big\no: Generated\n\n"
        text += "dn: ou=People,dc=big,dc=example\nobjectClass: organizationalUnit\nou: People\n\n"
        text += "dn: ou=Empty,dc=big,dc=example\nobjectClass: organizationalUnit\nou: Empty\n\n"
        let ranks = ["Head of", "Deputy Head of", "Director of", "Senior Analyst,", "Press Officer,"]
        let areas = ["Statistics", "Finance", "Schools", "Hospitals", "Defence", "Prisons", "Energy", "Trade"]
        for index in 0..<(count - 3) {
            let title = "\(ranks[index % ranks.count]) \(areas[(index / ranks.count) % areas.count]) \(index / 40)"
            text += "dn: uid=user\(index),ou=People,dc=big,dc=example\nobjectClass: inetOrgPerson\nuid: user\(index)\n"
            text += "cn: User \(index)\nsn: \(index)\nmail: user\(index)@big.example\ntitle: \(title)\n"
            if index % 97 == 0 { text += "nsAccountLock: true\n" }
            text += "\n"
        }
        return text
    }
}
