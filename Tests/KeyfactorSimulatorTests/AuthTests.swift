import Foundation
import KeyfactorSimulator
import Testing

@Suite struct AuthTests {
    static let authFleet = """
        auth:
          basic: {username: svc-kfjobs, password: "s3cret!", domain: CORP}
          oauth: {clientId: kfjobs-ci, clientSecret: "top-secret", tokenLifetime: 1h}
        """

    static func basic(_ user: String, _ password: String) -> (String, String) {
        ("Authorization", "Basic " + Data("\(user):\(password)".utf8).base64EncodedString())
    }

    @Test(arguments: [
        (nil as String?, nil as String?, 401),
        ("CORP\\svc-kfjobs", "s3cret!", 200),
        ("corp\\SVC-KFJOBS", "s3cret!", 200),
        ("svc-kfjobs@corp", "s3cret!", 200),
        ("svc-kfjobs", "s3cret!", 200),
        ("OTHER\\svc-kfjobs", "s3cret!", 401),
        ("CORP\\svc-kfjobs", "wrong", 401),
        ("CORP\\someone", "s3cret!", 401),
    ])
    func basicAuth(user: String?, password: String?, expected: Int) async throws {
        try await Harness.with(try TestFleet.fleet(extra: Self.authFleet)) { harness in
            var headers = Harness.standardHeaders
            if let user, let password { headers.append(Self.basic(user, password)) }
            let reply = try await harness.get("/Agents", headers: headers)
            #expect(reply.status == expected)
            if expected == 401 {
                #expect(reply.body.isEmpty)
                #expect(reply.headers["WWW-Authenticate"].first == "Bearer")
            }
        }
    }

    @Test func bearerTokensFromTheClientCredentialsEndpointExpireOnTheClock() async throws {
        try await Harness.with(try TestFleet.fleet(extra: Self.authFleet)) { harness in
            let form = [("Content-Type", "application/x-www-form-urlencoded")]
            let token = try await harness.send(
                .POST, "/oauth2/token", api: false, body: "grant_type=client_credentials&client_id=kfjobs-ci&client_secret=top-secret",
                headers: form)
            #expect(token.status == 200)
            #expect(token.object["token_type"] as? String == "Bearer")
            #expect(token.object["expires_in"] as? Int == 3600)
            let accessToken = token.object["access_token"] as? String ?? ""
            #expect(accessToken.count >= 32)
            let bearer = Harness.standardHeaders + [("Authorization", "Bearer \(accessToken)")]
            #expect(try await harness.get("/Agents", headers: bearer).status == 200)
            let forged = Harness.standardHeaders + [("Authorization", "Bearer not-a-token")]
            #expect(try await harness.get("/Agents", headers: forged).status == 401)
            harness.clock.advance(by: 3601)
            #expect(try await harness.get("/Agents", headers: bearer).status == 401)
        }
    }

    @Test func tokenEndpointRefusesBadClientsAndGrants() async throws {
        try await Harness.with(try TestFleet.fleet(extra: Self.authFleet)) { harness in
            let form = [("Content-Type", "application/x-www-form-urlencoded")]
            let wrongSecret = try await harness.send(
                .POST, "/oauth2/token", api: false, body: "grant_type=client_credentials&client_id=kfjobs-ci&client_secret=nope",
                headers: form)
            #expect(wrongSecret.status == 401)
            #expect(wrongSecret.object["error"] as? String == "invalid_client")
            let wrongGrant = try await harness.send(
                .POST, "/oauth2/token", api: false, body: "grant_type=password&username=a&password=b", headers: form)
            #expect(wrongGrant.status == 400)
            #expect(wrongGrant.object["error"] as? String == "unsupported_grant_type")
            // Client authentication in a Basic header, as RFC 6749 prefers.
            let viaHeader = try await harness.send(
                .POST, "/oauth2/token", api: false, body: "grant_type=client_credentials",
                headers: form + [Self.basic("kfjobs-ci", "top-secret")])
            #expect(viaHeader.status == 200)
        }
    }

    @Test func openFleetNeedsNoCredentialsAndHasNoTokenEndpointClient() async throws {
        try await Harness.with(try TestFleet.fleet()) { harness in
            #expect(try await harness.get("/Agents").status == 200)
            let token = try await harness.send(
                .POST, "/oauth2/token", api: false, body: "grant_type=client_credentials&client_id=a&client_secret=b",
                headers: [("Content-Type", "application/x-www-form-urlencoded")])
            #expect(token.status == 400)
        }
    }

    @Test func secretsNeverAppearInAnswers() async throws {
        try await Harness.with(try TestFleet.fleet(extra: Self.authFleet)) { harness in
            let headers = Harness.standardHeaders + [Self.basic("CORP\\svc-kfjobs", "s3cret!")]
            var bodies: [String] = []
            bodies.append(try await harness.get("/Agents", headers: headers).body)
            bodies.append(try await harness.get("/Agents", headers: Harness.standardHeaders + [Self.basic("x", "s3cret!")]).body)
            bodies.append(try await harness.send(.GET, "/_simulator/stats", api: false, headers: []).body)
            for body in bodies {
                #expect(!body.contains("s3cret!"))
                #expect(!body.contains("top-secret"))
            }
        }
    }
}
