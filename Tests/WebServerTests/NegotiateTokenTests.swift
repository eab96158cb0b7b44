import Foundation
import Testing

@testable import WebServer

/// The `Authorization: Negotiate` header as browsers send it, and the values that must not reach
/// GSS-API.
struct NegotiateTokenTests {
    @Test func theTokenOfANegotiateHeaderIsDecoded() {
        #expect(NegotiateSignIn.token("Negotiate YIIBAA==") == [0x60, 0x82, 0x01, 0x00])
        // The scheme in any case, and more than one space before the token (RFC 7235's 1*SP).
        #expect(NegotiateSignIn.token("negotiate   YIIBAA==") == [0x60, 0x82, 0x01, 0x00])
        #expect(NegotiateSignIn.token("NEGOTIATE YIIBAA==") == [0x60, 0x82, 0x01, 0x00])
    }

    @Test func otherSchemesAndBrokenValuesHaveNoToken() {
        for value in [
            "Basic aGtoYW46cGFzcw==", "Negotiate", "Negotiate ", "Negotiate not-base64!", "Negotiate YIIB AA==",
            "NegotiateYIIBAA==", "Bearer YIIBAA==", "",
        ] {
            #expect(NegotiateSignIn.token(value) == nil, "\(value)")
        }
    }

    @Test func tokensOverTheLimitAreNotDecoded() {
        let limit = NegotiateSignIn.maximumTokenBytes
        let atLimit = Data(repeating: 0x60, count: limit).base64EncodedString()
        #expect(NegotiateSignIn.token("Negotiate " + atLimit)?.count == limit)
        for size in [limit + 1, limit + 2, limit + 3, 10 * limit] {
            let over = Data(repeating: 0x60, count: size).base64EncodedString()
            #expect(NegotiateSignIn.token("Negotiate " + over) == nil, "\(size) bytes")
        }
    }
}
