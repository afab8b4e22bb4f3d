#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The connection settings given on the command line; nil (or false) means "not given".
public struct ConnectionFlags: Sendable, Hashable {
    public var url: String?
    public var profile: String?
    public var caCertificatePath: String?
    public var insecure: Bool
    public var allowInsecureHTTP: Bool
    public var timeout: TimeInterval?

    public init(
        url: String? = nil, profile: String? = nil, caCertificatePath: String? = nil, insecure: Bool = false,
        allowInsecureHTTP: Bool = false, timeout: TimeInterval? = nil
    ) {
        self.url = url
        self.profile = profile
        self.caCertificatePath = caCertificatePath
        self.insecure = insecure
        self.allowInsecureHTTP = allowInsecureHTTP
        self.timeout = timeout
    }
}
