#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A coding key spelled at run time: lets each wire type choose its casing and keep `JobFields`
/// keys verbatim.
struct WireKey: CodingKey, Hashable {
    let stringValue: String
    var intValue: Int? { nil }

    init(_ stringValue: String) { self.stringValue = stringValue }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// Reads an object whose keys may be PascalCase or camelCase (any case, as ASP.NET binds them).
struct WireDecoding {
    let container: KeyedDecodingContainer<WireKey>
    /// Keys by their lower-cased spelling, built only when a name is found in neither usual casing.
    private let otherCasings = OtherCasings()

    init(_ decoder: any Decoder) throws {
        container = try decoder.container(keyedBy: WireKey.self)
    }

    /// The key as the body spells it. Names are given in PascalCase; the two casings servers send
    /// are looked up directly, and only a name found in neither costs a case-insensitive index.
    func key(_ name: String) -> WireKey? {
        let pascal = WireKey(name)
        if container.contains(pascal) { return pascal }
        let camel = WireKey(KeyCasing.camel.spelling(name))
        if container.contains(camel) { return camel }
        return otherCasings.key(name, in: container)
    }

    func contains(_ name: String) -> Bool { key(name) != nil }

    /// True when the key is absent or holds `null`.
    func isNull(_ name: String) throws -> Bool {
        guard let key = key(name) else { return true }
        return try container.decodeNil(forKey: key)
    }

    func decode<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        guard let key = key(name) else {
            throw DecodingError.keyNotFound(
                WireKey(name),
                DecodingError.Context(
                    codingPath: container.codingPath, debugDescription: "no value for \(name) in either casing"))
        }
        return try container.decode(T.self, forKey: key)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, _ name: String) throws -> T? {
        guard let key = key(name) else { return nil }
        return try container.decodeIfPresent(T.self, forKey: key)
    }

    /// A date-time string in any of Keyfactor's spellings, whatever the decoder's date strategy.
    func decodeDate(_ name: String) throws -> Date {
        guard let date = try decodeDateIfPresent(name) else {
            throw DecodingError.valueNotFound(
                Date.self,
                DecodingError.Context(codingPath: container.codingPath, debugDescription: "no date for \(name)"))
        }
        return date
    }

    func decodeDateIfPresent(_ name: String) throws -> Date? {
        guard let text = try decodeIfPresent(String.self, name) else { return nil }
        guard let date = KeyfactorDate.parse(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key(name) ?? WireKey(name), in: container,
                debugDescription: "not an ISO 8601 date-time: \(text)")
        }
        return date
    }

    /// A scalar that should be a string but may arrive as a JSON number or boolean (Keyfactor's
    /// samples send both): returned in its string form; `null` or absent is nil.
    func decodeLenientStringIfPresent(_ name: String) throws -> String? {
        guard let key = key(name), try !container.decodeNil(forKey: key) else { return nil }
        let nested = try container.superDecoder(forKey: key)
        return try LenientString(from: nested).value
    }

    /// A schedule that may be an object, `null`, or (in some listings) a description string.
    func decodeScheduleLeniently(_ name: String) -> (schedule: Schedule?, text: String?) {
        guard let key = key(name) else { return (nil, nil) }
        if let schedule = try? container.decodeIfPresent(Schedule.self, forKey: key) {
            return (schedule, nil)
        }
        if let text = try? container.decodeIfPresent(String.self, forKey: key) {
            return (nil, text)
        }
        return (nil, nil)
    }

    /// A JSON object of strings whose keys are kept exactly as sent (never case-folded).
    func decodeVerbatimMapIfPresent(_ name: String) throws -> [String: String]? {
        guard let key = key(name), try !container.decodeNil(forKey: key) else { return nil }
        let nested = try container.nestedContainer(keyedBy: WireKey.self, forKey: key)
        var map: [String: String] = [:]
        for fieldKey in nested.allKeys {
            if let value = try LenientString(from: nested.superDecoder(forKey: fieldKey)).value {
                map[fieldKey.stringValue] = value
            }
        }
        return map
    }
}

/// The case-insensitive index of an object's keys, built on first use.
private final class OtherCasings {
    private var keysByLowercasedName: [String: WireKey]?

    func key(_ name: String, in container: KeyedDecodingContainer<WireKey>) -> WireKey? {
        if keysByLowercasedName == nil {
            var keys: [String: WireKey] = [:]
            for key in container.allKeys {
                // When several spellings are present the first one wins: servers send only one.
                let lowered = key.stringValue.lowercased()
                if keys[lowered] == nil { keys[lowered] = key }
            }
            keysByLowercasedName = keys
        }
        return keysByLowercasedName?[name.lowercased()]
    }
}

/// Writes an object with keys in the encoder's `KeyCasing`; names are given in PascalCase.
struct WireEncoding {
    var container: KeyedEncodingContainer<WireKey>
    let casing: KeyCasing

    init(_ encoder: any Encoder) {
        container = encoder.container(keyedBy: WireKey.self)
        casing = encoder.userInfo[KeyfactorJSON.casingKey] as? KeyCasing ?? .pascal
    }

    func key(_ pascalName: String) -> WireKey {
        WireKey(casing.spelling(pascalName))
    }

    mutating func encode<T: Encodable>(_ value: T, _ name: String) throws {
        try container.encode(value, forKey: key(name))
    }

    /// Leaves the key out when the value is nil.
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, _ name: String) throws {
        try container.encodeIfPresent(value, forKey: key(name))
    }

    mutating func encodeDate(_ date: Date, _ name: String) throws {
        try container.encode(KeyfactorDate.format(date), forKey: key(name))
    }

    mutating func encodeDateIfPresent(_ date: Date?, _ name: String) throws {
        if let date { try encodeDate(date, name) }
    }

    /// A map whose keys are written verbatim, in sorted order for stable bytes.
    mutating func encodeVerbatimMap(_ map: [String: String], _ name: String) throws {
        var nested = container.nestedContainer(keyedBy: WireKey.self, forKey: key(name))
        for (fieldName, value) in map.sorted(by: { $0.key < $1.key }) {
            try nested.encode(value, forKey: WireKey(fieldName))
        }
    }
}

/// A JSON scalar read as text: strings as they are, numbers and booleans in their JSON spelling.
struct LenientString: Decodable {
    let value: String?

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            value = nil
        } else if let text = try? container.decode(String.self) {
            value = text
        } else if let flag = try? container.decode(Bool.self) {
            value = flag ? "true" : "false"
        } else if let integer = try? container.decode(Int64.self) {
            value = String(integer)
        } else if let number = try? container.decode(Double.self) {
            value = String(number)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected a string, number or boolean")
        }
    }
}
