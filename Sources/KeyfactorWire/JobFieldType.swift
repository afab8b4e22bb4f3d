/// The type of a custom job type's field: a number on the wire (1 String, 2 Integer, 3 DateTime,
/// 4 Boolean), or a name in create calls. Unknown codes and names are kept, not rejected.
public enum JobFieldType: Sendable, Hashable {
    case string
    case integer
    case dateTime
    case boolean
    /// A code or name this version does not know (5 exists in the enum, meaning unconfirmed);
    /// the validator treats it as a string and says so.
    case unknown(String)

    /// The wire code, when it is a number.
    public var code: Int? {
        switch self {
        case .string: return 1
        case .integer: return 2
        case .dateTime: return 3
        case .boolean: return 4
        case .unknown(let text): return Int(text)
        }
    }

    /// A name for messages: `String`, `Integer`, `DateTime`, `Boolean`, or the unknown code.
    public var displayName: String {
        switch self {
        case .string: return "String"
        case .integer: return "Integer"
        case .dateTime: return "DateTime"
        case .boolean: return "Boolean"
        case .unknown(let text): return "unknown type \(text)"
        }
    }

    /// The type for a wire code.
    public init(code: Int) {
        switch code {
        case 1: self = .string
        case 2: self = .integer
        case 3: self = .dateTime
        case 4: self = .boolean
        default: self = .unknown(String(code))
        }
    }

    /// The type for a name as the create call accepts it, any case.
    public init(name: String) {
        switch name.lowercased() {
        case "string": self = .string
        case "int", "integer": self = .integer
        case "datetime": self = .dateTime
        case "bool", "boolean": self = .boolean
        default:
            if let code = Int(name) { self.init(code: code) } else { self = .unknown(name) }
        }
    }
}

extension JobFieldType: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let code = try? container.decode(Int.self) {
            self.init(code: code)
        } else {
            self.init(name: try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let code {
            try container.encode(code)
        } else if case .unknown(let name) = self {
            try container.encode(name)
        }
    }
}
