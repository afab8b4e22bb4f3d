@testable import KFJobsManifest
import TestSupport
import Testing

@Suite("The shape of an AgentId in ids")
struct AgentIdShapeTests {
    /// The rule as the groups read it: `8-4-4-4-12` hexadecimal digits, any case, ASCII only.
    static func reference(_ text: String) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        return groups.map(\.count) == [8, 4, 4, 4, 12]
            && groups.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isHexDigit } }
    }

    @Test("a GUID in either case is one; every position with every other byte is not")
    func everyPosition() {
        let guid = "0b6c5c2e-3f7a-4D3E-9a53-1d2f4b9c8e71"
        #expect(ManifestDecoding.isGUID(guid))
        let bytes = Array(guid.utf8)
        for position in bytes.indices {
            for byte in UInt8(0)..<0x80 {
                var changed = bytes
                changed[position] = byte
                let text = String(decoding: changed, as: UTF8.self)
                #expect(ManifestDecoding.isGUID(text) == Self.reference(text), "\(position): \(byte)")
            }
        }
    }

    @Test("random texts of digits, letters and dashes are judged as the groups rule judges them")
    func randomTexts() {
        var generator = SplitMix64(seed: 53)
        let pieces = ["0", "9", "a", "F", "g", "-", "0b6c5c2e", "3f7a", "1d2f4b9c8e71", "-4d3e-"]
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(ManifestDecoding.isGUID(text) == Self.reference(text), "\(text)")
        }
    }

    @Test("fullwidth digits, other scripts and a dash lookalike are not hexadecimal here")
    func notASCII() {
        for text in ["０b6c5c2e-3f7a-4d3e-9a53-1d2f4b9c8e71", "0b6c5c2e‐3f7a-4d3e-9a53-1d2f4b9c8e71", "0b6c5c2é-3f7a-4d3e-9a53-1d2f4b9c8e71"] {
            #expect(!ManifestDecoding.isGUID(text), "\(text)")
        }
    }
}
