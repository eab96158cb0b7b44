/// Turns one block of logical lines into a record.
///
/// Works on borrowed buffers of the reader's block, so the hot loop does no copying and no
/// exclusivity checks on the reader's stored properties.
struct RecordParser {
    let recordBytes: UnsafeBufferPointer<UInt8>
    let logicalLines: UnsafeBufferPointer<LDIFReader.LogicalLine>
    let options: LDIFReaderOptions
    let sourceName: String
    /// ``LDIFReaderOptions/keptAttributeTypes`` as lower-case bytes, for comparing without Strings.
    let keptTypes: [[UInt8]]?

    /// Makes an error at `line` for the block that starts at `recordLine`.
    func error(_ code: LDIFError.Code, line: Int, recordLine: Int, _ problem: LDIFError.Problem) -> LDIFError {
        var error = LDIFError(code, source: sourceName, line: line, problem: problem)
        error.recordLine = recordLine
        return error
    }

    /// Whether the attribute type of `name` (options ignored) is one to keep.
    func isKept(_ name: Range<Int>) -> Bool {
        guard let keptTypes else { return true }
        var end = name.lowerBound
        while end < name.upperBound, recordBytes[end] != UInt8(ascii: ";") { end += 1 }
        let length = end - name.lowerBound
        return keptTypes.contains { kept in
            guard kept.count == length else { return false }
            for offset in 0..<length where ASCII.lowercased(recordBytes[name.lowerBound + offset]) != kept[offset] {
                return false
            }
            return true
        }
    }
}

extension RecordParser {
    /// How a value is written after the attribute description.
    enum ValueSpec {
        case text(Range<Int>)
        case base64(Range<Int>)
        case url(Range<Int>)
    }

    /// A logical line split at its first colon.
    struct Field {
        var name: Range<Int>
        var value: ValueSpec
        var line: Int
    }

    /// The parts of a record before its body: DN, controls, change type.
    struct Header {
        var dnField: Field
        var dn: [UInt8]
        var controls: [LDIFControl]
        var change: String
        /// The index of the changetype line (or of the last header line), for errors.
        var changeLineIndex: Int
        var body: Range<Int>
    }

    /// Reads `version:`, `dn:`, `control:` and `changetype:` lines; nil for a block holding only `version: 1`.
    func parseHeader(isFirstBlock: Bool) throws(LDIFError) -> Header? {
        let recordLine = logicalLines[0].number
        var index = 0
        if isFirstBlock, try nameEquals(logicalLines[0], "version") {
            let field = try split(logicalLines[0], recordLine: recordLine)
            let version = try value(of: field, recordLine: recordLine)
            guard version == Array("1".utf8) else {
                throw error(
                    .unsupported,
                    line: field.line,
                    recordLine: recordLine,
                    .unsupportedVersion(String(decoding: version, as: UTF8.self).forError)
                )
            }
            index = 1
            if logicalLines.count == 1 { return nil }
        }
        let dnField = try split(logicalLines[index], recordLine: recordLine)
        guard matches(dnField.name, "dn") else {
            throw missingDN(dnField, recordLine: recordLine)
        }
        let dn = try value(of: dnField, recordLine: dnField.line)
        index += 1
        var controls: [LDIFControl] = []
        while index < logicalLines.count, try nameEquals(logicalLines[index], "control") {
            controls.append(
                try parseControl(try split(logicalLines[index], recordLine: dnField.line), recordLine: dnField.line)
            )
            index += 1
        }
        var change = "add"
        if index < logicalLines.count, try nameEquals(logicalLines[index], "changetype") {
            let field = try split(logicalLines[index], recordLine: dnField.line)
            change = String(decoding: try value(of: field, recordLine: dnField.line), as: UTF8.self)
            index += 1
        }
        return Header(
            dnField: dnField,
            dn: dn,
            controls: controls,
            change: change,
            changeLineIndex: index - 1,
            body: index..<logicalLines.count
        )
    }

