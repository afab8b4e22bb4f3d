import Foundation
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
    private let formatter: DateFormatter

    init(skew: TimeInterval) {
        self.skew = skew
        formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        var part = unwrapOutboundIn(data)
        if case .head(var head) = part {
            head.headerFields[.date] = formatter.string(from: Date().addingTimeInterval(skew))
            part = .head(head)
        }
        context.write(wrapOutboundOut(part), promise: promise)
    }
}
