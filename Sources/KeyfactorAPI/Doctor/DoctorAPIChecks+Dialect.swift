#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KeyfactorWire

extension DoctorAPIChecks {
    /// The JSON casing, which paging spelling the server binds, and `x-total-count`, read from
    /// `GET /Agents` answers.
    func dialectChecks(agents: KeyfactorClient.Answer?) async -> [DoctorCheck] {
        guard let agents else {
            return ["casing", "paging", "total-count"].map { DoctorCheck($0, .skipped, "not checked: GET /Agents is not readable") }
        }
        var checks: [DoctorCheck] = []
        // Rows only when every one is an object, as `as? [[String: Any]]` of JSONSerialization's was.
        let items = JSONValue.parse(agents.body)?.array ?? []
        let objects = items.compactMap(\.object)
        let rows = objects.count == items.count ? objects : []
        if let keys = rows.first?.keys, let key = keys.sorted().first(where: { $0.lowercased() == "agentid" }) ?? keys.sorted().first {
            let casing = key.first?.isUppercase == true ? "PascalCase" : "camelCase"
            checks.append(DoctorCheck("casing", .ok, "JSON keys in \(casing) (\(key)); kfjobs reads either"))
        } else {
            checks.append(DoctorCheck("casing", .skipped, "no orchestrator to read the casing from; kfjobs reads either"))
        }

        if rows.count < 2 {
            checks.append(DoctorCheck("paging", .skipped, "fewer than 2 orchestrators: which paging spelling the server honours cannot be told"))
        } else {
            let plain = await count("/Agents", [("ReturnLimit", "1")])
            let prefixed = await count("/Agents", [("pq.returnLimit", "1")])
            switch (plain == 1, prefixed == 1) {
            case (true, true):
                checks.append(DoctorCheck("paging", .ok, "the server honours ReturnLimit and pq.returnLimit; kfjobs sends ReturnLimit"))
            case (true, false):
                checks.append(DoctorCheck("paging", .ok, "the server honours ReturnLimit (not pq.returnLimit); kfjobs sends ReturnLimit"))
            case (false, true):
                checks.append(DoctorCheck("paging", .failed, "the server ignores ReturnLimit and honours only pq.returnLimit (a v10-era dialect): kfjobs would read only the first page of each list",
                                          action: "kfjobs cannot page this server yet: upgrade Keyfactor Command, or report the server version to kfjobs' maintainers"))
            case (false, false):
                checks.append(DoctorCheck("paging", .failed, "the server honours neither ReturnLimit nor pq.returnLimit (asked for 1, got \(plain.map(String.init) ?? "an error") and \(prefixed.map(String.init) ?? "an error"))",
                                          action: "check that the URL points at the Keyfactor Command API"))
            }
        }

        if let total = agents.headers.first(name: "x-total-count") {
            checks.append(DoctorCheck("total-count", .ok, "lists carry x-total-count (\(total) orchestrators)"))
        } else {
            checks.append(DoctorCheck("total-count", .warning, "lists carry no x-total-count header",
                                      action: "nothing to fix: kfjobs pages until a short page, so it still reads every row"))
        }
        return checks
    }

    private func count(_ path: String, _ query: [(String, String)]) async -> Int? {
        guard let answer = try? await client.exchange(.GET, path, query: query),
              let rows = JSONValue.parse(answer.body)?.array
        else { return nil }
        return rows.count
    }

    /// The query fields `kfjobs status` and reconciliation filter on: each list must accept them.
    func queryChecks() async -> [DoctorCheck] {
        let none = "00000000-0000-0000-0000-000000000000"
        let lists: [(path: String, fields: [(String, String)], uses: String)] = [
            ("/OrchestratorJobs/ScheduledJobs", [("Id", #"Id -eq "\#(none)""#), ("JobType", #"JobType -eq "FetchLogs""#)],
             "status and unschedule find scheduled jobs by Id; plan and reconciliation by JobType"),
            ("/OrchestratorJobs/JobHistory", [("JobId", #"JobId -eq "\#(none)""#), ("AgentId", #"AgentId -eq "\#(none)""#),
                                              ("JobType", #"JobType -eq "FetchLogs""#)],
             "status reads runs by JobId; reconciliation by AgentId and JobType"),
        ]
        var checks: [DoctorCheck] = []
        for list in lists {
            var accepted: [String] = []
            var failure: (String, KeyfactorClientError)?
            for (field, query) in list.fields {
                do {
                    _ = try await client.exchange(.GET, list.path, query: [("QueryString", query), ("ReturnLimit", "1")])
                    accepted.append(field)
                } catch {
                    failure = (field, KeyfactorClient.classified(error))
                    break
                }
            }
            if case let (field, error)? = failure {
                let cause = error.kind == .permission ? "not readable" : "rejects a query on \(field)"
                checks.append(DoctorCheck("query", .failed, "GET \(list.path) \(cause): \(error)",
                                          action: "\(list.uses), so they cannot work against this server: check its Keyfactor Command version"))
            } else {
                checks.append(DoctorCheck("query", .ok, "GET \(list.path) accepts queries on \(accepted.joined(separator: ", "))"))
            }
        }
        return checks
    }

    /// The server's `Date` against this machine's clock.
    func clockCheck(_ answer: KeyfactorClient.Answer) -> DoctorCheck {
        guard let date = answer.serverDate else {
            return DoctorCheck("clock", .skipped, "the server sent no Date header")
        }
        let skew = date.timeIntervalSince(now())
        let seconds = Int(skew.rounded())
        let side = seconds >= 0 ? "ahead of" : "behind"
        let found = "the server's clock is \(abs(seconds)) s \(side) this machine's"
        switch abs(skew) {
        case ..<30:
            return DoctorCheck("clock", .ok, found)
        case ..<300:
            return DoctorCheck("clock", .warning, found, action: "sync this machine's or the server's clock (NTP): schedules are sent in UTC as this machine reads it")
        default:
            return DoctorCheck("clock", .failed, found,
                               action: "sync this machine's or the server's clock (NTP): jobs would run at other times than planned, and OAuth tokens may be refused")
        }
    }
}
