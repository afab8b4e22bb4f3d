/// The `KEYFACTOR_*` environment variables kfjobs reads, the same names Keyfactor's own tools read.
public enum KeyfactorEnvironment {
    public static let hostname = "KEYFACTOR_HOSTNAME"
    public static let port = "KEYFACTOR_PORT"
    public static let apiPath = "KEYFACTOR_API_PATH"
    public static let skipVerify = "KEYFACTOR_SKIP_VERIFY"
    public static let caCert = "KEYFACTOR_CA_CERT"
    /// The identity provider's CA, for the token endpoint.
    public static let authCACert = "KEYFACTOR_AUTH_CA_CERT"
    public static let clientTimeout = "KEYFACTOR_CLIENT_TIMEOUT"
    public static let username = "KEYFACTOR_USERNAME"
    public static let password = "KEYFACTOR_PASSWORD"
    public static let domain = "KEYFACTOR_DOMAIN"
    public static let clientId = "KEYFACTOR_AUTH_CLIENT_ID"
    public static let clientSecret = "KEYFACTOR_AUTH_CLIENT_SECRET"
    public static let tokenURL = "KEYFACTOR_AUTH_TOKEN_URL"
    public static let scopes = "KEYFACTOR_AUTH_SCOPES"
    public static let audience = "KEYFACTOR_AUTH_AUDIENCE"
    public static let accessToken = "KEYFACTOR_AUTH_ACCESS_TOKEN"
    public static let configFile = "KEYFACTOR_AUTH_CONFIG_FILE"
    public static let configProfile = "KEYFACTOR_AUTH_CONFIG_PROFILE"

    /// Every variable kfjobs reads for its connection. A manifest may not `--allow-env` any of
    /// these: templates must never be able to copy credentials into job fields.
    public static let names: [String] = [
        hostname, port, apiPath, skipVerify, caCert, authCACert, clientTimeout, username, password, domain, clientId,
        clientSecret, tokenURL, scopes, audience, accessToken, configFile, configProfile,
        // A proxy URL may carry the proxy's password.
        "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy",
    ]

    /// The variables that hold secrets: never printed, logged or written anywhere.
    public static let secretNames: [String] = [password, clientSecret, accessToken]

    /// True when `name` is one kfjobs reads for its connection (compared exactly, as the environment is).
    public static func isReserved(_ name: String) -> Bool { names.contains(name) }
}
