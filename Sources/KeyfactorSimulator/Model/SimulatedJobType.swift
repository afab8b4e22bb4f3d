/// A custom job type and its field definitions, as `GET /JobTypes/Custom` returns them.
public struct SimulatedJobType: Hashable, Sendable {
    public var id: String
    public var name: String
    public var description: String
    public var fields: [SimulatedJobTypeField]
    /// A capability an agent must have to run this type (`LOGS` for FetchLogs), if any.
    public var requiredCapability: String?

    public init(
        id: String, name: String, description: String = "", fields: [SimulatedJobTypeField] = [],
        requiredCapability: String? = nil
    ) {
        self.id = id.lowercased()
        self.name = name
        self.description = description
        self.fields = fields
        self.requiredCapability = requiredCapability
    }

    /// The built-in Fetch Logs type: no fields, needs the LOGS capability.
    public static let fetchLogsName = "FetchLogs"
}

/// One field of a custom job type.
public struct SimulatedJobTypeField: Hashable, Sendable {
    /// The API's type codes: 1 String, 2 Integer, 3 DateTime, 4 Boolean (5 exists, meaning unconfirmed).
    public enum FieldType: Int, Hashable, Sendable, CaseIterable {
        case string = 1, integer = 2, dateTime = 3, boolean = 4, unknown5 = 5

        /// The names the fleet file (and Keyfactor's create call) accept for each type.
        public static func named(_ name: String) -> FieldType? {
            switch name.lowercased() {
            case "string", "1": .string
            case "integer", "int", "2": .integer
            case "datetime", "3": .dateTime
            case "boolean", "bool", "4": .boolean
            case "5": .unknown5
            default: nil
            }
        }
    }

    public var name: String
    public var type: FieldType
    public var defaultValue: String?
    public var required: Bool

    public init(name: String, type: FieldType, defaultValue: String? = nil, required: Bool = false) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.required = required
    }
}
