/// The messages of the shape checks every located decoder shares, each written once (lower case, no
/// trailing period, names and values the user wrote in single quotes).
public enum DecodingMessage {
    public static func unknownKey(_ key: String, in context: String, known: [String]) -> String {
        "unknown key '\(key)' in \(context)" + Suggestion.didYouMean(key, in: known)
    }

    public static func missingKey(_ key: String, in context: String) -> String {
        "missing required key '\(key)' in \(context)"
    }

    public static func wrongShape(_ what: String, expected: String, found: String) -> String {
        "\(what) must be \(expected), not \(found)"
    }

    public static func nonScalarKey(found: String) -> String {
        "a key must be a scalar, not \(found)"
    }

    public static func mergeKey() -> String {
        "merge keys (<<) are not supported; write the keys out, or use an anchor for the whole value"
    }

    public static func emptyList(_ what: String) -> String {
        "\(what) is an empty list; give at least one item"
    }
}
