#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KeyfactorWire
import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Sets every answer's `Date` header `skew` seconds off the true time, for a fleet's `clockSkew`.
///
/// A channel handler because Hummingbird writes `Date` itself after the responder has answered.
final class DateSkewHandler: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let skew: TimeInterval

    init(skew: TimeInterval) {
        self.skew = skew
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        var part = unwrapOutboundIn(data)
        if case .head(var head) = part {
            head.headerFields[.date] = KeyfactorDate.formatHTTP(Date().addingTimeInterval(skew))
            part = .head(head)
        }
        context.write(wrapOutboundOut(part), promise: promise)
    }
}
