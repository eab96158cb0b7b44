import Foundation
import LDIF

/// Where the shared conformance corpus lives: `../shared/conformance` next to the package.
enum ConformanceCorpus {
    static let root: URL = {
        if let override = ProcessInfo.processInfo.environment["ROLECALL_CONFORMANCE_DIR"] {
            return URL(fileURLWithPath: override)
        }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/conformance")
    }()

    /// Every `.ldif` file of both folders, as `folder/name.ldif`.
    static func files() -> [String] {
        ["openldap-ldif", "edge"].flatMap { folder -> [String] in
            let names =
                (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
            return names.filter { $0.hasSuffix(".ldif") }.sorted().map { "\(folder)/\($0)" }
        }
    }

    static func path(_ file: String) -> String { root.appendingPathComponent(file).path }

    static func expected(_ file: String) throws -> [[String: Any]] {
        let url = root.appendingPathComponent(file)
        let jsonl = url.deletingLastPathComponent().appendingPathComponent("expected")
            .appendingPathComponent(url.deletingPathExtension().lastPathComponent + ".jsonl")
        let text = try String(contentsOf: jsonl, encoding: .utf8)
        return try text.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
        }
    }
}

/// What the reader produced for one block: a record or an error, keyed by the block's line.
enum Outcome {
    case record(LDIFRecord)
    case error(LDIFError)

    var line: Int {
        switch self {
        case .record(let record): record.line
        case .error(let error): error.recordLine
        }
    }
}

func readAll(_ path: String, options: LDIFReaderOptions = .init()) throws -> [Outcome] {
    let reader = try LDIFReader(path: path, options: options)
    var outcomes: [Outcome] = []
    while true {
        do {
            guard let record = try reader.next() else { return outcomes }
            outcomes.append(.record(record))
        } catch {
            outcomes.append(.error(error))
            if error.code == .io || error.code == .tooLarge { return outcomes }
        }
    }
}

/// A record in one comparable shape, built from either libldap's JSON or our reader.
struct ComparableRecord: Equatable, CustomStringConvertible {
    var dn: [UInt8]
    var change: String
    var attributes: [[String]] = []
    var modifications: [[String]] = []
    var modifyDN: [String] = []
    var controls: [String] = []

    var description: String {
        "dn=\(String(decoding: dn, as: UTF8.self)) \(change) attrs=\(attributes) mods=\(modifications) "
            + "modrdn=\(modifyDN) controls=\(controls)"
    }

    init(_ record: LDIFRecord) {
        dn = record.dn
        controls = record.controls.map {
            "\($0.oid) \($0.isCritical) \($0.value.map { Data($0).base64EncodedString() } ?? "nil")"
        }
        switch record.change {
        case .add(let attributes):
            change = "add"
            self.attributes = attributes.map {
                [$0.name.lowercased()] + $0.values.map { Data($0).base64EncodedString() }
            }
        case .delete:
            change = "delete"
        case .modify(let modifications):
            change = "modify"
            self.modifications = modifications.map {
                [$0.operation.rawValue, $0.attribute.lowercased()] + $0.values.map { Data($0).base64EncodedString() }
            }
        case .modifyDN(let newRDN, let deleteOld, let newSuperior):
            change = "modrdn"
            modifyDN = [
                Data(newRDN).base64EncodedString(), "\(deleteOld)",
                newSuperior.map { Data($0).base64EncodedString() } ?? "nil",
            ]
        }
    }

    init(json: [String: Any]) {
        func bytes(_ key: String) -> [UInt8]? {
            if let b64 = json[key + "_b64"] as? String { return Array(Data(base64Encoded: b64) ?? Data()) }
            return (json[key] as? String).map { Array($0.utf8) }
        }
        dn = bytes("dn") ?? []
        change = json["changetype"] as? String ?? "?"
        controls = (json["controls"] as? [[String: Any]] ?? []).map {
            "\($0["oid"] as? String ?? "") \($0["critical"] as? Bool ?? false) \($0["value"] as? String ?? "nil")"
        }
        for pair in json["attrs"] as? [[Any]] ?? [] {
            attributes.append([(pair[0] as? String ?? "").lowercased()] + (pair[1] as? [String] ?? []))
        }
        for mod in json["mods"] as? [[String: Any]] ?? [] {
            modifications.append(
                [mod["op"] as? String ?? "", (mod["type"] as? String ?? "").lowercased()]
                    + (mod["values"] as? [String] ?? [])
            )
        }
        if change == "modrdn" {
            modifyDN = [
                Data(bytes("newrdn") ?? []).base64EncodedString(), "\(json["deleteoldrdn"] as? Bool ?? false)",
                bytes("newsuperior").map { Data($0).base64EncodedString() } ?? "nil",
            ]
        }
    }
}
