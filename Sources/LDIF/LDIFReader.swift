#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads RFC 2849 LDIF record by record from a file, a descriptor or bytes in memory.
///
/// Memory is bounded by the largest record, not by the input. After an error the reader is
/// positioned at the next record, so a caller may report the error and carry on.
///
/// ```swift
/// let reader = try LDIFReader(path: "staff.ldif")
/// while let record = try reader.next() { print(record.dnText) }
/// ```
public final class LDIFReader {
    /// The input's name used in errors: the path, or the name given.
    public let sourceName: String
    let options: LDIFReaderOptions
    private var scanner: LineScanner
    /// The current block's logical lines, unfolded, back to back.
    var recordBytes: [UInt8] = []
    /// Where each logical line of the current block is in ``recordBytes``.
    var logicalLines: [LogicalLine] = []
    private var isFirstBlock = true
    private let keptTypes: [[UInt8]]?
    private var finished = false

    /// One unfolded line of a block.
    struct LogicalLine {
        var range: Range<Int>
        var number: Int
    }

    /// Opens a file for reading.
    /// - Parameters:
    ///   - path: The file to read; `-` reads standard input.
    ///   - options: What to accept and keep.
    /// - Throws: ``LDIFError`` with code `io` when the file cannot be opened.
    public convenience init(path: String, options: LDIFReaderOptions = .init()) throws(LDIFError) {
        if path == "-" {
            self.init(fileDescriptor: 0, name: "<stdin>", options: options)
            return
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw LDIFError(.io, source: path, line: 0, message: "cannot open: \(reason); check the path and permissions")
        }
        var options = options
        if options.urlBaseDirectory == nil, let slash = path.lastIndex(of: "/") {
            options.urlBaseDirectory = String(path[..<slash])
        }
        self.init(source: .fileDescriptor(descriptor, closeWhenDone: true), name: path, options: options)
    }

    /// Reads from an open file descriptor, which the reader does not close.
    /// - Parameters:
    ///   - fileDescriptor: A readable descriptor, such as 0 for standard input.
    ///   - name: The name to use in errors.
    ///   - options: What to accept and keep.
    public convenience init(fileDescriptor: Int32, name: String, options: LDIFReaderOptions = .init()) {
        self.init(source: .fileDescriptor(fileDescriptor, closeWhenDone: false), name: name, options: options)
    }

    /// Reads LDIF held in memory.
    /// - Parameters:
    ///   - bytes: The LDIF text.
    ///   - name: The name to use in errors.
    ///   - options: What to accept and keep.
    public convenience init(bytes: [UInt8], name: String = "<memory>", options: LDIFReaderOptions = .init()) {
        self.init(source: .memory(bytes, offset: 0), name: name, options: options)
    }

    /// Reads bytes in memory in chunks of `chunkSize`, so tests can put chunk edges anywhere.
    convenience init(bytes: [UInt8], name: String, options: LDIFReaderOptions, chunkSize: Int) {
        self.init(source: .memory(bytes, offset: 0), name: name, options: options, chunkSize: chunkSize)
    }

    private init(source: ByteSource, name: String, options: LDIFReaderOptions, chunkSize: Int = 1 << 18) {
        self.sourceName = name
        self.options = options
        self.keptTypes = options.keptAttributeTypes.map { types in types.map { Array($0.lowercased().utf8) } }
        self.scanner = LineScanner(source: source, chunkSize: chunkSize, maxLineBytes: options.maxRecordBytes)
    }

    deinit { scanner.close() }

    /// Reads the next record.
    /// - Returns: The record, or nil at the end of the input.
    /// - Throws: ``LDIFError`` for a malformed record; the next call continues after it.
    public func next() throws(LDIFError) -> LDIFRecord? {
        while !finished {
            guard try readBlock() else {
                finished = true
                return nil
            }
            let firstBlock = isFirstBlock
            isFirstBlock = false
            let parsed = try recordBytes.withUnsafeBufferPointer { (bytes) throws(LDIFError) -> LDIFRecord? in
                try logicalLines.withUnsafeBufferPointer { (lines) throws(LDIFError) -> LDIFRecord? in
                    try RecordParser(
                        recordBytes: bytes, logicalLines: lines, options: options, sourceName: sourceName, keptTypes: keptTypes
                    ).parseBlock(isFirstBlock: firstBlock)
                }
            }
            if let parsed { return parsed }
        }
        return nil
    }

