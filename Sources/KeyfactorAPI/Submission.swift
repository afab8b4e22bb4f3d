#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The answer to a POST that created something, with what the submitter needs besides the body.
public struct Submission<Response: Sendable>: Sendable {
    public var response: Response
    public var httpStatus: Int
    /// The server's `Date` header: compare with the local clock for skew.
    public var serverDate: Date?

    public init(response: Response, httpStatus: Int, serverDate: Date?) {
        self.response = response
        self.httpStatus = httpStatus
        self.serverDate = serverDate
    }
}

/// What `GET /Status/Endpoints` says about the server.
public struct ServerStatus: Sendable, Hashable {
    /// The endpoints the server lists.
    public var endpoints: [String]
    /// `x-keyfactor-product-version`, when the server sends it.
    public var productVersion: String?
    /// The server's `Date` header.
    public var serverDate: Date?

    public init(endpoints: [String], productVersion: String?, serverDate: Date?) {
        self.endpoints = endpoints
        self.productVersion = productVersion
        self.serverDate = serverDate
    }
}
