#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits a byte source into physical lines without copying them.
///
/// A line ends at LF; a CR right before the LF is dropped. The bytes of a returned line stay valid
/// only until the next call. A UTF-8 byte order mark at the very start is skipped.
struct LineScanner {
    private var source: ByteSource
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var atEOF = false
    private var atStart = true
    private let chunkSize: Int
    private let maxLineBytes: Int

    /// The 1-based number of the line last returned.
    private(set) var lineNumber = 0

    init(source: ByteSource, chunkSize: Int = 1 << 18, maxLineBytes: Int) {
        self.source = source
        self.chunkSize = chunkSize
        self.maxLineBytes = maxLineBytes
        self.buffer = [UInt8](repeating: 0, count: chunkSize)
    }

    /// Why a line could not be produced.
    enum Failure: Error {
        case read(ByteSource.ReadFailure)
    }

    /// Whether the line last returned was longer than the limit; its bytes were dropped and an
    /// empty range returned in their place.
    private(set) var lastLineWasTooLong = false

    /// The next line's start and end offsets, or nil at end of input.
    mutating func nextLine() throws(Failure) -> Range<Int>? {
        lastLineWasTooLong = false
        while true {
            if let newline = indexOfNewline(from: start) {
                let line = start..<newline
                start = newline + 1
                if lastLineWasTooLong { return finish(start..<start) }
                return finish(line)
            }
            if atEOF {
                guard start < end || lastLineWasTooLong else { return nil }
                let line = lastLineWasTooLong ? end..<end : start..<end
                start = end
                return finish(line)
            }
            if end - start >= maxLineBytes {
                lastLineWasTooLong = true
                start = end
            }
            try fill()
        }
    }

    /// Calls `body` with the bytes of `range`, a range returned by ``nextLine()``.
    func withBytes<Result>(
        _ range: Range<Int>,
        _ body: (UnsafeBufferPointer<UInt8>) throws(LDIFError) -> Result
    ) throws(LDIFError) -> Result {
        try buffer.withUnsafeBufferPointer { (all) throws(LDIFError) -> Result in
            try body(UnsafeBufferPointer(rebasing: all[range]))
        }
    }

    private mutating func finish(_ line: Range<Int>) -> Range<Int> {
        lineNumber += 1
        var line = line
        if atStart {
            atStart = false
            if line.count >= 3, buffer[line.lowerBound] == 0xEF, buffer[line.lowerBound + 1] == 0xBB,
                buffer[line.lowerBound + 2] == 0xBF
            {
                line = (line.lowerBound + 3)..<line.upperBound
            }
        }
        if line.upperBound > line.lowerBound, buffer[line.upperBound - 1] == UInt8(ascii: "\r") {
            line = line.lowerBound..<(line.upperBound - 1)
        }
        return line
    }

    private func indexOfNewline(from offset: Int) -> Int? {
        guard offset < end else { return nil }
        return buffer.withUnsafeBufferPointer { bytes -> Int? in
            guard let base = bytes.baseAddress,
                let found = memchr(base + offset, Int32(UInt8(ascii: "\n")), end - offset)
            else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// Moves the unread tail to the front and reads more, growing the buffer for long lines.
    private mutating func fill() throws(Failure) {
        if start > 0 {
            let pending = end - start
            if pending > 0 {
                buffer.withUnsafeMutableBytes { raw in
                    guard let base = raw.baseAddress else { return }
                    (base).copyMemory(from: base + start, byteCount: pending)
                }
            }
            start = 0
            end = pending
        }
        if buffer.count - end < max(1, chunkSize / 2) {
            buffer.append(contentsOf: repeatElement(0, count: max(buffer.count, chunkSize)))
        }
        let outcome = buffer.withUnsafeMutableBytes { raw in
            Result { () throws(ByteSource.ReadFailure) -> Int in
                try source.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[end...]))
            }
        }
        let count: Int
        switch outcome {
        case .success(let read): count = read
        case .failure(let failure): throw .read(failure)
        }
        if count == 0 { atEOF = true } else { end += count }
    }

    /// Releases the source.
    func close() { source.close() }
}
