import Foundation
import KeyfactorAPI
import KeyfactorWire
import Testing

/// Flags, then the environment, then the profile; OAuth over an access token over Basic.
@Suite struct ConnectionSettingsTests {
    static let profileJSON = #"""
        {"servers": {
          "default": {"host": "profile.example.com", "username": "puser", "password": "ppass", "domain": "PDOM",
                      "api_path": "Keyfactor/API"},
          "oauth": {"host": "idp.example.com", "client_id": "kfjobs", "client_secret": "s3cret",
                    "token_url": "https://idp.example.com:8444/realms/Keyfactor/protocol/openid-connect/token",
                    "scopes": ["openid", "api"], "audience": "kf"}
        }}
        """#

    func resolve(
        _ environment: [String: String], files: [String: String] = ["/home/u/.keyfactor/command_config.json": profileJSON]
    ) throws -> ConnectionSettings {
        try resolve(ConnectionFlags(), environment, files: files)
    }

    func resolve(
        _ flags: ConnectionFlags, _ environment: [String: String],
        files: [String: String] = ["/home/u/.keyfactor/command_config.json": profileJSON]
    ) throws -> ConnectionSettings {
        try ConnectionSettings.resolve(
            flags: flags, environment: environment, userAgentVersion: "1.2.3",
            readFile: { path in files[path].map { Data($0.utf8) } })
    }

    @Test func urlIsBuiltFromHostnamePortAndAPIPath() throws {
        let settings = try resolve(["KEYFACTOR_HOSTNAME": "kf.example.com", "KEYFACTOR_PORT": "8443",
                                    "KEYFACTOR_API_PATH": "/Keyfactor/API/"], files: [:])
        #expect(settings.baseURL == "https://kf.example.com:8443/Keyfactor/API")
        #expect(settings.userAgentVersion == "1.2.3")
        let defaults = try resolve(["KEYFACTOR_HOSTNAME": "kf.example.com", "KEYFACTOR_PORT": "443"], files: [:])
        #expect(defaults.baseURL == "https://kf.example.com/KeyfactorAPI")
    }

    @Test func flagURLWinsOverEnvironmentAndProfile() throws {
        let settings = try resolve(
            ConnectionFlags(url: "https://flag.example.com/KeyfactorAPI"),
            ["HOME": "/home/u", "KEYFACTOR_HOSTNAME": "env.example.com"])
        #expect(settings.baseURL == "https://flag.example.com/KeyfactorAPI")
    }

    @Test func environmentWinsOverProfileFieldByField() throws {
        let settings = try resolve(["HOME": "/home/u", "KEYFACTOR_PASSWORD": "envpass"])
        #expect(settings.baseURL == "https://profile.example.com/Keyfactor/API")
        #expect(settings.credentials == .basic(username: "puser", password: "envpass", domain: "PDOM"))
    }

    @Test func namedProfileGivesOAuth() throws {
        let settings = try resolve(ConnectionFlags(profile: "oauth"), ["HOME": "/home/u"])
        guard case .oauth(let oauth)? = settings.credentials else {
            Issue.record("expected oauth, got \(String(describing: settings.credentials))")
            return
        }
        #expect(oauth.clientId == "kfjobs")
        #expect(oauth.scopes == ["openid", "api"])
        #expect(oauth.audience == "kf")
    }

    @Test func accessTokenWinsOverOAuthWhichWinsOverBasic() throws {
        var environment = [
            "KEYFACTOR_HOSTNAME": "kf", "KEYFACTOR_USERNAME": "u", "KEYFACTOR_PASSWORD": "pw-value",
            "KEYFACTOR_AUTH_CLIENT_ID": "id", "KEYFACTOR_AUTH_CLIENT_SECRET": "sec-value",
            "KEYFACTOR_AUTH_TOKEN_URL": "https://idp/token", "KEYFACTOR_AUTH_SCOPES": "a,b",
        ]
        let oauth = try resolve(environment, files: [:])
        #expect(oauth.credentials
            == .oauth(OAuthClientCredentials(clientId: "id", clientSecret: "sec-value", tokenURL: "https://idp/token", scopes: ["a", "b"])))
        #expect(oauth.credentialChoice?.ignored == ["Basic credentials (KEYFACTOR_USERNAME, KEYFACTOR_PASSWORD)"])
        environment["KEYFACTOR_AUTH_ACCESS_TOKEN"] = "tok-value"
        let token = try resolve(environment, files: [:])
        #expect(token.credentials == .accessToken("tok-value"))
        #expect(token.credentialChoice?.used == "a ready access token (KEYFACTOR_AUTH_ACCESS_TOKEN)")
        #expect(token.credentialChoice?.ignored == [
            "OAuth client credentials (KEYFACTOR_AUTH_CLIENT_ID, KEYFACTOR_AUTH_CLIENT_SECRET)",
            "Basic credentials (KEYFACTOR_USERNAME, KEYFACTOR_PASSWORD)",
        ])
        let notice = try #require(token.credentialChoice?.notice)
        for secret in ["tok-value", "sec-value", "pw-value"] { #expect(!notice.contains(secret)) }
        for key in ["KEYFACTOR_AUTH_CLIENT_ID", "KEYFACTOR_AUTH_CLIENT_SECRET", "KEYFACTOR_AUTH_ACCESS_TOKEN", "KEYFACTOR_PASSWORD"] {
            environment.removeValue(forKey: key)
        }
        environment["KEYFACTOR_PASSWORD"] = "p"
        let basic = try resolve(environment, files: [:])
        #expect(basic.credentials == .basic(username: "u", password: "p", domain: nil))
        #expect(basic.credentialChoice == nil, "one set: nothing to say")
    }

    @Test func flagsForTLSAndTimeoutWinOverEnvironment() throws {
        let environment = ["KEYFACTOR_HOSTNAME": "kf", "KEYFACTOR_CA_CERT": "/env/ca.pem", "KEYFACTOR_CLIENT_TIMEOUT": "30",
                           "KEYFACTOR_SKIP_VERIFY": "false"]
        let fromEnvironment = try resolve(environment, files: [:])
        #expect(fromEnvironment.caCertificatePath == "/env/ca.pem")
        #expect(fromEnvironment.timeout == 30)
        #expect(!fromEnvironment.insecure)
        let fromFlags = try resolve(
            ConnectionFlags(caCertificatePath: "/flag/ca.pem", insecure: true, timeout: 5), environment, files: [:])
        #expect(fromFlags.caCertificatePath == "/flag/ca.pem")
        #expect(fromFlags.timeout == 5)
        #expect(fromFlags.insecure)
    }

    @Test(arguments: [
        (["KEYFACTOR_USERNAME": "u"], "user u has no password: set KEYFACTOR_PASSWORD"),
        (["KEYFACTOR_AUTH_CLIENT_ID": "id", "KEYFACTOR_AUTH_CLIENT_SECRET": "s"],
         "OAuth client id has no token URL: set KEYFACTOR_AUTH_TOKEN_URL"),
        (["KEYFACTOR_AUTH_CLIENT_ID": "id"], "OAuth client id has no secret: set KEYFACTOR_AUTH_CLIENT_SECRET"),
        (["KEYFACTOR_PORT": "http"], "KEYFACTOR_PORT must be a port number (1 to 65535), not http"),
        (["KEYFACTOR_CLIENT_TIMEOUT": "soon"], "KEYFACTOR_CLIENT_TIMEOUT must be a number of seconds, like 60 or 60s, not soon"),
    ])
    func incompleteSettingsAreExplained(extra: [String: String], message: String) throws {
        let environment = ["KEYFACTOR_HOSTNAME": "kf"].merging(extra) { $1 }
        let error = try #require(throws: KeyfactorClientError.self) { try resolve(environment, files: [:]) }
        #expect(error.description == message)
        #expect(error.kind == .configuration)
    }

    @Test func missingServerIsExplained() throws {
        let error = try #require(throws: KeyfactorClientError.self) { try resolve([:], files: [:]) }
        #expect(error.description.hasPrefix("no server given: pass --url"))
    }

    @Test func askedForProfileMustExist() throws {
        let error = try #require(throws: KeyfactorClientError.self) {
            try resolve(ConnectionFlags(profile: "prod"), ["HOME": "/home/u"])
        }
        #expect(error.description == "profile prod is not in /home/u/.keyfactor/command_config.json")
        let missingFile = try #require(throws: KeyfactorClientError.self) {
            try resolve(["KEYFACTOR_HOSTNAME": "kf", "KEYFACTOR_AUTH_CONFIG_FILE": "/nowhere.json"])
        }
        #expect(missingFile.description == "the config file /nowhere.json does not exist")
    }

    @Test func plainHTTPWithCredentialsIsRefusedUnlessAllowedOrLoopback() throws {
        let environment = ["KEYFACTOR_USERNAME": "u", "KEYFACTOR_PASSWORD": "hunter2"]
        let error = try #require(throws: KeyfactorClientError.self) {
            try resolve(ConnectionFlags(url: "http://kf.example.com/KeyfactorAPI"), environment, files: [:])
        }
        #expect(error.description.hasPrefix("refusing to send credentials over plain http to kf.example.com"))
        #expect(!error.description.contains("hunter2"))
        _ = try resolve(ConnectionFlags(url: "http://kf.example.com/KeyfactorAPI", allowInsecureHTTP: true), environment, files: [:])
        _ = try resolve(ConnectionFlags(url: "http://127.0.0.1:8080/KeyfactorAPI"), environment, files: [:])
        _ = try resolve(ConnectionFlags(url: "http://localhost:8080/KeyfactorAPI"), environment, files: [:])
        // Without credentials there is nothing to protect.
        _ = try resolve(ConnectionFlags(url: "http://kf.example.com/KeyfactorAPI"), [:], files: [:])
    }

    @Test func descriptionsNeverShowSecrets() throws {
        let settings = try resolve(ConnectionFlags(profile: "oauth"), ["HOME": "/home/u", "KEYFACTOR_AUTH_ACCESS_TOKEN": "tok-123"])
        #expect(!settings.description.contains("s3cret"))
        let basic = try resolve(["HOME": "/home/u"])
        #expect(!basic.description.contains("ppass"))
        #expect(basic.description.contains(#"PDOM\puser"#))
        #expect(!KeyfactorCredentials.accessToken("tok-123").description.contains("tok-123"))
    }

    @Test func reservedEnvironmentNamesIncludeEveryCredential() {
        for name in ["KEYFACTOR_PASSWORD", "KEYFACTOR_AUTH_CLIENT_SECRET", "KEYFACTOR_AUTH_ACCESS_TOKEN", "KEYFACTOR_USERNAME",
                     "KEYFACTOR_HOSTNAME", "KEYFACTOR_AUTH_CONFIG_FILE"] {
            #expect(KeyfactorEnvironment.isReserved(name))
        }
        #expect(!KeyfactorEnvironment.isReserved("REFRESH_TOKEN"))
        #expect(Set(KeyfactorEnvironment.secretNames).isSubset(of: Set(KeyfactorEnvironment.names)))
    }
}
