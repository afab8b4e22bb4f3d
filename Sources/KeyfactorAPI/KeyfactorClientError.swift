#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Portability
import KeyfactorWire

/// Every failure of the Keyfactor client: one type that can grow, a struct over a private code.
///
/// Each error answers whether the request could have taken effect on the server (`reachedServer`),
/// which the submitter relies on to decide between sending again and reconciling.
public struct KeyfactorClientError: Error, Sendable, CustomStringConvertible {
    /// Could the request have taken effect on the server?
    public enum ReachedServer: String, Sendable, Hashable {
        /// Certainly not: no connection was made, or the server answered that it did nothing
        /// (429, 503, a 4xx rejection): sending again cannot create a duplicate.
        case never
        /// Perhaps: it was sent and no usable answer came (a timeout, a connection lost after
        /// sending, 500, 502, 504).
        case maybe
    }

    /// The family of an error; a struct so that new kinds do not break anyone's `switch`.
    public struct Kind: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// Connection refused, host not found, network unreachable.
        public static let connectionFailed = Kind(rawValue: "connectionFailed")
        /// The proxy of HTTPS_PROXY or HTTP_PROXY refused, asked for credentials or was unreachable.
        public static let proxy = Kind(rawValue: "proxy")
        /// The TLS handshake failed (untrusted certificate, wrong host name, protocol mismatch).
        public static let tls = Kind(rawValue: "tls")
        /// No answer in time (connect, pool wait or read).
        public static let timeout = Kind(rawValue: "timeout")
        /// The connection closed before the answer came.
        public static let connectionLost = Kind(rawValue: "connectionLost")
        /// The server answered with an error status (other than 401 and 403).
        public static let httpStatus = Kind(rawValue: "httpStatus")
        /// 401, after one token refresh when OAuth is used, or refused client credentials.
        public static let authentication = Kind(rawValue: "authentication")
        /// 403: the credentials are valid but lack the permission.
        public static let permission = Kind(rawValue: "permission")
        /// A success status whose body is not what the API documents.
        public static let undecodableResponse = Kind(rawValue: "undecodableResponse")
        /// The settings cannot work (bad URL, unreadable CA bundle, plain http with credentials, ...).
        public static let configuration = Kind(rawValue: "configuration")
        /// The task was cancelled or the client shut down.
        public static let cancelled = Kind(rawValue: "cancelled")
    }

    private enum Code: Sendable {
        case connectionFailed(url: String, reason: String)
        case tls(url: String, reason: String)
        case proxy(proxy: String, variable: String, url: String, reason: String, hint: String)
        case timeout(url: String, phase: TimeoutPhase)
        case connectionLost(url: String, afterSending: Bool)
        case httpStatus(method: String, path: String, status: Int, body: KeyfactorErrorBody?, snippet: String?)
        case authentication(detail: String)
        case permission(method: String, path: String, body: KeyfactorErrorBody?)
        case undecodable(method: String, path: String, status: Int, reason: String, snippet: String)
        case configuration(String)
        case cancelled
    }

    /// When a timeout struck: before a connection existed, or while waiting for the answer.
    public enum TimeoutPhase: String, Sendable, Hashable {
        case connect
        case poolWait
        case read
    }

    private let storage: Code
    /// The server's `Retry-After`, in seconds, when it sent one.
    public private(set) var retryAfter: TimeInterval?
    /// The server's `Date` header, when an answer came (for clock skew).
    public private(set) var serverDate: Date?

    private init(_ code: Code, retryAfter: TimeInterval? = nil, serverDate: Date? = nil) {
        self.storage = code
        self.retryAfter = retryAfter
        self.serverDate = serverDate
    }

    // MARK: Factories
    // The URL is kept only for messages, so it is kept without any user information it carries.

    public static func connectionFailed(url: String, reason: String) -> Self {
        Self(.connectionFailed(url: redactingUserInfo(url), reason: reason))
    }

    /// `proxy` is the proxy's redacted description; `reason` and `hint` never hold its credentials.
    public static func proxy(proxy: String, variable: String, url: String, reason: String, hint: String) -> Self {
        Self(.proxy(proxy: redactingUserInfo(proxy), variable: variable, url: redactingUserInfo(url), reason: reason, hint: hint))
    }

    public static func tls(url: String, reason: String) -> Self { Self(.tls(url: redactingUserInfo(url), reason: reason)) }

    public static func timeout(url: String, phase: TimeoutPhase) -> Self { Self(.timeout(url: redactingUserInfo(url), phase: phase)) }

    /// `afterSending`: the request had been written when the connection closed.
    public static func connectionLost(url: String, afterSending: Bool) -> Self {
        Self(.connectionLost(url: redactingUserInfo(url), afterSending: afterSending))
    }

    public static func httpStatus(
        method: String, path: String, status: Int, body: KeyfactorErrorBody?, snippet: String? = nil,
        retryAfter: TimeInterval? = nil, serverDate: Date? = nil
    ) -> Self {
        Self(.httpStatus(method: method, path: path, status: status, body: body, snippet: snippet),
             retryAfter: retryAfter, serverDate: serverDate)
    }

    /// `detail` must never hold a secret; it says what was refused and what to check.
    public static func authentication(detail: String, serverDate: Date? = nil) -> Self {
        Self(.authentication(detail: detail), serverDate: serverDate)
    }

    public static func permission(method: String, path: String, body: KeyfactorErrorBody?, serverDate: Date? = nil) -> Self {
        Self(.permission(method: method, path: path, body: body), serverDate: serverDate)
    }

    public static func undecodable(method: String, path: String, status: Int, reason: String, body: Data) -> Self {
        Self(.undecodable(method: method, path: path, status: status, reason: reason, snippet: snippet(of: body)))
    }

    public static func configuration(_ message: String) -> Self { Self(.configuration(message)) }

    public static let cancelled = Self(.cancelled)

    // MARK: Answers

    public var kind: Kind {
        switch storage {
        case .connectionFailed: return .connectionFailed
        case .tls: return .tls
        case .proxy: return .proxy
        case .timeout: return .timeout
        case .connectionLost: return .connectionLost
        case .httpStatus: return .httpStatus
        case .authentication: return .authentication
        case .permission: return .permission
        case .undecodable: return .undecodableResponse
        case .configuration: return .configuration
        case .cancelled: return .cancelled
        }
    }

    public var reachedServer: ReachedServer {
        switch storage {
        case .connectionFailed, .tls, .proxy, .configuration, .authentication, .permission:
            return .never
        case .timeout(_, let phase):
            return phase == .read ? .maybe : .never
        case .connectionLost(_, let afterSending):
            return afterSending ? .maybe : .never
        case .httpStatus(_, _, let status, _, _):
            // 5xx other than 501 and 503 may come after the server acted (a gateway timing out,
            // a crash after the commit); 503 and 429 are refusals before any work.
            switch status {
            case 500, 502, 504: return .maybe
            case 505...599: return .maybe
            default: return .never
            }
        case .undecodable:
            // A 2xx whose body is unreadable: the job may well exist.
            return .maybe
        case .cancelled:
            return .maybe
        }
    }

    /// The HTTP status, when the server answered.
    public var httpStatus: Int? {
        switch storage {
        case .httpStatus(_, _, let status, _, _), .undecodable(_, _, let status, _, _): return status
        case .authentication: return 401
        case .permission: return 403
        default: return nil
        }
    }

    /// The server's `ErrorCode`, when its body had one.
    public var serverErrorCode: String? { errorBody?.errorCode }

    /// The server's `Message`, when its body had one.
    public var serverMessage: String? { errorBody?.message }

    private var errorBody: KeyfactorErrorBody? {
        switch storage {
        case .httpStatus(_, _, _, let body, _), .permission(_, _, let body): return body
        default: return nil
        }
    }

    /// True for 429 and 503 answers and for failures before any connection: waiting and
    /// sending again is safe and may succeed.
    public var isTransient: Bool {
        switch storage {
        case .connectionFailed, .timeout(_, .connect), .timeout(_, .poolWait): return true
        case .httpStatus(_, _, let status, _, _): return status == 429 || status == 503
        default: return false
        }
    }

    /// A stable code for ledgers and JSON output: `transport.timeout`, `http.400`, `auth.unauthorized`, ...
    public var code: String {
        switch storage {
        case .connectionFailed: return "transport.connection"
        case .tls: return "transport.tls"
        case .proxy: return "transport.proxy"
        case .timeout: return "transport.timeout"
        case .connectionLost: return "transport.closed"
        case .httpStatus(_, _, let status, _, _): return "http.\(status)"
        case .authentication: return "auth.unauthorized"
        case .permission: return "auth.forbidden"
        case .undecodable: return "response.undecodable"
        case .configuration: return "config.invalid"
        case .cancelled: return "cancelled"
        }
    }

    public var description: String {
        switch storage {
        case .connectionFailed(let url, let reason):
            return "cannot connect to \(url): \(reason); check the URL (--url or KEYFACTOR_HOSTNAME, KEYFACTOR_PORT) "
                + "and that the server is reachable from here"
        case .tls(let url, let reason):
            return "TLS handshake with \(url) failed: \(reason); if the server uses a private CA, pass its PEM "
                + "bundle with --ca-cert (or KEYFACTOR_CA_CERT), and check that the host name matches the certificate"
        case .proxy(let proxy, let variable, let url, let reason, let hint):
            return "cannot reach \(url) through the proxy \(proxy) (\(variable)): \(reason); \(hint)"
        case .timeout(let url, let phase):
            switch phase {
            case .connect:
                return "timed out connecting to \(url); check the URL and any firewall or proxy in between"
            case .poolWait:
                return "timed out waiting for a free connection to \(url); lower the concurrency or raise --timeout"
            case .read:
                return "timed out waiting for an answer from \(url); the request may have reached the server; "
                    + "raise --timeout if the server is slow"
            }
        case .connectionLost(let url, let afterSending):
            return afterSending
                ? "the connection to \(url) closed before an answer came; the request may have reached the server"
                : "the connection to \(url) closed before the request was sent"
        case .httpStatus(let method, let path, let status, let body, let snippet):
            var text = "\(method) \(path) failed with HTTP \(status)"
            if let reason = Self.reasonPhrase(status) { text += " (\(reason))" }
            if let body, body.errorCode != nil || body.message != nil {
                text += ": " + [body.errorCode, body.message].compactMap { $0 }.joined(separator: " ")
                for reason in (body.failedOperations ?? []).compactMap(\.reason) { text += "; " + reason }
            } else if let snippet, !snippet.isEmpty {
                text += ": " + snippet
            }
            if status == 404 { text += "; check the API path in the URL (KEYFACTOR_API_PATH, default KeyfactorAPI)" }
            return text
        case .authentication(let detail):
            return "authentication failed: \(detail)"
        case .permission(let method, let path, let body):
            var text = "permission denied for \(method) \(path) (HTTP 403)"
            if let message = body?.message { text += ": \(message)" }
            return text + "; the account needs the Keyfactor Command permission for this operation "
                + "(scheduling jobs needs /agents/management/modify/)"
        case .undecodable(let method, let path, let status, let reason, let snippet):
            return "\(method) \(path) answered HTTP \(status) with a body kfjobs cannot read (\(reason)): \(snippet); "
                + "check that the URL points at the Keyfactor Command API"
        case .configuration(let message):
            return message
        case .cancelled:
            return "the request was cancelled"
        }
    }

    static func snippet(of body: Data) -> String {
        let text = String(decoding: body.prefix(200), as: UTF8.self)
            .replacingLiteral("\r", with: " ")
            .replacingLiteral("\n", with: " ")
            .trimmingWhitespace()
        if text.isEmpty { return "(empty body)" }
        return body.count > 200 ? text + "..." : text
    }

    private static func reasonPhrase(_ status: Int) -> String? {
        switch status {
        case 400: return "bad request"
        case 404: return "not found"
        case 405: return "method not allowed"
        case 409: return "conflict"
        case 429: return "too many requests"
        case 500: return "internal server error"
        case 502: return "bad gateway"
        case 503: return "service unavailable"
        case 504: return "gateway timeout"
        default: return nil
        }
    }
}
