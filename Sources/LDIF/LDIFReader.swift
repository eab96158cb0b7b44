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
    private var blocks: BlockReader
    private var isFirstBlock = true
    private let keptTypes: [[UInt8]]?
    private var finished = false

    /// One unfolded line of a block.
    struct LogicalLine {
        var range: Range<Int>
        var number: Int
    }

    private func readBlock() throws(LDIFError) -> Bool {
        do {
            return try blocks.readBlock()
        } catch {
            if error.code == .io { finished = true }
            throw error
        }
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
            throw LDIFError(.io, source: path, line: 0, problem: .cannotOpen(errno: errno))
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
        self.blocks = BlockReader(
            scanner: LineScanner(source: source, chunkSize: chunkSize, maxLineBytes: options.maxRecordBytes),
            sourceName: name,
            maxRecordBytes: options.maxRecordBytes
        )
    }

    deinit { blocks.scanner.close() }

    /// Reads the next record.
    /// - Returns: The record, or nil at the end of the input.
    /// - Throws: ``LDIFError`` for a malformed record; the next call continues after it.
    public func next() throws(LDIFError) -> LDIFRecord? {
        try nextBlock { (parser, isFirstBlock) throws(LDIFError) in try parser.parseBlock(isFirstBlock: isFirstBlock) }
    }

    /// Reads the next entry without building an ``LDIFRecord``: `body` is called once per kept
    /// attribute value with the attribute description and the value's bytes, both borrowed and
    /// valid only during the call. The fastest way to stream a large export.
    /// - Parameter body: Receives each attribute description (as written) and value.
    /// - Returns: The entry's line and DN, or nil at the end of the input.
    /// - Throws: ``LDIFError`` for a malformed record or a change record; the next call continues after it.
    public func nextEntry(
        _ body: (_ attribute: Span<UInt8>, _ value: Span<UInt8>) -> Void
    ) throws(LDIFError) -> (line: Int, dn: [UInt8])? {
        try nextBlock { (parser, isFirstBlock) throws(LDIFError) in
            try parser.visitEntry(isFirstBlock: isFirstBlock) { name, value in body(name.span, value.span) }
        }
    }

    /// Reads blocks until `parse` makes something of one (it returns nil for a lone `version: 1`).
    private func nextBlock<Result>(
        _ parse: (RecordParser, _ isFirstBlock: Bool) throws(LDIFError) -> Result?
    ) throws(LDIFError) -> Result? {
        while !finished {
            guard try readBlock() else {
                finished = true
                return nil
            }
            let firstBlock = isFirstBlock
            isFirstBlock = false
            let result = try blocks.recordBytes.withUnsafeBufferPointer { (bytes) throws(LDIFError) -> Result? in
                try blocks.logicalLines.withUnsafeBufferPointer { (lines) throws(LDIFError) -> Result? in
                    let parser = RecordParser(
                        recordBytes: bytes,
                        logicalLines: lines,
                        options: options,
                        sourceName: sourceName,
                        keptTypes: keptTypes
                    )
                    return try parse(parser, firstBlock)
                }
            }
            if let result { return result }
        }
        return nil
    }

}
