extension KeyfactorClientError {
    /// `url` as a message may show it: user information (`user:password@`) becomes `***@`, also in a
    /// URL too malformed to parse, so that a password written into a URL never reaches a CI log.
    public static func redactingUserInfo(_ url: String) -> String {
        url.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            guard let at = segment.lastIndex(of: "@") else { return String(segment) }
            return "***" + segment[at...]
        }.joined(separator: "/")
    }
}
