/// A Keyfactor-style rejection: an HTTP status and the `{"ErrorCode", "Message"}` body.
///
/// Which code Keyfactor gives each failure is unconfirmed (API.md); these codes are the simulator's own
/// choice, distinct per check so that tests can tell them apart.
struct SimulatorError: Error, Hashable, Sendable {
    var status: Int
    var code: String
    var message: String

    static func badRequest(_ message: String) -> SimulatorError {
        SimulatorError(status: 400, code: "0xA0110001", message: message)
    }
    static let missingRequestedWith = SimulatorError(
        status: 400, code: "0xA0110003",
        message: "the x-keyfactor-requested-with header is missing")
    static func badSchedule(_ message: String) -> SimulatorError {
        SimulatorError(status: 400, code: "0xA0110004", message: "invalid schedule: \(message)")
    }
    static func unknownAgent(_ id: String) -> SimulatorError {
        SimulatorError(status: 400, code: "0xA0120001", message: "orchestrator \(id) does not exist")
    }
    static func agentNotApproved(_ id: String, status: Int) -> SimulatorError {
        SimulatorError(
            status: 400, code: "0xA0120002",
            message: "orchestrator \(id) is not approved (status \(status)) and cannot run jobs")
    }
    static func missingCapability(_ id: String, _ capability: String, _ jobType: String) -> SimulatorError {
        SimulatorError(
            status: 400, code: "0xA0120003",
            message: "orchestrator \(id) lacks the \(capability) capability that \(jobType) needs")
    }
    static func unknownJobType(_ name: String) -> SimulatorError {
        SimulatorError(status: 400, code: "0xA0130001", message: "job type \(name) does not exist")
    }
    static func unknownField(_ name: String, _ jobType: String) -> SimulatorError {
        SimulatorError(status: 400, code: "0xA0130002", message: "job type \(jobType) has no field \(name)")
    }
    static func badFieldValue(_ name: String, _ value: String, _ type: String) -> SimulatorError {
        SimulatorError(
            status: 400, code: "0xA0130003", message: "the value \"\(value)\" of field \(name) is not a valid \(type)")
    }
    static func missingField(_ name: String, _ jobType: String) -> SimulatorError {
        SimulatorError(
            status: 400, code: "0xA0130004",
            message: "field \(name) of job type \(jobType) is required and has no default value")
    }
    static func badQuery(_ error: QueryError) -> SimulatorError {
        SimulatorError(status: 400, code: "0xA0110005", message: error.description)
    }
    /// A fleet's `forbidden` endpoint: the caller lacks the permission.
    static func forbidden(_ endpoint: Endpoint) -> SimulatorError {
        SimulatorError(
            status: 403, code: "0xA0110011",
            message: "the user does not have the permission required for \(endpoint.rawValue)")
    }
    static func rejectedQueryField(_ field: String, _ endpoint: Endpoint) -> SimulatorError {
        SimulatorError(
            status: 400, code: "0xA0110005",
            message: "the query field \(field) is not supported by \(endpoint.rawValue)")
    }
    static func notFound(_ message: String) -> SimulatorError {
        SimulatorError(status: 404, code: "0xA0110006", message: message)
    }

    var json: JSONOutput {
        .object([("ErrorCode", .string(code)), ("Message", .string(message))])
    }
}
