import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Portability
import KeyfactorAPI

/// `kfjobs doctor`: checks a server read-only and prints one line per check; exit 0 when kfjobs
/// can work there, 3 when not. The checks live in KeyfactorAPI (`KeyfactorDoctor`); this only prints.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check a Keyfactor Command server read-only: network, TLS, proxy, auth, permissions, API dialect.",
        discussion: "Prints one line per check: ok, warning, failed or skipped, what it found and what to do. Exits 0 when kfjobs can work against the server, 3 when not. Sends only GET requests."
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "Output format: text or json (schemas/kfjobs-doctor.schema.json).")
    var output: OutputFormat = .text

    func run() async throws {
        let report: DoctorReport
        do {
            let settings = try connection.settings()
            report = await KeyfactorDoctor(settings: settings, logger: CommandLogging.logger).run()
        } catch {
            report = DoctorReport(server: connection.url.map(KeyfactorClientError.redactingUserInfo) ?? "(not given)", checks: [
                DoctorCheck("settings", .failed, "\(error)", action: "fix the setting named, then run kfjobs doctor again"),
            ])
        }
        switch output {
        case .json:
            Terminal.output(report.json + "\n")
        case .text:
            for check in report.checks { Terminal.output(Self.line(check) + "\n") }
            Terminal.output(report.canWork
                ? "kfjobs can work against \(report.server)\n"
                : "kfjobs cannot work against \(report.server): fix the failed checks above\n")
        }
        if !report.canWork { throw ExitCode(3) }
    }

    static func line(_ check: DoctorCheck) -> String {
        let status = check.status.rawValue.paddedWithSpaces(toLength: 8)
        let name = check.name.paddedWithSpaces(toLength: 12)
        return status + name + check.found + (check.action.map { "; " + $0 } ?? "")
    }
}