    /// Reads the next entry without building an ``LDIFRecord``: `body` is called once per kept
    /// attribute value with the attribute description and the value's bytes, both borrowed and
    /// valid only during the call. The fastest way to stream a large export.
    /// - Parameter body: Receives each attribute description (as written) and value.
    /// - Returns: The entry's line and DN, or nil at the end of the input.
    /// - Throws: ``LDIFError`` for a malformed record or a change record; the next call continues after it.
    public func nextEntry(
        _ body: (_ attribute: UnsafeBufferPointer<UInt8>, _ value: UnsafeBufferPointer<UInt8>) -> Void
    ) throws(LDIFError) -> (line: Int, dn: [UInt8])? {
        while !finished {
            guard try readBlock() else {
                finished = true
                return nil
            }
            let firstBlock = isFirstBlock
            isFirstBlock = false
            let visited = try recordBytes.withUnsafeBufferPointer { (bytes) throws(LDIFError) -> (line: Int, dn: [UInt8])? in
                try logicalLines.withUnsafeBufferPointer { (lines) throws(LDIFError) -> (line: Int, dn: [UInt8])? in
                    try RecordParser(
                        recordBytes: bytes, logicalLines: lines, options: options, sourceName: sourceName, keptTypes: keptTypes
                    ).visitEntry(isFirstBlock: firstBlock, body)
                }
            }
            if let visited { return visited }
        }
        return nil
    }

    /// Collects the next block's logical lines, skipping comments and unfolding continuations.
    /// - Returns: false at the end of the input.
    private func readBlock() throws(LDIFError) -> Bool {
        recordBytes.removeAll(keepingCapacity: true)
        logicalLines.removeAll(keepingCapacity: true)
        var inComment = false
        var deferredError: LDIFError?
        while true {
            let range: Range<Int>
            do {
                guard let next = try scanner.nextLine() else { break }
                range = next
            } catch {
                finished = true
                throw scannerError(error)
            }
            let number = scanner.lineNumber
            if scanner.lastLineWasTooLong {
                if deferredError == nil {
                    deferredError = blockError(
                        .tooLarge, line: number, recordLine: logicalLines.first?.number ?? number,
                        "line is longer than \(options.maxRecordBytes) bytes; raise the limit or split the value"
                    )
                }
                logicalLines.append(LogicalLine(range: recordBytes.count..<recordBytes.count, number: number))
                continue
            }
            if range.isEmpty {
                inComment = false
                if logicalLines.isEmpty && deferredError == nil { continue }
                break
            }
            try scanner.withBytes(range) { (line) throws(LDIFError) in
                if line[0] == UInt8(ascii: " ") {
                    if inComment { return }
                    guard !logicalLines.isEmpty else {
                        if deferredError == nil {
                            deferredError = blockError(
                                .syntax, line: number, recordLine: number,
                                "line starts with a space but follows a blank line, so there is nothing to continue; "
                                    + "remove the leading space or the blank line above"
                            )
                        }
                        return
                    }
                    appendToRecord(UnsafeBufferPointer(rebasing: line[1...]), number: number, startsLine: false)
                } else if line[0] == UInt8(ascii: "#") {
                    inComment = true
                } else {
                    inComment = false
                    appendToRecord(line, number: number, startsLine: true)
                }
            }
            if recordBytes.count > options.maxRecordBytes, deferredError == nil {
                deferredError = blockError(
                    .tooLarge, line: number, recordLine: logicalLines.first?.number ?? number,
                    "record is larger than \(options.maxRecordBytes) bytes; raise the limit or split the record"
                )
            }
        }
        if let deferredError { throw deferredError }
        return !logicalLines.isEmpty
    }

    private func appendToRecord(_ bytes: UnsafeBufferPointer<UInt8>, number: Int, startsLine: Bool) {
        guard recordBytes.count <= options.maxRecordBytes else { return }
        if startsLine {
            logicalLines.append(LogicalLine(range: recordBytes.count..<recordBytes.count, number: number))
        }
        recordBytes.append(contentsOf: bytes)
        logicalLines[logicalLines.count - 1].range = logicalLines[logicalLines.count - 1].range.lowerBound
            ..< recordBytes.count
    }

    private func blockError(_ code: LDIFError.Code, line: Int, recordLine: Int, _ message: String) -> LDIFError {
        var error = LDIFError(code, source: sourceName, line: line, message: message)
        error.recordLine = recordLine
        return error
    }

    private func scannerError(_ failure: LineScanner.Failure) -> LDIFError {
        switch failure {
        case .read(let failure):
            return LDIFError(.io, source: sourceName, line: 0, message: "read failed: \(failure.message)")
        }
    }
}
