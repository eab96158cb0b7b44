#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splitting logical lines into attribute descriptions and values.
extension RecordParser {
    /// Splits a logical line at its first colon and classifies the value.
    func split(_ line: LDIFReader.LogicalLine, recordLine: Int) throws(LDIFError) -> Field {
        let range = line.range
        guard let colon = recordBytes[range].firstIndex(of: UInt8(ascii: ":")) else {
            if isSeparator(line) {
                throw error(
                    .syntax,
                    line: line.number,
                    recordLine: recordLine,
                    .separatorOutsideModify
                )
            }
            let shown = String(decoding: recordBytes[range].prefix(4096), as: UTF8.self).forError
            throw error(
                .syntax,
                line: line.number,
                recordLine: recordLine,
                .noColon(shown)
            )
        }
        let name = range.lowerBound..<colon
        guard !name.isEmpty else {
            throw error(
                .syntax,
                line: line.number,
                recordLine: recordLine,
                .noAttributeType
            )
        }
        for byte in recordBytes[name] where !isDescriptionCharacter(byte) {
            throw error(
                .syntax,
                line: line.number,
                recordLine: recordLine,
                .invalidAttributeDescription(text(name).forError)
            )
        }
        return Field(name: name, value: valueSpec(afterColon: colon + 1, end: range.upperBound), line: line.number)
    }

    /// Classifies what follows a colon: `: text`, `:: base64` or `:< url`, skipping the spaces after it.
    func valueSpec(afterColon start: Int, end: Int) -> ValueSpec {
        var cursor = start
        if cursor < end, recordBytes[cursor] == UInt8(ascii: ":") {
            cursor += 1
            skipSpaces(&cursor, end)
            return .base64(cursor..<end)
        }
        if cursor < end, recordBytes[cursor] == UInt8(ascii: "<") {
            cursor += 1
            skipSpaces(&cursor, end)
            return .url(cursor..<end)
        }
        skipSpaces(&cursor, end)
        return .text(cursor..<end)
    }

    /// The bytes of a field's value, decoding base64 and (when allowed) reading `file:` URLs.
    func value(of field: Field, recordLine: Int) throws(LDIFError) -> [UInt8] {
        switch field.value {
        case .text(let range):
            return Array(recordBytes[range])
        case .base64(let range):
            do {
                return try Base64.decode(recordBytes[range])
            } catch {
                throw self.error(
                    .base64,
                    line: field.line,
                    recordLine: recordLine,
                    .invalidBase64(attribute: text(field.name).forError, LDIFError.Base64Failure(error))
                )
            }
        case .url(let range):
            return try readURL(text(range), field: field, recordLine: recordLine)
        }
    }

    private func readURL(_ url: String, field: Field, recordLine: Int) throws(LDIFError) -> [UInt8] {
        let attribute = text(field.name)
        guard options.allowFileURLs else {
            throw error(
                .url,
                line: field.line,
                recordLine: recordLine,
                .urlRefused(attribute: attribute.forError, url: url.forError)
            )
        }
        var path: Substring
        if url.hasPrefix("file://") {
            let rest = url.dropFirst("file://".count)
            guard rest.hasPrefix("/") || rest.hasPrefix("localhost/") else {
                throw error(
                    .url,
                    line: field.line,
                    recordLine: recordLine,
                    .urlOtherHost(url.forError)
                )
            }
            path = rest.hasPrefix("localhost/") ? rest.dropFirst("localhost".count) : rest
        } else if url.hasPrefix("file:") {
            path = url.dropFirst("file:".count)
        } else {
            throw error(
                .url,
                line: field.line,
                recordLine: recordLine,
                .urlNotFile(url.forError)
            )
        }
        guard let decoded = percentDecoded(path) else {
            throw error(.url, line: field.line, recordLine: recordLine, .urlBadEscape(url.forError))
        }
        var fullPath = decoded
        if !fullPath.hasPrefix("/"), let base = options.urlBaseDirectory { fullPath = base + "/" + fullPath }
        guard let bytes = readWholeFile(fullPath, limit: options.maxRecordBytes) else {
            throw error(
                .url,
                line: field.line,
                recordLine: recordLine,
                .urlUnreadable(path: fullPath.forError, url: url.forError)
            )
        }
        return bytes
    }

    private func percentDecoded(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(ASCII.hexValue), let low = iterator.next().flatMap(ASCII.hexValue)
            else {
                return nil
            }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private func readWholeFile(_ path: String, limit: Int) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 { return nil }
            if count == 0 { return result }
            result.append(contentsOf: chunk[0..<count])
            if result.count > limit { return nil }
        }
    }

    // MARK: small byte helpers

    func text(_ range: Range<Int>) -> String { String(decoding: recordBytes[range], as: UTF8.self) }

    func isSeparator(_ line: LDIFReader.LogicalLine) -> Bool {
        line.range.count == 1 && recordBytes[line.range.lowerBound] == UInt8(ascii: "-")
    }

    /// Whether the line's attribute description (before any colon) is `name`, ignoring case.
    func nameEquals(_ line: LDIFReader.LogicalLine, _ name: String) throws(LDIFError) -> Bool {
        let count = name.utf8.count
        guard line.range.count > count, recordBytes[line.range.lowerBound + count] == UInt8(ascii: ":") else {
            return false
        }
        return matches(line.range.lowerBound..<(line.range.lowerBound + count), name)
    }

    /// Whether the bytes in `range` spell `name`, ignoring ASCII case.
    func matches(_ range: Range<Int>, _ name: String) -> Bool {
        guard range.count == name.utf8.count else { return false }
        return ASCII.equalsIgnoringCase(recordBytes[range], name.utf8)
    }

    func hasPrefix(_ range: Range<Int>, _ word: String) -> Bool {
        guard range.count >= word.utf8.count else { return false }
        return matches(range.lowerBound..<(range.lowerBound + word.utf8.count), word)
    }

    func skipSpaces(_ cursor: inout Int, _ end: Int) {
        while cursor < end, recordBytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
    }
}

private func isDescriptionCharacter(_ byte: UInt8) -> Bool {
    ASCII.isDigit(byte) || ASCII.isLetter(byte)
        || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: ".")
        || byte == UInt8(ascii: "_")
}