    /// Parses the block in ``recordBytes``; nil for a block holding only `version: 1`.
    func parseBlock(isFirstBlock: Bool) throws(LDIFError) -> LDIFRecord? {
        guard let header = try parseHeader(isFirstBlock: isFirstBlock) else { return nil }
        let dnField = header.dnField
        let dn = header.dn
        let controls = header.controls
        let change = header.change
        let index = header.changeLineIndex + 1
        let body = index..<logicalLines.count
        let parsed: LDIFChange
        switch change.lowercased() {
        case "add": parsed = .add(try parseAttributes(body, recordLine: dnField.line))
        case "delete":
            if let extra = body.first {
                throw error(
                    .changeRecord,
                    line: logicalLines[extra].number,
                    recordLine: dnField.line,
                    .deleteWithBody
                )
            }
            parsed = .delete
        case "modify": parsed = .modify(try parseModifications(body, recordLine: dnField.line))
        case "modrdn", "moddn": parsed = try parseModifyDN(body, recordLine: dnField.line)
        default:
            throw error(
                .changeRecord,
                line: logicalLines[index - 1].number,
                recordLine: dnField.line,
                .unknownChangeType(change.forError)
            )
        }
        return LDIFRecord(line: dnField.line, dn: dn, controls: controls, change: parsed)
    }

    private func missingDN(_ field: Field, recordLine: Int) -> LDIFError {
        let name = text(field.name)
        if name.lowercased() == "include" {
            return error(
                .unsupported,
                line: field.line,
                recordLine: recordLine,
                .include
            )
        }
        return error(
            .missingDN,
            line: field.line,
            recordLine: recordLine,
            .missingDN(startsWith: name.forError)
        )
    }

    // MARK: add

    /// Calls `body` with each kept attribute value of a content (or `changetype: add`) record,
    /// borrowing the bytes instead of copying them.
    /// - Returns: The record's line and DN, or nil for a block holding only `version: 1`.
    func visitEntry(
        isFirstBlock: Bool,
        _ body: (_ name: UnsafeBufferPointer<UInt8>, _ value: UnsafeBufferPointer<UInt8>) -> Void
    ) throws(LDIFError) -> (line: Int, dn: [UInt8])? {
        guard let header = try parseHeader(isFirstBlock: isFirstBlock) else { return nil }
        guard header.change.lowercased() == "add" else {
            throw error(
                .changeRecord,
                line: header.dnField.line,
                recordLine: header.dnField.line,
                .changeRecord(header.change.forError)
            )
        }
        for index in header.body {
            let field = try split(logicalLines[index], recordLine: header.dnField.line)
            if matches(field.name, "dn") {
                throw error(
                    .syntax,
                    line: field.line,
                    recordLine: header.dnField.line,
                    .secondDN
                )
            }
            guard isKept(field.name) else { continue }
            let name = UnsafeBufferPointer(rebasing: recordBytes[field.name])
            if case .text(let range) = field.value {
                body(name, UnsafeBufferPointer(rebasing: recordBytes[range]))
            } else {
                let decoded = try value(of: field, recordLine: header.dnField.line)
                decoded.withUnsafeBufferPointer { body(name, $0) }
            }
        }
        return (header.dnField.line, header.dn)
    }

    private func parseAttributes(_ lines: Range<Int>, recordLine: Int) throws(LDIFError) -> [LDIFAttribute] {
        var attributes: [LDIFAttribute] = []
        for index in lines {
            let field = try split(logicalLines[index], recordLine: recordLine)
            if matches(field.name, "dn") {
                throw error(
                    .syntax,
                    line: field.line,
                    recordLine: recordLine,
                    .secondDN
                )
            }
            guard isKept(field.name) else { continue }
            let value = try value(of: field, recordLine: recordLine)
            if let existing = attributes.firstIndex(where: { matches(field.name, $0.name) }) {
                attributes[existing].values.append(value)
            } else {
                attributes.append(LDIFAttribute(name: text(field.name), values: [value]))
            }
        }
        return attributes
    }

    // MARK: modify

    private func parseModifications(_ lines: Range<Int>, recordLine: Int) throws(LDIFError) -> [LDIFModification] {
        var modifications: [LDIFModification] = []
        var index = lines.lowerBound
        while index < lines.upperBound {
            let opField = try split(logicalLines[index], recordLine: recordLine)
            let opName = text(opField.name).lowercased()
            guard let operation = LDIFModification.Operation(rawValue: opName) else {
                throw error(
                    .changeRecord,
                    line: opField.line,
                    recordLine: recordLine,
                    .modificationExpected(found: text(opField.name).forError)
                )
            }
            let typeBytes = try value(of: opField, recordLine: recordLine)
            let type = String(decoding: typeBytes, as: UTF8.self)
            guard !type.isEmpty else {
                throw error(
                    .changeRecord,
                    line: opField.line,
                    recordLine: recordLine,
                    .modificationWithoutAttribute(opName.forError)
                )
            }
            var values: [[UInt8]] = []
            index += 1
            while index < lines.upperBound {
                let line = logicalLines[index]
                index += 1
                if isSeparator(line) { break }
                let field = try split(line, recordLine: recordLine)
                guard matches(field.name, type) else {
                    throw error(
                        .changeRecord,
                        line: field.line,
                        recordLine: recordLine,
                        .valueOutsideSection(
                            attribute: text(field.name).forError,
                            operation: opName,
                            type: type.forError
                        )
                    )
                }
                values.append(try value(of: field, recordLine: recordLine))
            }
            modifications.append(LDIFModification(operation: operation, attribute: type, values: values))
        }
        return modifications
    }

