#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A request body as the client sent it, with keys looked up case-insensitively (as ASP.NET binds
/// them) and scalars kept apart, so that a field value may be a string, a number or a boolean.
enum JSONInput: Decodable, Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number's canonical text: `4096`, `1.5`.
    case number(String)
    case string(String)
    case array([JSONInput])
    case object([(key: String, value: JSONInput)])

    static func == (lhs: JSONInput, rhs: JSONInput) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a.map(\.key) == b.map(\.key) && a.map(\.value) == b.map(\.value)
        default: false
        }
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        if var container = try? decoder.unkeyedContainer() {
            var items: [JSONInput] = []
            while !container.isAtEnd { items.append(try container.decode(JSONInput.self)) }
            self = .array(items)
            return
        }
        if let container = try? decoder.container(keyedBy: AnyKey.self) {
            var pairs: [(key: String, value: JSONInput)] = []
            for key in container.allKeys {
                pairs.append((key.stringValue, try container.decode(JSONInput.self, forKey: key)))
            }
            self = .object(pairs)
            return
        }
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let integer = try? container.decode(Int64.self) {
            self = .number(String(integer))
        } else if let double = try? container.decode(Double.self) {
            self = .number(String(double))
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    /// Parses a body; `nil` when it is not JSON.
    static func parse(_ bytes: [UInt8]) -> JSONInput? {
        try? JSONDecoder().decode(JSONInput.self, from: Data(bytes))
    }

    /// The value under `key`, compared case-insensitively; an exact match wins.
    subscript(key: String) -> JSONInput? {
        guard case .object(let pairs) = self else { return nil }
        if let exact = pairs.first(where: { $0.key == key }) { return exact.value }
        let lower = key.lowercased()
        return pairs.first { $0.key.lowercased() == lower }?.value
    }

    var isObject: Bool {
        if case .object = self { return true }
        return false
    }

    /// A scalar as text: strings as they are, numbers and booleans in canonical form.
    var scalarText: String? {
        switch self {
        case .string(let text): text
        case .number(let text): text
        case .bool(let flag): flag ? "true" : "false"
        default: nil
        }
    }

    var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
