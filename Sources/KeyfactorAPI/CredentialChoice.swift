/// Which credential set a connection uses when several were given, and which it ignored: names and
/// where they came from, never a value.
public struct CredentialChoice: Sendable, Hashable {
    /// e.g. `a ready access token (KEYFACTOR_AUTH_ACCESS_TOKEN)`.
    public var used: String
    public var ignored: [String]

    public init(used: String, ignored: [String]) {
        self.used = used
        self.ignored = ignored
    }

    /// The one line the command line prints on stderr.
    public var notice: String {
        "note: using \(used); ignoring \(ignored.joined(separator: " and ")) "
            + "(a ready access token wins over OAuth client credentials, which win over Basic)"
    }
}
