#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Portability
import NIOCore

/// The connections the simulator is deliberately not answering, so that shutdown can close them:
/// otherwise a graceful shutdown would wait for requests that never end.
final class HangRegistry: @unchecked Sendable {
    // @unchecked: `channels` and `released` are only touched with `lock` held.
    private let lock = SystemLock()
    private var channels: [ObjectIdentifier: any Channel] = [:]
    private var released = false

    /// Waits until the client (or shutdown) closes `channel`, without holding a thread.
    func hang(on channel: any Channel) async {
        let key = ObjectIdentifier(channel)
        let alreadyReleased = lock.withLock {
            if !released { channels[key] = channel }
            return released
        }
        if alreadyReleased {
            try? await channel.close(mode: .all)
            return
        }
        try? await channel.closeFuture.get()
        lock.withLock { _ = channels.removeValue(forKey: key) }
    }

    /// Closes every hanging connection, and any that starts hanging later.
    func releaseAll() async {
        let open = lock.withLock {
            released = true
            defer { channels.removeAll() }
            return Array(channels.values)
        }
        for channel in open { try? await channel.close(mode: .all) }
    }

    var count: Int { lock.withLock { channels.count } }
}
