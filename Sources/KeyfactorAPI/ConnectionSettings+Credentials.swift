import KeyfactorWire
/// The credential sets the environment and the profile hold, and the choice among them: a ready
/// access token, then OAuth client credentials, then Basic (Keyfactor's auth client's order), unless
/// the profile's `auth_type` names one.
struct CredentialSets {
    private struct Found {
        var name: String
        var source: String
        var present: Bool
    }

    let env: [String: String]
    let profile: CommandConfigProfile

    init(environment: [String: String], profile: CommandConfigProfile) {
        self.env = environment
        self.profile = profile
    }

    private var token: String? { env[KeyfactorEnvironment.accessToken] ?? profile.accessToken }
    private var clientId: String? { env[KeyfactorEnvironment.clientId] ?? profile.clientId }
    private var clientSecret: String? { env[KeyfactorEnvironment.clientSecret] ?? profile.clientSecret }
    private var username: String? { env[KeyfactorEnvironment.username] ?? profile.username }
    private var password: String? { env[KeyfactorEnvironment.password] ?? profile.password }

    private enum Kind: CaseIterable { case token, oauth, basic }

    private func found(_ set: Kind) -> Found {
        func source(_ variables: [String]) -> String {
            let given = variables.filter { env[$0] != nil }
            return given.isEmpty ? profile.origin : given.joined(separator: ", ")
        }
        switch set {
        case .token:
            return Found(name: "a ready access token", source: source([KeyfactorEnvironment.accessToken]), present: token != nil)
        case .oauth:
            return Found(
                name: "OAuth client credentials",
                source: source([KeyfactorEnvironment.clientId, KeyfactorEnvironment.clientSecret]),
                present: clientId != nil || clientSecret != nil)
        case .basic:
            return Found(
                name: "Basic credentials", source: source([KeyfactorEnvironment.username, KeyfactorEnvironment.password]),
                present: username != nil || password != nil)
        }
    }

    /// The credentials to use, and the notice when other sets were given too.
    func choose() throws(KeyfactorClientError) -> (credentials: KeyfactorCredentials?, notice: CredentialChoice?) {
        let order: [Kind]
        switch profile.authType {
        case .kerberos?:
            throw .configuration("auth_type of \(profile.origin) is kerberos, which kfjobs cannot use: "
                + "set auth_type to basic or oauth and give those credentials")
        case .basic?: order = [.basic]
        case .oauth?: order = [.token, .oauth]
        case nil: order = Kind.allCases
        }
        guard let chosen = order.first(where: { found($0).present }) else {
            if let type = profile.authType {
                throw .configuration("auth_type of \(profile.origin) is \(type.rawValue) but no \(type.rawValue) credentials are given")
            }
            return (nil, nil)
        }
        let credentials = try build(chosen)
        let ignored = Kind.allCases.filter { $0 != chosen && found($0).present }.map { set in
            let info = found(set)
            return "\(info.name) (\(info.source))"
        }
        let used = found(chosen)
        let notice = ignored.isEmpty ? nil : CredentialChoice(used: "\(used.name) (\(used.source))", ignored: ignored)
        return (credentials, notice)
    }

    private func build(_ set: Kind) throws(KeyfactorClientError) -> KeyfactorCredentials {
        switch set {
        case .token:
            return .accessToken(token ?? "")
        case .oauth:
            guard let clientId else {
                throw .configuration("an OAuth client secret is set but no client id: set \(KeyfactorEnvironment.clientId)")
            }
            guard let clientSecret else {
                throw .configuration("OAuth client \(clientId) has no secret: set \(KeyfactorEnvironment.clientSecret)")
            }
            guard let tokenURL = env[KeyfactorEnvironment.tokenURL] ?? profile.tokenURL else {
                throw .configuration("OAuth client \(clientId) has no token URL: set \(KeyfactorEnvironment.tokenURL)")
            }
            // No scope unless one is asked for (Keyfactor's auth client since 1.2.0).
            let scopes = env[KeyfactorEnvironment.scopes].map(CommandConfigProfile.splitList) ?? profile.scopes ?? []
            let audience = env[KeyfactorEnvironment.audience] ?? profile.audience
            return .oauth(OAuthClientCredentials(
                clientId: clientId, clientSecret: clientSecret, tokenURL: tokenURL, scopes: scopes, audience: audience))
        case .basic:
            guard let username else {
                throw .configuration("a password is set but no user name: set \(KeyfactorEnvironment.username)")
            }
            guard let password else {
                throw .configuration("user \(username) has no password: set \(KeyfactorEnvironment.password)")
            }
            return .basic(username: username, password: password, domain: env[KeyfactorEnvironment.domain] ?? profile.domain)
        }
    }
}
