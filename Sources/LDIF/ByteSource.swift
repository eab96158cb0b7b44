#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private let systemRead = read
private let systemClose = close

/// Where an LDIF reader gets its bytes: a file descriptor read in chunks, or bytes in memory.
package enum ByteSource {
    case fileDescriptor(Int32, closeWhenDone: Bool)
    case memory([UInt8], offset: Int)

    /// Reads up to `buffer.count` bytes; 0 means end of input.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ReadFailure) -> Int {
        switch self {
        case .fileDescriptor(let descriptor, _):
            while true {
                let count = systemRead(descriptor, buffer.baseAddress, buffer.count)
                if count >= 0 { return count }
                if errno == EINTR { continue }
                throw ReadFailure(errno: errno)
            }
        case .memory(let bytes, let offset):
            let count = min(bytes.count - offset, buffer.count)
            guard count > 0, let target = buffer.baseAddress else { return 0 }
            bytes.withUnsafeBytes { source in
                if let start = source.baseAddress { target.copyMemory(from: start + offset, byteCount: count) }
            }
            self = .memory(bytes, offset: offset + count)
            return count
        }
    }

    /// Closes a descriptor the source owns.
    func close() {
        if case .fileDescriptor(let descriptor, true) = self { _ = systemClose(descriptor) }
    }

    /// A failed `read(2)`.
    struct ReadFailure: Error {
        var errno: Int32
    }
}
