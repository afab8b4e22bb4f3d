import KeyfactorWire

/// Checks one rendered field value against its job type field's type and gives its canonical form.
///
/// Values go on the wire as strings: Integer as a 64-bit decimal, Boolean as `true`/`false`,
/// DateTime as ISO 8601 in UTC, String verbatim.
enum FieldValueValidator {
    enum Result: Equatable {
        case valid(String)
        /// The value is not of the field's type; `shown` is how a message names the value.
        case invalid(message: @Sendable (_ shown: String) -> String)

        static func == (lhs: Result, rhs: Result) -> Bool {
            switch (lhs, rhs) {
            case let (.valid(a), .valid(b)): a == b
            case let (.invalid(a), .invalid(b)): a("x") == b("x")
            default: false
            }
        }
    }

    static func check(_ value: String, field: JobTypeField) -> Result {
        switch field.type {
        case .string, .unknown:
            return .valid(value)
        case .integer:
            let trimmed = value.hasPrefix("+") ? String(value.dropFirst()) : value
            guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }),
                  let number = Int64(trimmed) else {
                return .invalid { PlanMessage.notAnInteger($0, field: field.name) }
            }
            return .valid(String(number))
        case .boolean:
            switch value.lowercased() {
            case "true": return .valid("true")
            case "false": return .valid("false")
            default: return .invalid { PlanMessage.notABoolean($0, raw: value, field: field.name) }
            }
        case .dateTime:
            guard let date = KeyfactorDate.parse(value) else {
                return .invalid { PlanMessage.notADateTime($0, field: field.name) }
            }
            return .valid(KeyfactorDate.format(date))
        }
    }
}
