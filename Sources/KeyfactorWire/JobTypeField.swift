/// One field of a custom job type: its name, type, default and whether it is required.
public struct JobTypeField: Sendable, Hashable {
    public var name: String
    public var type: JobFieldType
    /// The default in its string form (a native JSON number or boolean is read as its text).
    public var defaultValue: String?
    public var required: Bool

    public init(name: String, type: JobFieldType, defaultValue: String? = nil, required: Bool = false) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.required = required
    }
}

extension JobTypeField: Codable {
    public init(from decoder: any Decoder) throws {
        let wire = try WireDecoding(decoder)
        name = try wire.decode(String.self, "Name")
        type = try wire.decodeIfPresent(JobFieldType.self, "Type") ?? .string
        defaultValue = try wire.decodeLenientStringIfPresent("DefaultValue")
        required = try wire.decodeIfPresent(Bool.self, "Required") ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var wire = WireEncoding(encoder)
        try wire.encode(name, "Name")
        try wire.encode(type, "Type")
        try wire.encodeIfPresent(defaultValue, "DefaultValue")
        try wire.encode(required, "Required")
    }
}
