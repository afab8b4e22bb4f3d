#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Portability
import KeyfactorWire

extension ConnectionSettings {
    /// Reads a file's bytes, or nil when it does not exist.
    public typealias FileReader = @Sendable (String) throws -> Data?

    /// Reads from the file system.
    public static let fileSystemReader: FileReader = { path in
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// Builds the settings from the command line's flags, then the environment, then the
    /// `command_config` profile, each setting taken from the first that has it. Of the credential
    /// sets found, a ready access token wins over OAuth client credentials, which win over Basic
    /// (as Keyfactor's auth client decides); `credentialChoice` says so when several were given.
    ///
    /// Pure: the environment is a value and files are read through `readFile`.
    public static func resolve(
        flags: ConnectionFlags, environment: [String: String], userAgentVersion: String,
        readFile: FileReader = fileSystemReader
    ) throws(KeyfactorClientError) -> ConnectionSettings {
        let env = environment.filter { !$0.value.isEmpty }
        let profile = try loadProfile(flags: flags, environment: env, readFile: readFile) ?? CommandConfigProfile()

        let baseURL = try resolveURL(flags: flags, environment: env, profile: profile)
        var settings = ConnectionSettings(baseURL: baseURL, userAgentVersion: userAgentVersion)
        let choice = try CredentialSets(environment: env, profile: profile).choose()
        settings.credentials = choice.credentials
        settings.credentialChoice = choice.notice
        settings.caCertificatePath = flags.caCertificatePath ?? env[KeyfactorEnvironment.caCert] ?? profile.caCertificatePath
        settings.authCACertificate = env[KeyfactorEnvironment.authCACert]
        if flags.insecure {
            settings.insecure = true
        } else if let text = env[KeyfactorEnvironment.skipVerify] {
            settings.insecure = try parseFlag(text, KeyfactorEnvironment.skipVerify)
        } else {
            settings.insecure = profile.skipVerify ?? false
        }
        settings.allowInsecureHTTP = flags.allowInsecureHTTP
        if let timeout = flags.timeout {
            settings.timeout = timeout
        } else if let text = env[KeyfactorEnvironment.clientTimeout] {
            settings.timeout = try parseSeconds(text, KeyfactorEnvironment.clientTimeout)
        }
        settings.proxy = try ProxySettings.resolve(environment: env)
        try settings.validate()
        return settings
    }

    private static func loadProfile(
        flags: ConnectionFlags, environment env: [String: String], readFile: FileReader
    ) throws(KeyfactorClientError) -> CommandConfigProfile? {
        let explicitName = flags.profile ?? env[KeyfactorEnvironment.configProfile]
        let name = explicitName ?? "default"
        let explicitPath = env[KeyfactorEnvironment.configFile]
        guard let path = explicitPath ?? env["HOME"].map({ $0 + "/.keyfactor/command_config.json" }) else {
            if let explicitName {
                throw .configuration("profile \(explicitName) was asked for but there is no config file: "
                    + "set \(KeyfactorEnvironment.configFile) or HOME")
            }
            return nil
        }
        let data: Data?
        do {
            data = try readFile(path)
        } catch {
            throw .configuration("cannot read \(path): \(ErrorReason.of(error))")
        }
        guard let data else {
            // Only a file someone asked for must exist; the default location is optional.
            if explicitPath != nil || explicitName != nil {
                throw .configuration("the config file \(path) does not exist")
            }
            return nil
        }
        guard let profile = try CommandConfigProfile.read(profile: name, from: data, path: path) else {
            if explicitName != nil { throw .configuration("profile \(name) is not in \(path)") }
            return nil
        }
        return profile
    }

    private static func resolveURL(
        flags: ConnectionFlags, environment env: [String: String], profile: CommandConfigProfile
    ) throws(KeyfactorClientError) -> String {
        if let url = flags.url { return url }
        guard var host = env[KeyfactorEnvironment.hostname] ?? profile.host else {
            throw .configuration("no server given: pass --url, set \(KeyfactorEnvironment.hostname), "
                + "or name a command_config.json profile with --profile")
        }
        var scheme = "https"
        if let range = host.firstLiteralRange(of: "://") {
            scheme = host[..<range.lowerBound].lowercased()
            host = String(host[range.upperBound...])
        }
        while host.hasSuffix("/") { host.removeLast() }
        // The profile's port was checked when it was read.
        let port = env[KeyfactorEnvironment.port] ?? profile.port
        if let port {
            guard let number = Int(port), (1...65_535).contains(number) else {
                throw .configuration("\(KeyfactorEnvironment.port) must be a port number (1 to 65535), not \(port)")
            }
            let isDefault = (scheme == "https" && number == 443) || (scheme == "http" && number == 80)
            // A host that already names its port keeps it.
            if !isDefault, !host.contains(":") { host += ":\(number)" }
        }
        let apiPath = (env[KeyfactorEnvironment.apiPath] ?? profile.apiPath ?? "KeyfactorAPI")
            .trimmingScalars(in: "/")
        return apiPath.isEmpty ? "\(scheme)://\(host)" : "\(scheme)://\(host)/\(apiPath)"
    }

    private static func parseFlag(_ text: String, _ name: String) throws(KeyfactorClientError) -> Bool {
        guard let value = CommandConfigProfile.parseBool(text) else {
            throw .configuration("\(name) must be true or false, not \(text)")
        }
        return value
    }

    private static func parseSeconds(_ text: String, _ name: String) throws(KeyfactorClientError) -> TimeInterval {
        // Keyfactor's auth client takes whole seconds (`60`); Go's duration form (`60s`) is common too.
        let trimmed = text.trimmingWhitespace()
        let number = trimmed.hasSuffix("s") ? String(trimmed.dropLast()) : trimmed
        guard let seconds = TimeInterval(number), seconds > 0, seconds.isFinite else {
            throw .configuration("\(name) must be a number of seconds, like 60 or 60s, not \(text)")
        }
        return seconds
    }
}
