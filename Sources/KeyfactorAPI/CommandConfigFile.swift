import Foundation

/// One server profile of `command_config.json`, the file Keyfactor's kfutil writes:
/// `{"servers": {"<profile>": {"host", "username", "password", ...}}}`.
public struct CommandConfigProfile: Sendable, Hashable {
    public var host: String?
    public var port: String?
    public var apiPath: String?
    public var username: String?
    public var password: String?
    public var domain: String?
    public var clientId: String?
    public var clientSecret: String?
    public var tokenURL: String?
    public var scopes: [String]?
    public var audience: String?
    public var accessToken: String?
    public var caCertificatePath: String?
    public var skipVerify: Bool?

    public init() {}

    /// Reads profile `name` from the file's bytes; nil when the file has no such profile.
    public static func read(profile name: String, from data: Data, path: String) throws(KeyfactorClientError) -> Self? {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw .configuration("\(path) is not valid JSON")
        }
        guard let object = root as? [String: Any], let servers = object["servers"] as? [String: Any] else {
            throw .configuration("\(path) has no \"servers\" object")
        }
        guard let entry = servers[name] else { return nil }
        guard let fields = entry as? [String: Any] else {
            throw .configuration("profile \(name) in \(path) is not an object")
        }
        var profile = Self()
        profile.host = text(fields["host"])
        profile.port = text(fields["port"])
        profile.apiPath = text(fields["api_path"])
        profile.username = text(fields["username"])
        profile.password = text(fields["password"])
        profile.domain = text(fields["domain"])
        profile.clientId = text(fields["client_id"])
        profile.clientSecret = text(fields["client_secret"])
        profile.tokenURL = text(fields["token_url"])
        profile.audience = text(fields["audience"])
        profile.accessToken = text(fields["access_token"])
        profile.caCertificatePath = text(fields["ca_cert"])
        if let list = fields["scopes"] as? [Any] {
            profile.scopes = list.compactMap(text)
        } else if let joined = text(fields["scopes"]) {
            profile.scopes = splitList(joined)
        }
        if let flag = fields["skip_tls_verify"] ?? fields["skip_verify"] {
            profile.skipVerify = (flag as? Bool) ?? text(flag).flatMap(parseBool)
        }
        // kfutil nests OAuth settings under auth_provider.parameters in some versions.
        if let provider = fields["auth_provider"] as? [String: Any],
           let parameters = provider["parameters"] as? [String: Any] {
            profile.clientId = profile.clientId ?? text(parameters["client_id"])
            profile.clientSecret = profile.clientSecret ?? text(parameters["client_secret"])
            profile.tokenURL = profile.tokenURL ?? text(parameters["token_url"])
        }
        return profile
    }

    private static func text(_ value: Any?) -> String? {
        switch value {
        case let string as String: return string.isEmpty ? nil : string
        case let number as NSNumber: return number.stringValue
        default: return nil
        }
    }

    static func splitList(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init).filter { !$0.isEmpty }
    }

    static func parseBool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off", "": return false
        default: return nil
        }
    }
}
