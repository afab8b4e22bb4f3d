#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Logging
import NIOCore

/// `kfjobs doctor`'s checks of one server, read-only: the URL, the proxy, DNS and TCP, TLS, the
/// credentials, `GET /Status/Endpoints`, every endpoint kfjobs calls, the API's dialect (casing,
/// paging spelling, `x-total-count`, query fields) and the clock. It never submits or changes anything.
public struct KeyfactorDoctor: Sendable {
    public var settings: ConnectionSettings
    public var logger: Logger
    /// The local clock, against which the server's `Date` is compared.
    public var now: @Sendable () -> Date

    public init(settings: ConnectionSettings, logger: Logger = Logger(label: "kfjobs.doctor"),
                now: @escaping @Sendable () -> Date = { Date() }) {
        var settings = settings
        // One answer per question: a retried GET would only hide what the server does.
        settings.getRetries = 0
        self.settings = settings
        self.logger = logger
        self.now = now
    }

    /// Runs every check; later checks are skipped when an earlier one leaves nothing to ask.
    public func run() async -> DoctorReport {
        var checks: [DoctorCheck] = []
        let server = KeyfactorClientError.redactingUserInfo(settings.normalisedBaseURL)
        checks.append(urlCheck())
        checks += proxyChecks()
        let network = await networkChecks()
        checks += network.checks
        checks += credentialChecks()
        guard network.reachable else {
            checks.append(DoctorCheck("auth", .skipped, "not checked: the server cannot be reached"))
            return DoctorReport(server: server, checks: checks)
        }
        let client: KeyfactorClient
        do {
            client = try KeyfactorClient(settings: settings, logger: logger)
        } catch {
            checks.append(DoctorCheck("settings", .failed, "\(KeyfactorClient.classified(error))",
                                      action: "fix the setting named, then run kfjobs doctor again"))
            return DoctorReport(server: server, checks: checks)
        }
        checks += await DoctorAPIChecks(client: client, now: now).run()
        try? await client.shutdown()
        return DoctorReport(server: server, checks: checks)
    }

    func urlCheck() -> DoctorCheck {
        let shown = KeyfactorClientError.redactingUserInfo(settings.normalisedBaseURL)
        do {
            try settings.validate()
        } catch {
            return DoctorCheck("url", .failed, "\(error)", action: "give the server as --url https://HOST/KeyfactorAPI")
        }
        guard let components = URLComponents(string: settings.normalisedBaseURL), let host = components.host else {
            return DoctorCheck("url", .failed, "\(shown) is not a URL", action: "give the server as --url https://HOST/KeyfactorAPI")
        }
        let scheme = components.scheme?.lowercased() ?? "https"
        let port = components.port ?? (scheme == "https" ? 443 : 80)
        let path = components.path.isEmpty ? "/" : components.path
        let found = "\(shown): \(scheme), host \(host), port \(port), API path \(path)"
        if path == "/" {
            return DoctorCheck("url", .warning, found,
                               action: "Keyfactor serves its API under a path (/KeyfactorAPI, or /Keyfactor/API on newer installs): add it to the URL or set KEYFACTOR_API_PATH")
        }
        if scheme == "http", !ConnectionSettings.isLoopback(host) {
            return DoctorCheck("url", .warning, found, action: "use https unless this is a local test server")
        }
        return DoctorCheck("url", .ok, found)
    }

    func proxyChecks() -> [DoctorCheck] {
        var targets = [("proxy", settings.normalisedBaseURL)]
        if case .oauth(let oauth)? = settings.credentials { targets.append(("proxy", oauth.tokenURL)) }
        return targets.map { name, url in
            let shown = KeyfactorClientError.redactingUserInfo(url)
            if let proxy = settings.proxy.proxy(for: url) {
                return DoctorCheck(name, .ok, "\(shown) goes through the proxy \(proxy) (\(proxy.variable))")
            }
            if let rule = settings.proxy.bypassRule(for: url) {
                return DoctorCheck(name, .ok, "\(shown) goes direct: NO_PROXY entry \(rule) matches")
            }
            return DoctorCheck(name, .ok, "\(shown) goes direct (no HTTPS_PROXY or HTTP_PROXY for it)")
        }
    }

    func credentialChecks() -> [DoctorCheck] {
        guard let credentials = settings.credentials else {
            return [DoctorCheck("credentials", .warning, "no credentials given",
                                action: "set KEYFACTOR_USERNAME and KEYFACTOR_PASSWORD, or KEYFACTOR_AUTH_CLIENT_ID, KEYFACTOR_AUTH_CLIENT_SECRET and KEYFACTOR_AUTH_TOKEN_URL, or KEYFACTOR_AUTH_ACCESS_TOKEN")]
        }
        if let choice = settings.credentialChoice {
            return [DoctorCheck("credentials", .warning, "\(credentials.description); ignoring \(choice.ignored.joined(separator: " and "))",
                                action: "unset the ignored credentials so that no one is misled about which account kfjobs uses")]
        }
        return [DoctorCheck("credentials", .ok, credentials.description)]
    }
}
