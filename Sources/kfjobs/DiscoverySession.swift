import ArgumentParser
import Foundation
import Diagnostics
import KFJobs
import KFJobsManifest
import YAMLTree

/// What `agents`, `job-types` and `init` share: a read-only session (the embedded simulator's state
/// is not needed to list orchestrators or job types), and the server's refusal of a query as a
/// located diagnostic under the query the user typed.
enum DiscoverySession {
    /// Runs `body` with a session on the server `options` name, closing it on every path; a server
    /// that cannot be used is exit 3.
    static func with<T>(_ options: ServerOptions, _ body: (ServerSession) async throws -> T) async throws -> T {
        let session = try await ServerSession.open(options) { source in
            DiagnosticPrinter(sources: [source], environment: ProcessInfo.processInfo.environment)
        }
        do {
            let result = try await body(session)
            await session.close()
            return result
        } catch let failure as CommandFailure {
            await session.close()
            throw failure
        } catch let exit as ExitCode {
            await session.close()
            throw exit
        } catch {
            await session.close()
            throw PlanningRun.serverFailure(error)
        }
    }

    /// The name a query typed on the command line goes by in diagnostics.
    static let queryName = "--query"

    /// The server refused a query: its message, under the query with a caret at the position the
    /// message names (when it is the query the user typed); exit 1, as a manifest's bad query is.
    static func report(_ rejection: AgentDiscovery.Rejection, typed: String?) -> ExitCode {
        let message = "the server rejected this query: \(rejection.message); fix the query"
        if let typed, typed == rejection.query {
            let location = SourceLocation(file: queryName, line: 1, column: rejection.position ?? 1)
            DiagnosticPrinter(sources: [YAMLSource(name: queryName, bytes: Array(typed.utf8))], environment: ProcessInfo.processInfo.environment)
                .print([.error(message, at: location)])
        } else {
            Terminal.error("error: " + message + " (query: \(rejection.query))")
        }
        return ExitCode(1)
    }
}
