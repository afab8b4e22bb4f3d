/// The value `kfjobs init` writes for a required field that has no default: obviously not a value,
/// and refused by `validate` (at the value, naming the field) until someone fills it in.
public enum InitPlaceholder {
    /// `<FILL IN: Integer>`: the field's type, so the reader knows what to write.
    public static func text(type: String) -> String {
        "<FILL IN: \(type)>"
    }

    public static func isPlaceholder(_ value: String) -> Bool {
        value.hasPrefix("<FILL IN") && value.hasSuffix(">")
    }
}

extension ManifestMessage {
    static func placeholderField(_ name: String, text: String) -> String {
        let type = text.dropFirst("<FILL IN".count).dropLast().drop { $0 == ":" || $0 == " " }
        return "field '\(name)' still holds the placeholder kfjobs init wrote; fill it in with "
            + (type.isEmpty ? "its value" : "a value of type \(type)")
    }
}
