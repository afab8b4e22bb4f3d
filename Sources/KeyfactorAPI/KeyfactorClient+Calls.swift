#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KeyfactorWire
import NIOCore
import NIOHTTP1

extension KeyfactorClient {
    // MARK: Reading (GETs: sent again after transient failures)

    /// Every agent the query matches (`GET /Agents`, all pages, sorted by AgentId).
    public func listAgents(query: String?, pageSize: Int? = nil) async throws(KeyfactorClientError) -> [Agent] {
        try await listAll(Agent.self, "/Agents", query: query, sortField: "AgentId", pageSize: pageSize)
    }

    /// One agent (`GET /Agents/{id}`).
    public func agent(id: String) async throws(KeyfactorClientError) -> Agent {
        let path = "/Agents/" + FormEncoding.escape(id)
        return try decode(Agent.self, try await get(path), method: .GET, path: path)
    }

    /// Every custom job type (`GET /JobTypes/Custom`, all pages).
    public func listCustomJobTypes(pageSize: Int? = nil) async throws(KeyfactorClientError) -> [CustomJobType] {
        try await listAll(CustomJobType.self, "/JobTypes/Custom", query: nil, pageSize: pageSize)
    }

    /// Jobs still waiting to run that the query matches (`GET /OrchestratorJobs/ScheduledJobs`, all pages).
    public func listScheduledJobs(query: String?, pageSize: Int? = nil) async throws(KeyfactorClientError) -> [ScheduledJob] {
        try await listAll(ScheduledJob.self, "/OrchestratorJobs/ScheduledJobs", query: query, pageSize: pageSize)
    }

    /// Runs of jobs that the query matches (`GET /OrchestratorJobs/JobHistory`, all pages),
    /// e.g. `JobID -eq "<JobId>"`.
    public func listJobHistory(query: String?, pageSize: Int? = nil) async throws(KeyfactorClientError) -> [JobHistoryEntry] {
        try await listAll(JobHistoryEntry.self, "/OrchestratorJobs/JobHistory", query: query, pageSize: pageSize)
    }

    /// The data a run left, such as Fetch Logs output (`GET /OrchestratorJobs/JobStatus/Data`).
    public func jobStatusData(jobHistoryId: Int64) async throws(KeyfactorClientError) -> JobStatusData {
        let path = "/OrchestratorJobs/JobStatus/Data"
        let answer = try await get(path, query: [("jobHistoryId", String(jobHistoryId))])
        return try decode(JobStatusData.self, answer, method: .GET, path: path)
    }

    /// Checks the connection and credentials (`GET /Status/Endpoints`) and reads the server's
    /// version from `x-keyfactor-product-version`.
    public func status() async throws(KeyfactorClientError) -> ServerStatus {
        let path = "/Status/Endpoints"
        let answer = try await get(path)
        let endpoints = try decode([String].self, answer, method: .GET, path: path)
        return ServerStatus(
            endpoints: endpoints, productVersion: answer.headers.first(name: "x-keyfactor-product-version"),
            serverDate: answer.serverDate)
    }

    // MARK: Writing (POSTs: one attempt; the submitter decides about sending again)

    /// Schedules one custom job (`POST /OrchestratorJobs/Custom`), one attempt, for callers driven by
    /// Dispatch (every job of a run): the body is written directly and only the receipt is read from
    /// the answer, on the connection's event loop. The future fails with `KeyfactorClientError`, which
    /// says whether the job may exist (`reachedServer`).
    public func submitCustomJobFuture(_ request: CustomJobRequest) -> EventLoopFuture<Submission<CustomJobReceipt>> {
        postFuture("/OrchestratorJobs/Custom", body: Data(request.jsonBody(casing: .pascal)), answer: CustomJobReceipt.self)
    }

    /// `submitCustomJobFuture` for async callers: the same body on the wire and the same answer, on
    /// the transport's async path, so that cancelling the caller's task cancels the request.
    public func submitCustomJob(_ request: CustomJobRequest) async throws(KeyfactorClientError) -> Submission<CustomJobReceipt> {
        try await post("/OrchestratorJobs/Custom", body: Data(request.jsonBody(casing: .pascal)), answer: CustomJobReceipt.self)
    }

    /// Any error as the client's: the futures fail with the client's errors only; anything else (none
    /// expected) is treated as a connection lost after sending, the cautious answer.
    public static func classified(_ error: any Error) -> KeyfactorClientError {
        error as? KeyfactorClientError ?? .connectionLost(url: "", afterSending: true)
    }

    /// Schedules the same job on many orchestrators (`POST /OrchestratorJobs/Custom/Bulk`), one attempt,
    /// for callers driven by Dispatch. The future fails with `KeyfactorClientError`.
    public func submitBulkJobFuture(_ request: BulkJobRequest) -> EventLoopFuture<Submission<BulkJobResponse>> {
        do throws(KeyfactorClientError) {
            return postFuture("/OrchestratorJobs/Custom/Bulk", body: try encodeBody(request), answer: BulkJobResponse.self)
        } catch {
            return eventLoopGroup.any().makeFailedFuture(error)
        }
    }

    /// `submitBulkJobFuture` for async callers (cancellable, as `submitCustomJob` is).
    public func submitBulkJob(_ request: BulkJobRequest) async throws(KeyfactorClientError) -> Submission<BulkJobResponse> {
        try await post("/OrchestratorJobs/Custom/Bulk", body: try encodeBody(request), answer: BulkJobResponse.self)
    }

    /// Removes scheduled jobs (`POST /OrchestratorJobs/Unschedule`, 204), one attempt.
    public func unschedule(_ request: UnscheduleRequest) async throws(KeyfactorClientError) {
        let body = try encodeBody(request)
        _ = try await exchange(.POST, "/OrchestratorJobs/Unschedule", body: body)
    }

    private func post<Response: Decodable & Sendable>(
        _ path: String, body: Data, answer: Response.Type
    ) async throws(KeyfactorClientError) -> Submission<Response> {
        let answer = try await exchange(.POST, path, body: body)
        let response = try decode(Response.self, answer, method: .POST, path: path)
        return Submission(response: response, httpStatus: answer.status, serverDate: answer.serverDate)
    }

    private func postFuture<Response: Decodable & Sendable>(
        _ path: String, body: Data, answer: Response.Type
    ) -> EventLoopFuture<Submission<Response>> {
        exchangeFuture(.POST, path, body: body).flatMapThrowing { answer in
            let response = try self.decode(Response.self, answer, method: .POST, path: path)
            return Submission(response: response, httpStatus: answer.status, serverDate: answer.serverDate)
        }
    }

    private func encodeBody<Body: Encodable>(_ body: Body) throws(KeyfactorClientError) -> Data {
        do {
            return try bodyEncoder.encode(body)
        } catch {
            throw KeyfactorClientError.configuration("cannot encode the request: \(error)")
        }
    }
}
