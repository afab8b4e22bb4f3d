import Foundation
import KeyfactorAPI
import TestSupport

/// The contract fixture derived from Keyfactor's published OpenAPI document
/// (`Fixtures/keyfactor-operations.json`, made by `derive-operations.py`) and the checker that holds
/// bodies and parameter names against it with python's jsonschema (`contract-check.py`).
enum OpenAPIContract {
    static let directory = PythonEnvironment.packageRoot.appendingPathComponent("Tests/ContractTests")
    static let fixture = directory.appendingPathComponent("Fixtures/keyfactor-operations.json")

    /// One thing to check: a request body, a response body, or the parameter names of a call.
    enum Check {
        case request(operation: String, body: Any)
        case response(operation: String, status: Int, body: Any, casing: String)
        case parameters(operation: String, names: [String])

        var json: [String: Any] {
            switch self {
            case let .request(operation, body): ["operation": operation, "request": body]
            case let .response(operation, status, body, casing): ["operation": operation, "response": body, "status": status, "casing": casing]
            case let .parameters(operation, names): ["operation": operation, "parameters": names]
            }
        }
    }

    /// The checker's answers, one per check: a list of problems for a body (empty when it conforms),
    /// a map from name to "exact", "pq-prefix" or "undocumented" for parameters.
    static func check(_ checks: [Check]) throws -> [Any] {
        let input = String(decoding: try JSONSerialization.data(withJSONObject: checks.map(\.json)), as: UTF8.self)
        let output = try PythonCheck.run(file: directory.appendingPathComponent("contract-check.py").path, arguments: [fixture.path], input: input)
        guard let answers = try? JSONSerialization.jsonObject(with: Data(output.utf8)) as? [Any], answers.count == checks.count else {
            throw CheckerFailed(output: output)
        }
        return answers
    }

    struct CheckerFailed: Error, CustomStringConvertible {
        var output: String
        var description: String { "contract-check.py gave no answers: \(output)" }
    }

    /// The operation a request is for, in the fixture's terms (`get /Agents/{id}`), from its URL.
    static func operation(of request: TransportRequest, base: String) -> String {
        let path = String(request.url.dropFirst(base.count).prefix { $0 != "?" })
        let templated = path.hasPrefix("/Agents/") ? "/Agents/{id}" : path
        return "\(request.method.rawValue.lowercased()) \(templated)"
    }

    /// The query parameter names of a request's URL.
    static func queryNames(_ request: TransportRequest) -> [String] {
        (URLComponents(string: request.url)?.queryItems ?? []).map(\.name)
    }
}
