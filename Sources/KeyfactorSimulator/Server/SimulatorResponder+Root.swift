import KeyfactorWire
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Portability
import HTTPTypes
import Hummingbird

extension SimulatorResponder {
    /// The token endpoint and the inspection endpoints, outside the API path.
    func handleRoot(_ endpoint: Endpoint, request: Request, body: [UInt8]) -> APIResponse {
        switch endpoint {
        case .token:
            return token(request: request, body: body)
        case .inspectJobs:
            return .json(.array(store.allJobs().map(\.inspectionJSON)), casing: .pascal)
        case .inspectStats:
            let jobs = store.allJobs()
            let counts = store.requestStats()
            let requests = JSONOutput.object(
                counts.keys.sorted().map { endpoint in
                    let byOutcome = counts[endpoint] ?? [:]
                    return (endpoint, .object(byOutcome.keys.sorted().map { ($0, .int(Int64(byOutcome[$0] ?? 0))) }))
                })
            let byState = JSONOutput.object(
                JobRecord.State.allStates.map { state in (state.rawValue, .int(Int64(jobs.filter { $0.state == state }.count))) })
            return .json(
                .object([("Requests", requests), ("JobsCreated", .int(Int64(jobs.count))), ("Jobs", byState)]),
                casing: .pascal)
        default:
            return .empty(404)
        }
    }

    /// `POST /oauth2/token` with the client credentials grant, client authentication in the form or
    /// in a Basic header.
    private func token(request: Request, body: [UInt8]) -> APIResponse {
        let form = QueryParameters(String(decoding: body, as: UTF8.self))
        guard let client = store.fleet.auth.oauth else {
            return Self.oauthError("unauthorized_client", status: 400)
        }
        guard form["grant_type"] == "client_credentials" else {
            return Self.oauthError("unsupported_grant_type", status: 400)
        }
        var clientId = form["client_id"]
        var clientSecret = form["client_secret"]
        if clientId == nil, let (user, password) = Self.basicCredentials(request) {
            clientId = QueryParameters.decode(user[...])
            clientSecret = QueryParameters.decode(password[...])
        }
        guard clientId == client.clientId, clientSecret == client.clientSecret else {
            return Self.oauthError("invalid_client", status: 401)
        }
        let token = store.issueToken(lifetime: client.tokenLifetime)
        return .json(
            .object([
                ("access_token", .string(token)), ("token_type", .string("Bearer")),
                ("expires_in", .int(Int64(client.tokenLifetime))),
            ]), casing: .pascal, headers: [("Cache-Control", "no-store")])
    }

    private static func oauthError(_ code: String, status: Int) -> APIResponse {
        .json(.object([("error", .string(code))]), casing: .pascal, status: status)
    }

    /// nil when the request may pass; else the 401 to answer (an empty body, as IIS often sends).
    func authenticate(_ request: Request) -> APIResponse? {
        let auth = store.fleet.auth
        if auth.isOpen { return nil }
        let header = request.headers[.authorization] ?? ""
        if let user = auth.basic, let (name, password) = Self.basicCredentials(request) {
            var username = name
            var domain: String?
            if let slash = name.firstIndex(of: "\\") {
                domain = String(name[..<slash])
                username = String(name[name.index(after: slash)...])
            } else if let at = name.firstIndex(of: "@") {
                username = String(name[..<at])
                domain = String(name[name.index(after: at)...])
            }
            let domainMatches = domain == nil || user.domain == nil || domain?.lowercased() == user.domain?.lowercased()
            if username.lowercased() == user.username.lowercased(), password == user.password, domainMatches {
                return nil
            }
        }
        if auth.oauth != nil, header.lowercased().hasPrefix("bearer ") {
            let token = String(header.dropFirst(7)).trimmingWhitespace()
            if store.isValid(token: token) { return nil }
        }
        let challenge = auth.oauth != nil ? "Bearer" : "Basic realm=\"Keyfactor\""
        return .empty(401, headers: [("WWW-Authenticate", challenge)])
    }

    static func basicCredentials(_ request: Request) -> (String, String)? {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("basic "),
            let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingWhitespace()),
            let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":")
        else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }
}

extension JobRecord.State {
    static let allStates: [JobRecord.State] = [.scheduled, .completed, .unscheduled]
}
