import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Diagnostics
import KFJobs
import KFJobsManifest
import YAMLTree

/// What `agents`, `job-types` and `init` share: the server's refusal of a query as a located
/// diagnostic under the query the user typed. (Their session is read-only: `ServerSession.with`
/// without a sandbox, since listing orchestrators or job types needs no saved simulator state.)
enum DiscoverySession {
    /// The name a query typed on the command line goes by in diagnostics.
    static let queryName = "--query"

    /// The server refused a query: its message, under the query with a caret at the position the
    /// message names (when it is the query the user typed); exit 1, as a manifest's bad query is.
    static func report(_ rejection: AgentDiscovery.Rejection, typed: String?) -> ExitCode {
        let message = "the server rejected this query: \(rejection.message); fix the query"
        if let typed, typed == rejection.query {
            let location = SourceLocation(file: queryName, line: 1, column: rejection.position ?? 1)
            DiagnosticPrinter(sources: [YAMLSource(name: queryName, bytes: Array(typed.utf8))], environment: ProcessEnvironment.current)
                .print([.error(message, at: location)])
        } else {
            Terminal.error("error: " + message + " (query: \(rejection.query))")
        }
        return ExitCode(1)
    }
}
