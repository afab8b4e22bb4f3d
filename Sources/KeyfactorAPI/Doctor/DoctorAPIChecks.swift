#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NIOHTTP1

/// The checks that talk to the API: credentials accepted, `GET /Status/Endpoints`, each endpoint
/// kfjobs calls, the dialect (casing, paging spelling, `x-total-count`), the query fields status
/// and reconciliation depend on, and the clock. Only GETs are sent.
struct DoctorAPIChecks {
    let client: KeyfactorClient
    let now: @Sendable () -> Date

    /// An endpoint kfjobs calls, the permission it needs, and whether a GET may probe it.
    struct Use {
        var method: String
        var path: String
        var permission: String
        var probe: Bool
    }

    static let read = "Agent Management read (/agents/management/read/)"
    static let modify = "Agent Management modify (/agents/management/modify/)"

    static let uses: [Use] = [
        Use(method: "GET", path: "/Agents", permission: read, probe: true),
        Use(method: "GET", path: "/JobTypes/Custom", permission: read, probe: true),
        Use(method: "GET", path: "/OrchestratorJobs/ScheduledJobs", permission: read, probe: true),
        Use(method: "GET", path: "/OrchestratorJobs/JobHistory", permission: read, probe: true),
        Use(method: "GET", path: "/OrchestratorJobs/JobStatus/Data", permission: read, probe: false),
        Use(method: "POST", path: "/OrchestratorJobs/Custom", permission: modify, probe: false),
        Use(method: "POST", path: "/OrchestratorJobs/Custom/Bulk", permission: modify, probe: false),
        Use(method: "POST", path: "/OrchestratorJobs/Unschedule", permission: modify, probe: false),
    ]

    func run() async -> [DoctorCheck] {
        var checks: [DoctorCheck] = []
        if case .oauth(let oauth)? = client.settings.credentials, let tokens = client.tokens {
            do {
                _ = try await tokens.token()
                checks.append(DoctorCheck("token", .ok, "\(oauth.tokenURL) issued a token to client \(oauth.clientId)"))
            } catch {
                checks.append(DoctorCheck("token", .failed, "\(KeyfactorClient.classified(error))",
                                          action: "check the client id, secret and token URL, and KEYFACTOR_AUTH_CA_CERT if the identity provider has a private CA"))
                checks.append(DoctorCheck("auth", .skipped, "not checked: no token"))
                return checks
            }
        }
        let status: KeyfactorClient.Answer
        do {
            status = try await client.exchange(.GET, "/Status/Endpoints")
        } catch {
            let failure = KeyfactorClient.classified(error)
            switch failure.kind {
            case .authentication:
                checks.append(DoctorCheck("auth", .failed, "\(failure)", action: "fix the credentials named, then run kfjobs doctor again"))
            case .permission:
                checks.append(DoctorCheck("auth", .ok, "the server accepted the credentials"))
                checks.append(DoctorCheck("status", .failed, "\(failure)", action: "grant the account the permission to read /Status/Endpoints"))
            default:
                checks.append(DoctorCheck("auth", .failed, "\(failure)", action: Self.action(for: failure)))
            }
            return checks
        }
        checks.append(DoctorCheck("auth", .ok, client.settings.credentials == nil
            ? "the server let kfjobs in without credentials" : "the server accepted the credentials"))
        let endpoints = (try? JSONDecoder().decode([String].self, from: status.body)) ?? []
        let version = status.headers.first(name: "x-keyfactor-product-version")
        if endpoints.isEmpty {
            checks.append(DoctorCheck("status", .warning, "GET /Status/Endpoints answered \(status.status) without a list of endpoints",
                                      action: "check that the URL points at the Keyfactor Command API"))
        } else {
            checks.append(DoctorCheck("status", .ok, "GET /Status/Endpoints lists \(endpoints.count) endpoints; product version \(version ?? "not given (no x-keyfactor-product-version)")"))
        }
        let listed = Set(endpoints.map(Self.normalised))
        var agents: KeyfactorClient.Answer?
        for use in Self.uses {
            let isListed = listed.contains(Self.normalised("\(use.method) \(use.path)"))
            let listing = endpoints.isEmpty ? "" : isListed ? "listed" : "not listed"
            guard use.probe else {
                let status: DoctorCheck.Status = endpoints.isEmpty || isListed ? .ok : .warning
                checks.append(DoctorCheck("endpoint", status, "\(use.method) \(use.path): \(listing.isEmpty ? "" : listing + "; ")not probed (doctor sends no \(use.method == "POST" ? "POST" : "query by id")); needs \(use.permission)",
                                          action: status == .ok ? nil : "the server does not list it: check the Keyfactor Command version"))
                continue
            }
            do {
                let answer = try await client.exchange(.GET, use.path, query: [("ReturnLimit", "2")])
                if use.path == "/Agents" { agents = answer }
                checks.append(DoctorCheck("endpoint", .ok, "\(use.method) \(use.path): \(listing.isEmpty ? "" : listing + ", ")readable"))
            } catch {
                let failure = KeyfactorClient.classified(error)
                let action = failure.kind == .permission
                    ? "grant the account \(use.permission)" : Self.action(for: failure)
                checks.append(DoctorCheck("endpoint", .failed, "\(use.method) \(use.path): \(failure)", action: action))
            }
        }
        checks += await dialectChecks(agents: agents)
        checks += await queryChecks()
        checks.append(clockCheck(status))
        return checks
    }

    /// `GET /KeyfactorAPI/Agents/{id}` and `get /agents/{agentId}` compare equal.
    static func normalised(_ entry: String) -> String {
        let parts = entry.split(separator: " ", maxSplits: 1)
        guard parts.count == 2 else { return entry.lowercased() }
        var segments = parts[1].lowercased().split(separator: "/").map { $0.hasPrefix("{") ? "{}" : String($0) }
        // The API path (KeyfactorAPI, Keyfactor/API) may or may not be in the entry.
        if let index = segments.firstIndex(where: { ["agents", "jobtypes", "orchestratorjobs", "status"].contains($0) }) {
            segments.removeFirst(index)
        }
        return parts[0].uppercased() + " /" + segments.joined(separator: "/")
    }

    static func action(for failure: KeyfactorClientError) -> String {
        switch failure.kind {
        case .tls: return "pass the server's CA with --ca-cert FILE"
        case .proxy: return "check HTTPS_PROXY (and NO_PROXY)"
        case .timeout: return "check the URL, or raise --timeout if the server is slow"
        case .httpStatus where failure.httpStatus == 404: return "check the API path in the URL (KEYFACTOR_API_PATH)"
        default: return "check the URL and the server"
        }
    }
}
