/// Writes records as RFC 2849 LDIF: base64 where a value is not a safe string, lines folded at 76 bytes.
public struct LDIFWriter: Sendable {
    /// The longest physical line written, in bytes (continuation lines include their leading space).
    public var lineWidth: Int

    /// Creates a writer.
    /// - Parameter lineWidth: The longest physical line to write; at least 2.
    public init(lineWidth: Int = 76) {
        self.lineWidth = max(2, lineWidth)
    }

    /// The LDIF text of records, each followed by a blank line, after a `version: 1` header.
    /// - Parameter records: The records to write.
    /// - Returns: UTF-8 bytes.
    public func document(_ records: some Sequence<LDIFRecord>) -> [UInt8] {
        var output = Array("version: 1\n\n".utf8)
        for record in records {
            append(record, to: &output)
            output.append(UInt8(ascii: "\n"))
        }
        return output
    }

    /// Appends one record (without the blank line that separates it from the next).
    /// - Parameters:
    ///   - record: The record to write.
    ///   - output: Where to append the bytes.
    public func append(_ record: LDIFRecord, to output: inout [UInt8]) {
        appendLine("dn", record.dn, to: &output)
        for control in record.controls {
            // The line is OID, criticality and value-spec as RFC 2849 spells them; it is never
            // base64 as a whole. An empty value or one that is not SAFE-STRING goes as base64.
            var line = Array("control: \(control.oid) \(control.isCritical)".utf8)
            if let value = control.value {
                if !value.isEmpty, Self.isSafe(value) {
                    line += Array(": ".utf8) + value
                } else {
                    line += Array(":: \(Base64.encode(value))".utf8)
                }
            }
            fold(line, into: &output)
        }
        switch record.change {
        case .add(let attributes):
            for attribute in attributes {
                for value in attribute.values { appendLine(attribute.name, value, to: &output) }
            }
        case .delete:
            appendLine("changetype", Array("delete".utf8), to: &output)
        case .modify(let modifications):
            appendLine("changetype", Array("modify".utf8), to: &output)
            for modification in modifications {
                appendLine(modification.operation.rawValue, Array(modification.attribute.utf8), to: &output)
                for value in modification.values { appendLine(modification.attribute, value, to: &output) }
                output.append(contentsOf: "-\n".utf8)
            }
        case .modifyDN(let newRDN, let deleteOldRDN, let newSuperior):
            appendLine("changetype", Array("modrdn".utf8), to: &output)
            appendLine("newrdn", newRDN, to: &output)
            appendLine("deleteoldrdn", Array((deleteOldRDN ? "1" : "0").utf8), to: &output)
            if let newSuperior { appendLine("newsuperior", newSuperior, to: &output) }
        }
    }

    /// Whether a value can be written after a single colon (RFC 2849 SAFE-STRING, ASCII only).
    public static func isSafe(_ value: [UInt8]) -> Bool {
        guard let first = value.first else { return true }
        if first == UInt8(ascii: " ") || first == UInt8(ascii: ":") || first == UInt8(ascii: "<") { return false }
        if value.last == UInt8(ascii: " ") { return false }
        return value.allSatisfy { $0 != 0 && $0 != 0x0A && $0 != 0x0D && $0 < 0x80 }
    }

    private func appendLine(_ name: String, _ value: [UInt8], to output: inout [UInt8]) {
        var line = Array(name.utf8)
        if value.isEmpty {
            line.append(UInt8(ascii: ":"))
        } else if Self.isSafe(value) {
            line += Array(": ".utf8) + value
        } else {
            line += Array(":: \(Base64.encode(value))".utf8)
        }
        fold(line, into: &output)
    }

    private func fold(_ line: [UInt8], into output: inout [UInt8]) {
        var index = 0
        var width = lineWidth
        while index < line.count {
            let end = min(line.count, index + width)
            if index > 0 { output.append(UInt8(ascii: " ")) }
            output.append(contentsOf: line[index..<end])
            output.append(UInt8(ascii: "\n"))
            index = end
            width = lineWidth - 1
        }
    }
}
