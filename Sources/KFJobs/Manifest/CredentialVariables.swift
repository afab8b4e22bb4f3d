/// The environment variables kfjobs reads for its connection and credentials.
///
/// `--allow-env` refuses these, so a manifest can never copy a credential into a job field. Kept in one
/// place until the client's own list lands, which this should then forward to.
public enum CredentialVariables {
    public static let names: Set<String> = [
        "KEYFACTOR_HOSTNAME", "KEYFACTOR_PORT", "KEYFACTOR_API_PATH", "KEYFACTOR_SKIP_VERIFY", "KEYFACTOR_CA_CERT",
        "KEYFACTOR_CLIENT_TIMEOUT", "KEYFACTOR_USERNAME", "KEYFACTOR_PASSWORD", "KEYFACTOR_DOMAIN",
        "KEYFACTOR_AUTH_CLIENT_ID", "KEYFACTOR_AUTH_CLIENT_SECRET", "KEYFACTOR_AUTH_TOKEN_URL",
        "KEYFACTOR_AUTH_SCOPES", "KEYFACTOR_AUTH_AUDIENCE", "KEYFACTOR_AUTH_ACCESS_TOKEN",
        "KEYFACTOR_AUTH_CONFIG_FILE", "KEYFACTOR_AUTH_CONFIG_PROFILE",
    ]

    /// Whether allowing `${env.NAME}` for this name is refused.
    public static func isCredential(_ name: String) -> Bool {
        names.contains(name) || name.hasPrefix("KEYFACTOR_")
    }

    /// Why `--allow-env NAME` must be refused (a usage error), or `nil` when it may be allowed.
    public static func problem(allowing name: String) -> String? {
        if isCredential(name) {
            return "--allow-env \(name) is refused: kfjobs reads \(name) for its connection or credentials"
        }
        if name.isEmpty || !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) {
            return "--allow-env '\(name)' is not an environment variable name"
        }
        return nil
    }
}
