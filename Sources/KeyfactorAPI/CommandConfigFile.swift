#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KeyfactorWire

/// One server profile of `command_config.json`, the file Keyfactor's kfutil writes:
/// `{"servers": {"<profile>": {"host", "username", "password", ...}}}`, also read when written as
/// YAML (as Keyfactor's auth client reads it).
public struct CommandConfigProfile: Sendable, Hashable {
    /// How the profile asks to authenticate (`auth_type`).
    public enum AuthType: String, Sendable, Hashable {
        case basic, oauth, kerberos
    }

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
    /// `ca_cert_path` (or the older `ca_cert`): a PEM file's path or the PEM itself.
    public var caCertificatePath: String?
    public var skipVerify: Bool?
    public var authType: AuthType?
    /// `profile NAME in PATH`, for messages.
    public var origin = "the profile"

    public init() {}

    /// Reads profile `name` from the file's bytes (JSON, else YAML); nil when the file has no such profile.
    public static func read(profile name: String, from data: Data, path: String) throws(KeyfactorClientError) -> Self? {
        let document = try CommandConfigDocument.parse(data, path: path)
        guard let servers = document.root["servers"]?.object else {
            throw .configuration("\(path) has no \"servers\" object")
        }
        guard let entry = servers[name] else { return nil }
        guard let fields = entry.object else {
            throw .configuration("profile \(name) in \(path) is not an object")
        }
        var profile = Self()
        profile.origin = "profile \(name) in \(path)"
        func key(_ key: String) -> String { document.place(key, profile: name) }
        profile.host = text(fields["host"])
        profile.port = try port(fields["port"], key: key("port"))
        profile.apiPath = text(fields["api_path"])
        profile.username = text(fields["username"])
        profile.password = text(fields["password"])
        profile.domain = text(fields["domain"])
        profile.clientId = text(fields["client_id"])
        profile.clientSecret = text(fields["client_secret"])
        profile.tokenURL = text(fields["token_url"])
        profile.audience = text(fields["audience"])
        profile.accessToken = text(fields["access_token"])
        profile.caCertificatePath = text(fields["ca_cert_path"]) ?? text(fields["ca_cert"])
        if let value = fields["scopes"] {
            if let list = value.array {
                profile.scopes = try list.map { item throws(KeyfactorClientError) in
                    guard let scope = text(item) else {
                        throw .configuration("\(key("scopes")) must be a list of scope names")
                    }
                    return scope
                }
            } else if let joined = value.string {
                // The older comma-separated form.
                profile.scopes = splitList(joined)
            } else if !value.isNull {
                throw .configuration("\(key("scopes")) must be a list of scope names, like [\"api\"]")
            }
        }
        for flagKey in ["skip_tls_verify", "skip_verify"] {
            guard let flag = fields[flagKey], !flag.isNull else { continue }
            guard let value = bool(flag) else {
                throw .configuration("\(key(flagKey)) must be true or false")
            }
            profile.skipVerify = value
            break
        }
        if let text = text(fields["auth_type"]) {
            guard let type = AuthType(rawValue: text.lowercased()) else {
                throw .configuration("\(key("auth_type")) must be basic, oauth or kerberos, not \(text)")
            }
            profile.authType = type
        }
        // kfutil nests OAuth settings under auth_provider.parameters in some versions.
        if let provider = fields["auth_provider"]?.object,
           let parameters = provider["parameters"]?.object {
            profile.clientId = profile.clientId ?? text(parameters["client_id"])
            profile.clientSecret = profile.clientSecret ?? text(parameters["client_secret"])
            profile.tokenURL = profile.tokenURL ?? text(parameters["token_url"])
        }
        return profile
    }

    private static func port(_ value: JSONValue?, key: String) throws(KeyfactorClientError) -> String? {
        guard let value, !value.isNull else { return nil }
        if let text = text(value), let number = Int(text), (1...65_535).contains(number) { return String(number) }
        throw .configuration("\(key) must be a port number (1 to 65535), not \(text(value) ?? kind(value))")
    }

    /// What a value that is not a port is, in the message's words.
    private static func kind(_ value: JSONValue) -> String {
        switch value {
        case .array: "a list"
        case .object: "an object"
        case .string: "a string"
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        }
    }

    private static func bool(_ value: JSONValue) -> Bool? {
        value.numberIsNonZero ?? value.string.flatMap(parseBool)
    }

    static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let string): string.isEmpty ? nil : string
        case let value?: value.numberText
        case nil: nil
        }
    }

    static func splitList(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init).filter { !$0.isEmpty }
    }

    static func parseBool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "1", "true", "yes", "y", "t", "on": return true
        case "0", "false", "no", "n", "f", "off", "": return false
        default: return nil
        }
    }
}
