import Hummingbird
import NIOCore

/// The request context of the simulator's handlers: Hummingbird's core storage plus the request's
/// channel, which the drop and hang faults act on.
struct SimulatorRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        self.coreContext = CoreRequestContextStorage(source: source)
        self.channel = source.channel
    }
}
