import AsyncHTTPClient
import Foundation
import NIOCore

extension SimulatorHarness {
    /// Unschedules jobs behind kfjobs's back, as a person in the portal (or a restored database)
    /// would: `POST /OrchestratorJobs/Unschedule` on the API itself, not through kfjobs.
    public func unscheduleOnServer(jobIds: [String]) async throws {
        var request = HTTPClientRequest(url: simulator.baseURL + "/OrchestratorJobs/Unschedule")
        request.method = .POST
        request.headers.add(name: "x-keyfactor-requested-with", value: "APIClient")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: Array(try JSONSerialization.data(withJSONObject: ["JobIds": jobIds]))))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        _ = try await response.body.collect(upTo: 1 << 20)
        guard response.status.code == 204 else {
            throw HarnessError(message: "POST /OrchestratorJobs/Unschedule answered \(response.status.code)")
        }
    }
}
