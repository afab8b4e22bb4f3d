/// Every route the simulator serves, with the name its statistics use.
enum Endpoint: String, CaseIterable, Sendable {
    case agents = "GET /Agents"
    case agent = "GET /Agents/{id}"
    case jobTypes = "GET /JobTypes/Custom"
    case createJob = "POST /OrchestratorJobs/Custom"
    case createBulk = "POST /OrchestratorJobs/Custom/Bulk"
    case scheduledJobs = "GET /OrchestratorJobs/ScheduledJobs"
    case jobHistory = "GET /OrchestratorJobs/JobHistory"
    case jobStatusData = "GET /OrchestratorJobs/JobStatus/Data"
    case unschedule = "POST /OrchestratorJobs/Unschedule"
    case statusEndpoints = "GET /Status/Endpoints"
    case token = "POST /oauth2/token"
    case inspectJobs = "GET /_simulator/jobs"
    case inspectStats = "GET /_simulator/stats"

    /// Submissions change state; faults always apply to them, to reads only when asked.
    var isSubmission: Bool {
        switch self {
        case .createJob, .createBulk, .unschedule: true
        default: false
        }
    }

    var isAPI: Bool {
        switch self {
        case .token, .inspectJobs, .inspectStats: false
        default: true
        }
    }

    var method: String { String(rawValue.prefix { $0 != " " }) }

    /// Finds the route for a method and a path (already stripped of the API path for API routes).
    /// Paths compare case-insensitively, as IIS does. Returns the endpoint, or whether the path
    /// exists with another method.
    static func route(method: String, apiPath: String?, rootPath: String) -> (Endpoint?, pathKnown: Bool, id: String?) {
        let lower = (apiPath ?? rootPath).lowercased()
        var candidates: [(Endpoint, String?)] = []
        if let apiPath {
            let parts = apiPath.split(separator: "/")
            if parts.count == 2, parts[0].lowercased() == "agents" {
                candidates.append((.agent, String(parts[1])))
            }
            for endpoint in allCases where endpoint.isAPI && endpoint != .agent {
                if endpoint.path.lowercased() == lower { candidates.append((endpoint, nil)) }
            }
        } else {
            for endpoint in allCases where !endpoint.isAPI && endpoint.path.lowercased() == lower {
                candidates.append((endpoint, nil))
            }
        }
        guard !candidates.isEmpty else { return (nil, false, nil) }
        if let match = candidates.first(where: { $0.0.method == method }) { return (match.0, true, match.1) }
        return (nil, true, nil)
    }

    var path: String { String(rawValue.drop { $0 != " " }.dropFirst()) }
}
