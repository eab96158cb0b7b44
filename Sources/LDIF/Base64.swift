/// Strict RFC 4648 base64 over bytes, as RFC 2849 uses it for `::` values.
package enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    private static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        return table
    }()

    /// Why a base64 text was refused.
    package enum Failure: Error, Equatable {
        case invalidCharacter(UInt8, offset: Int)
        case badLength(Int)
        case misplacedPadding(offset: Int)
    }

    /// Decodes padded base64; any character outside the alphabet (spaces included) is refused.
    package static func decode(_ text: some Collection<UInt8>) throws(Failure) -> [UInt8] {
        let input = Array(text)
        guard input.count % 4 == 0 else { throw .badLength(input.count) }
        var output: [UInt8] = []
        output.reserveCapacity(input.count / 4 * 3)
        var index = 0
        while index < input.count {
            let isLast = index + 4 == input.count
            var accumulator: UInt32 = 0
            var padding = 0
            for offset in 0..<4 {
                let byte = input[index + offset]
                if byte == UInt8(ascii: "=") {
                    guard isLast, offset >= 2 else { throw .misplacedPadding(offset: index + offset) }
                    padding += 1
                    accumulator <<= 6
                    continue
                }
                guard padding == 0 else { throw .misplacedPadding(offset: index + offset) }
                let value = decodeTable[Int(byte)]
                guard value != 0xFF else { throw .invalidCharacter(byte, offset: index + offset) }
                accumulator = accumulator << 6 | UInt32(value)
            }
            output.append(UInt8(truncatingIfNeeded: accumulator >> 16))
            if padding < 2 { output.append(UInt8(truncatingIfNeeded: accumulator >> 8)) }
            if padding < 1 { output.append(UInt8(truncatingIfNeeded: accumulator)) }
            index += 4
        }
        return output
    }

    /// Encodes bytes as padded base64.
    package static func encode(_ bytes: some Collection<UInt8>) -> String {
        let input = Array(bytes)
        var output: [UInt8] = []
        output.reserveCapacity((input.count + 2) / 3 * 4)
        var index = 0
        while index < input.count {
            let remaining = input.count - index
            let b0 = UInt32(input[index])
            let b1 = remaining > 1 ? UInt32(input[index + 1]) : 0
            let b2 = remaining > 2 ? UInt32(input[index + 2]) : 0
            let triple = b0 << 16 | b1 << 8 | b2
            output.append(alphabet[Int(triple >> 18 & 63)])
            output.append(alphabet[Int(triple >> 12 & 63)])
            output.append(remaining > 1 ? alphabet[Int(triple >> 6 & 63)] : UInt8(ascii: "="))
            output.append(remaining > 2 ? alphabet[Int(triple & 63)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }
}
