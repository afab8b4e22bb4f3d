import Foundation
import KeyfactorAPI
import Testing

/// `command_config` files as Keyfactor's tools write them (JSON and YAML), the auth client's value
/// forms, and the messages that name the bad variable or key.
@Suite struct ConnectionSettingsFileTests {
    static let path = "/home/u/.keyfactor/command_config.json"

    func resolve(_ environment: [String: String], file: String? = nil, flags: ConnectionFlags = ConnectionFlags()) throws -> ConnectionSettings {
        var env = environment
        env["HOME"] = "/home/u"
        let files = file.map { [Self.path: $0] } ?? [:]
        return try ConnectionSettings.resolve(
            flags: flags, environment: env, userAgentVersion: "1.0.0", readFile: { files[$0].map { Data($0.utf8) } })
    }

    func failure(_ environment: [String: String], file: String? = nil, flags: ConnectionFlags = ConnectionFlags()) throws -> String {
        let error = try #require(throws: KeyfactorClientError.self) { try resolve(environment, file: file, flags: flags) }
        #expect(error.kind == .configuration)
        return error.description
    }

    @Test func jsonProfileTakesANumberPortAListOfScopesACAPathAndSkipVerify() throws {
        let settings = try resolve([:], file: #"""
            {"servers": {"default": {"host": "kf.example.com", "port": 8443, "client_id": "kfjobs", "client_secret": "s",
              "token_url": "https://idp.example.com/token", "scopes": ["api", "read"], "ca_cert_path": "/etc/ca.pem",
              "skip_tls_verify": false, "auth_type": "oauth"}}}
            """#)
        #expect(settings.baseURL == "https://kf.example.com:8443/KeyfactorAPI")
        #expect(settings.caCertificatePath == "/etc/ca.pem")
        #expect(!settings.insecure)
        guard case .oauth(let oauth)? = settings.credentials else {
            Issue.record("expected oauth")
            return
        }
        #expect(oauth.scopes == ["api", "read"])
    }

    @Test func theOldCommaSeparatedScopesStillRead() throws {
        let settings = try resolve([:], file: #"""
            {"servers": {"default": {"host": "kf", "client_id": "c", "client_secret": "s", "token_url": "https://idp/t", "scopes": "a, b"}}}
            """#)
        guard case .oauth(let oauth)? = settings.credentials else { return #expect(Bool(false)) }
        #expect(oauth.scopes == ["a", "b"])
    }

    @Test func scopesDefaultToNone() throws {
        let settings = try resolve(["KEYFACTOR_HOSTNAME": "kf", "KEYFACTOR_AUTH_CLIENT_ID": "c", "KEYFACTOR_AUTH_CLIENT_SECRET": "s",
                                    "KEYFACTOR_AUTH_TOKEN_URL": "https://idp/t"])
        guard case .oauth(let oauth)? = settings.credentials else { return #expect(Bool(false)) }
        #expect(oauth.scopes.isEmpty)
    }

    @Test func yamlProfileIsReadThroughYAMLTree() throws {
        let settings = try resolve([:], file: """
            servers:
              default:
                host: kf.example.com
                port: 9443
                username: svc
                password: pw
                domain: CORP
                skip_tls_verify: true
                scopes: [api]
            """)
        #expect(settings.baseURL == "https://kf.example.com:9443/KeyfactorAPI")
        #expect(settings.credentials == .basic(username: "svc", password: "pw", domain: "CORP"))
        #expect(settings.insecure)
    }

    @Test(arguments: [
        (#"{"servers": {"default": {"host": "kf", "port": "https"}}}"#,
         "port of profile default in /home/u/.keyfactor/command_config.json must be a port number (1 to 65535), not https"),
        (#"{"servers": {"default": {"host": "kf", "port": 70000}}}"#,
         "port of profile default in /home/u/.keyfactor/command_config.json must be a port number (1 to 65535), not 70000"),
        (#"{"servers": {"default": {"host": "kf", "skip_tls_verify": "maybe"}}}"#,
         "skip_tls_verify of profile default in /home/u/.keyfactor/command_config.json must be true or false"),
        (#"{"servers": {"default": {"host": "kf", "scopes": 5}}}"#,
         #"scopes of profile default in /home/u/.keyfactor/command_config.json must be a list of scope names, like ["api"]"#),
        (#"{"servers": {"default": {"host": "kf", "auth_type": "ntlm"}}}"#,
         "auth_type of profile default in /home/u/.keyfactor/command_config.json must be basic, oauth or kerberos, not ntlm"),
        ("servers:\n  default:\n    host: kf\n    port: eighty\n",
         "/home/u/.keyfactor/command_config.json:4:11: port of profile default in /home/u/.keyfactor/command_config.json must be a port number (1 to 65535), not eighty"),
    ])
    func badFileValuesNameTheKey(file: String, message: String) throws {
        #expect(try failure([:], file: file) == message)
    }

    @Test(arguments: [
        (["KEYFACTOR_CLIENT_TIMEOUT": "1m"], "KEYFACTOR_CLIENT_TIMEOUT must be a number of seconds, like 60 or 60s, not 1m"),
        (["KEYFACTOR_SKIP_VERIFY": "perhaps"], "KEYFACTOR_SKIP_VERIFY must be true or false, not perhaps"),
        (["KEYFACTOR_PORT": "0"], "KEYFACTOR_PORT must be a port number (1 to 65535), not 0"),
        (["HTTPS_PROXY": "socks5://p:1080"], "HTTPS_PROXY uses socks5://, which kfjobs cannot use: give the proxy as http://HOST:PORT (https servers are still reached through it with CONNECT, end to end encrypted)"),
        (["https_proxy": "http://u:hunter2@proxy:3128/path"], "https_proxy must be http://HOST:PORT without a path, not http://***@proxy:3128/path"),
        (["NO_PROXY": "10.0.0.0/40"], "NO_PROXY holds \"10.0.0.0/40\", which is not a host, domain, IP address, CIDR block or *; separate entries with commas"),
    ])
    func badVariablesAreNamed(environment: [String: String], message: String) throws {
        #expect(try failure(environment.merging(["KEYFACTOR_HOSTNAME": "kf"]) { $1 }) == message)
    }

    @Test(arguments: ["60", "60s", " 60s "])
    func timeoutTakesSecondsWithOrWithoutTheUnit(text: String) throws {
        #expect(try resolve(["KEYFACTOR_HOSTNAME": "kf", "KEYFACTOR_CLIENT_TIMEOUT": text]).timeout == 60)
    }

    @Test func caCertificatesMayBeInlinePEMAndTheTokenEndpointHasItsOwn() throws {
        let pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
        let settings = try resolve(["KEYFACTOR_HOSTNAME": "kf", "KEYFACTOR_CA_CERT": pem, "KEYFACTOR_AUTH_CA_CERT": "/etc/idp-ca.pem"])
        #expect(settings.caCertificatePath == pem)
        #expect(settings.authCACertificate == "/etc/idp-ca.pem")
        #expect(settings.description.contains("ca-cert (inline PEM, \(pem.utf8.count) bytes)"))
        #expect(!settings.description.contains("BEGIN"))
        let flag = try resolve(["KEYFACTOR_HOSTNAME": "kf", "KEYFACTOR_CA_CERT": pem], flags: ConnectionFlags(caCertificatePath: "/flag.pem"))
        #expect(flag.caCertificatePath == "/flag.pem")
    }

    @Test func authTypeChoosesTheSetAndKerberosIsRefused() throws {
        let both = #"""
            {"servers": {"default": {"host": "kf", "username": "u", "password": "p", "access_token": "tok", "auth_type": "basic"}}}
            """#
        let settings = try resolve([:], file: both)
        #expect(settings.credentials == .basic(username: "u", password: "p", domain: nil))
        #expect(settings.credentialChoice?.ignored == ["a ready access token (profile default in /home/u/.keyfactor/command_config.json)"])
        let kerberos = #"{"servers": {"default": {"host": "kf", "auth_type": "kerberos"}}}"#
        #expect(try failure([:], file: kerberos).hasPrefix("auth_type of profile default in /home/u/.keyfactor/command_config.json is kerberos, which kfjobs cannot use"))
    }

    @Test func aHalfSetBelowACompleteOneIsIgnoredNotAnError() throws {
        let settings = try resolve(["KEYFACTOR_HOSTNAME": "kf", "KEYFACTOR_AUTH_ACCESS_TOKEN": "tok", "KEYFACTOR_USERNAME": "u"])
        #expect(settings.credentials == .accessToken("tok"))
        #expect(settings.credentialChoice?.ignored == ["Basic credentials (KEYFACTOR_USERNAME)"])
    }

    @Test func proxiesComeFromEitherCaseAndHideTheirCredentials() throws {
        let settings = try resolve([
            "KEYFACTOR_HOSTNAME": "kf.example.com", "https_proxy": "http://alice:s%40cret@proxy.corp:3128",
            "HTTP_PROXY": "proxy.corp:8080", "no_proxy": "localhost,.internal",
        ])
        let proxy = try #require(settings.proxy.proxy(for: "https://kf.example.com/KeyfactorAPI"))
        #expect(proxy.host == "proxy.corp")
        #expect(proxy.port == 3128)
        #expect(proxy.username == "alice")
        #expect(proxy.password == "s@cret")
        #expect(proxy.variable == "https_proxy")
        #expect(proxy.description == "http://***@proxy.corp:3128")
        #expect(settings.description.contains("proxy http://***@proxy.corp:3128"))
        #expect(!settings.description.contains("s@cret") && !settings.description.contains("alice"))
        #expect(settings.proxy.proxy(for: "http://kf.example.com/KeyfactorAPI")?.port == 8080, "http URLs use HTTP_PROXY")
        #expect(settings.proxy.proxy(for: "https://kf.internal/KeyfactorAPI") == nil)
        #expect(settings.proxy.bypassRule(for: "https://kf.internal/KeyfactorAPI")?.description == ".internal")
        let upper = try resolve(["KEYFACTOR_HOSTNAME": "kf", "HTTPS_PROXY": "http://a:3128", "https_proxy": "http://b:3128"])
        #expect(upper.proxy.httpsProxy?.host == "a", "upper case first, as Go reads them")
    }
}
