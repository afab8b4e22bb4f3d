import Foundation
import KeyfactorWire
import Testing

/// `JSONValue` against `JSONSerialization`, and the wire module's HTTP and day formats against
/// `DateFormatter` and `ISO8601DateFormatter`: what replaced them when the binary stopped linking the
/// full Foundation (issue 18).
@Suite("JSONValue and date formats against Foundation")
struct JSONValueAndDateTests {
    /// What both readers say of a document: numbers and booleans as `NSNumber.stringValue` wrote them.
    private indirect enum Shape: Equatable, CustomStringConvertible {
        case null
        case text(String)
        case number(String)
        case array([Shape])
        case object([String: Shape])

        init(foundation value: Any) {
            switch value {
            case is NSNull: self = .null
            case let text as String: self = .text(text)
            case let number as NSNumber: self = .number(number.stringValue)
            case let items as [Any]: self = .array(items.map(Shape.init(foundation:)))
            case let members as [String: Any]: self = .object(members.mapValues(Shape.init(foundation:)))
            default: self = .text("unexpected \(type(of: value))")
            }
        }

        init(_ value: JSONValue) {
            switch value {
            case .null: self = .null
            case .string(let text): self = .text(text)
            case .bool, .number: self = .number(value.numberText!)
            case .array(let items): self = .array(items.map(Shape.init))
            case .object(let members): self = .object(members.mapValues(Shape.init))
            }
        }

        var description: String {
            switch self {
            case .null: "null"
            case .text(let text): text.debugDescription
            case .number(let text): text
            case .array(let items): "[" + items.map(\.description).joined(separator: ",") + "]"
            case .object(let members): "{" + members.sorted { $0.key < $1.key }.map { "\($0.key.debugDescription):\($0.value)" }.joined(separator: ",") + "}"
            }
        }
    }

    private static let documents = [
        #"{"servers": {"default": {"host": "kf.example.com", "port": 443, "skip_tls_verify": true, "scopes": ["api", "x"]}}}"#,
        #"{"v": 443.0}"#, #"{"v": 4.43e2}"#, #"{"v": -0}"#, #"{"v": 0.1}"#, #"{"v": 1.5}"#, #"{"v": 12345678901234567890}"#,
        #"{"v": 1E2}"#, #"{"v": 1e-7}"#, #"{"v": 2.5e20}"#, #"{"v": -12}"#, #"{"v": 9007199254740993}"#, #"{"v": 18446744073709551615}"#,
        #"{"v": 123456789012345678901234}"#, #"{"v": false}"#, #"{"v": null}"#, #"{"v": ""}"#,
        #"{"d": 1, "d": 2}"#, #"[1,]"#, #"{"a": 1,}"#, "\u{FEFF}{}", "  {} ", "{}\n\n", "[]", "[[[]]]",
        #"{"a": "\ud83d\ude00 \u00e9 \n\t\"\\\/"}"#, #"["\u0000"]"#, #"{"é": "ü"}"#,
        // Refused by both.
        "1", #""s""#, "{}x", "{,}", "[,]", #"{"a":1,,}"#, "{\"a\":\"x\ty\"}", #"{"a":"\ud800"}"#, #"{"a":"\udc00"}"#, #"{"a":01}"#,
        #"{"a":-}"#, #"{"a":1.}"#, #"{"a":.5}"#, #"{"a":+1}"#, #"{"a":tru}"#, #"{"a":"\x"}"#, "{'a':1}", "{a:1}", "[NaN]",
        "[Infinity]", "//c\n[1]", "[1]//c", #"{"a":1e400}"#, "", "[", #"{"a""#, #"{"a":}"#, "[1 2]",
        String(repeating: "[", count: 512) + String(repeating: "]", count: 512),
        String(repeating: "[", count: 513) + String(repeating: "]", count: 513),
        String(repeating: "[", count: 511) + String(repeating: "]", count: 511),
    ]

    @Test("JSONValue reads what JSONSerialization reads, and refuses what it refuses")
    func parity() {
        for document in Self.documents {
            let foundation = (try? JSONSerialization.jsonObject(with: Data(document.utf8))).map(Shape.init(foundation:))
            let ours = JSONValue.parse(Data(document.utf8)).map(Shape.init)
            #expect(ours == foundation, "\(document.prefix(80).debugDescription)")
        }
        let invalidUTF8 = Data([0x5B, 0x22, 0xFF, 0x22, 0x5D])
        #expect(JSONValue.parse(invalidUTF8) == nil)
        #expect((try? JSONSerialization.jsonObject(with: invalidUTF8)) == nil)
    }

    @Test("numberIsNonZero is NSNumber.intValue != 0")
    func truthiness() throws {
        for literal in ["0", "1", "-1", "0.5", "1.5", "-0.9", "2", "1e2", "true", "false"] {
            let foundation = try #require(JSONSerialization.jsonObject(with: Data("[\(literal)]".utf8)) as? [NSNumber])
            let ours = try #require(JSONValue.parse(Data("[\(literal)]".utf8))?.array)
            #expect(ours[0].numberIsNonZero == (foundation[0].intValue != 0), "\(literal)")
        }
        #expect(JSONValue.string("1").numberIsNonZero == nil)
    }

    /// Instants around the epoch, leap days, the year 2000 and fractions of a second.
    private static let instants: [TimeInterval] = [
        0, -1, -86_400, -86_401, 0.999, 59.5, 951_782_400, 951_868_799.75, 1_796_000_000.25, 4_102_444_800, -2_208_988_800,
        784_111_777, 1_709_164_800, 1_709_251_199,
    ] + (0..<60).map { Double($0) * 86_400 * 6.3 + 1_700_000_000 }

    @Test("formatHTTP is DateFormatter's IMF-fixdate")
    func httpDate() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        for instant in Self.instants {
            let date = Date(timeIntervalSince1970: instant)
            #expect(KeyfactorDate.formatHTTP(date) == formatter.string(from: date), "\(instant)")
        }
        #expect(KeyfactorDate.formatHTTP(Date(timeIntervalSince1970: 784_111_777)) == "Sun, 06 Nov 1994 08:49:37 GMT")
    }

    @Test("formatDay is ISO8601DateFormatter's full date")
    func day() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        for instant in Self.instants {
            let date = Date(timeIntervalSince1970: instant)
            #expect(KeyfactorDate.formatDay(date) == formatter.string(from: date), "\(instant)")
        }
    }
}