    // MARK: modrdn

    private func parseModifyDN(_ lines: Range<Int>, recordLine: Int) throws(LDIFError) -> LDIFChange {
        var fields: [Field] = []
        for index in lines { fields.append(try split(logicalLines[index], recordLine: recordLine)) }
        let lastLine = logicalLines[lines.lowerBound - 1].number
        guard fields.count >= 1, matches(fields[0].name, "newrdn") else {
            throw error(
                .changeRecord,
                line: fields.first?.line ?? lastLine,
                recordLine: recordLine,
                .modrdnNeedsNewRDN
            )
        }
        guard fields.count >= 2, matches(fields[1].name, "deleteoldrdn") else {
            throw error(
                .changeRecord,
                line: fields.count >= 2 ? fields[1].line : fields[0].line,
                recordLine: recordLine,
                .modrdnNeedsDeleteOldRDN
            )
        }
        let newRDN = try value(of: fields[0], recordLine: recordLine)
        let deleteOld = try value(of: fields[1], recordLine: recordLine)
        guard deleteOld == [UInt8(ascii: "0")] || deleteOld == [UInt8(ascii: "1")] else {
            throw error(
                .changeRecord,
                line: fields[1].line,
                recordLine: recordLine,
                .deleteOldRDNNotBoolean(String(decoding: deleteOld, as: UTF8.self).forError)
            )
        }
        var newSuperior: [UInt8]?
        if fields.count >= 3 {
            guard matches(fields[2].name, "newsuperior"), fields.count == 3 else {
                let extra = matches(fields[2].name, "newsuperior") ? fields[3] : fields[2]
                throw error(
                    .changeRecord,
                    line: extra.line,
                    recordLine: recordLine,
                    .modrdnUnexpectedLine
                )
            }
            newSuperior = try value(of: fields[2], recordLine: recordLine)
        }
        return .modifyDN(newRDN: newRDN, deleteOldRDN: deleteOld[0] == UInt8(ascii: "1"), newSuperior: newSuperior)
    }

    // MARK: control

    /// Parses `control: OID [true|false] [value-spec]` (RFC 2849).
    private func parseControl(_ field: Field, recordLine: Int) throws(LDIFError) -> LDIFControl {
        guard case .text(let range) = field.value else {
            throw error(
                .syntax,
                line: field.line,
                recordLine: recordLine,
                .controlSyntax
            )
        }
        var cursor = range.lowerBound
        let oidStart = cursor
        while cursor < range.upperBound, recordBytes[cursor] == UInt8(ascii: ".") || ASCII.isDigit(recordBytes[cursor])
        {
            cursor += 1
        }
        let oid = text(oidStart..<cursor)
        guard !oid.isEmpty else {
            throw error(
                .syntax,
                line: field.line,
                recordLine: recordLine,
                .controlWithoutOID
            )
        }
        skipSpaces(&cursor, range.upperBound)
        var critical = false
        for word in ["true", "false"] where hasPrefix(cursor..<range.upperBound, word) {
            let after = cursor + word.utf8.count
            if after == range.upperBound || recordBytes[after] == UInt8(ascii: " ")
                || recordBytes[after] == UInt8(ascii: ":")
            {
                critical = word == "true"
                cursor = after
                skipSpaces(&cursor, range.upperBound)
            }
        }
        guard cursor < range.upperBound else { return LDIFControl(oid: oid, isCritical: critical, value: nil) }
        guard recordBytes[cursor] == UInt8(ascii: ":") else {
            throw error(
                .syntax,
                line: field.line,
                recordLine: recordLine,
                .controlTrailingText
            )
        }
        let spec = valueSpec(afterColon: cursor + 1, end: range.upperBound)
        let value = try value(of: Field(name: field.name, value: spec, line: field.line), recordLine: recordLine)
        return LDIFControl(oid: oid, isCritical: critical, value: value)
    }
}
