/// How kfjobs proves who it is to Keyfactor Command. Descriptions never show a secret.
public enum KeyfactorCredentials: Sendable, Hashable, CustomStringConvertible {
    /// HTTP Basic; with a domain the user name is sent as `DOMAIN\user`.
    case basic(username: String, password: String, domain: String?)
    /// OAuth 2 client credentials: a token fetched from the token URL, cached, refreshed.
    case oauth(OAuthClientCredentials)
    /// A ready bearer token.
    case accessToken(String)

    /// The user name as Basic authentication sends it.
    static func basicUser(username: String, domain: String?) -> String {
        // `user@domain` and `DOMAIN\user` already carry their domain.
        guard let domain, !domain.isEmpty, !username.contains("\\"), !username.contains("@") else { return username }
        return "\(domain)\\\(username)"
    }

    /// Which scheme, for messages: `basic`, `oauth` or `access token`.
    public var method: String {
        switch self {
        case .basic: return "basic"
        case .oauth: return "oauth"
        case .accessToken: return "access token"
        }
    }

    public var description: String {
        switch self {
        case .basic(let username, _, let domain):
            return "basic as \(Self.basicUser(username: username, domain: domain)) (password ***)"
        case .oauth(let oauth):
            return oauth.description
        case .accessToken:
            return "access token ***"
        }
    }

    /// The secrets these credentials hold, for redacting anything that might echo them.
    public var secrets: [String] {
        switch self {
        case .basic(_, let password, _): return [password]
        case .oauth(let oauth): return [oauth.clientSecret]
        case .accessToken(let token): return [token]
        }
    }
}

/// OAuth 2 client credentials for Keyfactor Command 11+ (Keyfactor Identity Provider or another IdP).
public struct OAuthClientCredentials: Sendable, Hashable, CustomStringConvertible {
    public var clientId: String
    public var clientSecret: String
    /// e.g. `https://HOST:8444/realms/Keyfactor/protocol/openid-connect/token`.
    public var tokenURL: String
    public var scopes: [String]
    public var audience: String?

    public init(clientId: String, clientSecret: String, tokenURL: String, scopes: [String] = [], audience: String? = nil) {
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.tokenURL = tokenURL
        self.scopes = scopes
        self.audience = audience
    }

    public var description: String {
        "oauth client \(clientId) at \(KeyfactorClientError.redactingUserInfo(tokenURL)) (client secret ***)"
    }
}
