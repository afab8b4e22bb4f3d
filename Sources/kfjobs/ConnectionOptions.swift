import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KFJobs
import KeyfactorAPI

/// The connection options of every command that talks to Keyfactor Command (`@OptionGroup`).
struct ConnectionOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The server's base URL with the API path, e.g. https://kf.example.com/KeyfactorAPI.",
        discussion: "Else built from KEYFACTOR_HOSTNAME, KEYFACTOR_PORT and KEYFACTOR_API_PATH, or the profile."))
    var url: String?

    @Option(help: "A server profile of command_config.json (default: KEYFACTOR_AUTH_CONFIG_PROFILE, else default).")
    var profile: String?

    @Option(name: .customLong("ca-cert"), help: ArgumentHelp(
        "CA certificates to trust besides the system's: a PEM file, or the PEM text itself.", valueName: "file-or-pem"))
    var caCert: String?

    @Flag(help: "Do not verify the server's TLS certificate (a warning is printed).")
    var insecure = false

    @Flag(name: .customLong("allow-insecure-http"), help: "Allow credentials over plain http to a non-loopback host.")
    var allowInsecureHTTP = false

    @Option(help: ArgumentHelp("Seconds each request may take (default: KEYFACTOR_CLIENT_TIMEOUT, else 60).",
                               valueName: "seconds"))
    var timeout: Double?

    func validate() throws {
        if let timeout, !(timeout > 0) {
            throw ValidationError("--timeout must be a number of seconds above 0")
        }
    }

    /// The flags as the library takes them.
    var flags: ConnectionFlags {
        ConnectionFlags(
            url: url, profile: profile, caCertificatePath: caCert, insecure: insecure,
            allowInsecureHTTP: allowInsecureHTTP, timeout: timeout)
    }

    /// The settings from these flags, then the process's environment, then the profile file.
    func settings(environment: [String: String] = ProcessEnvironment.current) throws -> ConnectionSettings {
        try ConnectionSettings.resolve(flags: flags, environment: environment, userAgentVersion: BuildVersion.full)
    }

    /// Warnings a command prints on stderr before connecting.
    static func warnings(for settings: ConnectionSettings) -> [String] {
        var warnings: [String] = []
        if let choice = settings.credentialChoice { warnings.append(choice.notice) }
        if settings.insecure {
            warnings.append("warning: TLS certificate verification is off; the server's identity is not checked")
        }
        if settings.allowInsecureHTTP, settings.baseURL.lowercased().hasPrefix("http://"), settings.credentials != nil {
            warnings.append("warning: credentials are sent over plain http")
        }
        return warnings
    }
}
