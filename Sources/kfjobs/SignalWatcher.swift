import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NIOConcurrencyHelpers
import Portability

/// SIGINT and SIGTERM through Dispatch signal sources: the first asks the run to stop (no new
/// requests; those in flight finish and are recorded), the second exits at once with 130 or 143.
///
/// The ledger stays consistent either way: every record is one whole-line write, and an intent left
/// without its outcome is reconciled by the next run.
final class SignalWatcher: Sendable {
    private struct State {
        var received: Int32?
        var onFirst: (@Sendable () -> Void)?
        var onSecond: (@Sendable () -> Void)?
    }

    private let state = NIOLockedValueBox(State())
    private let queue = DispatchQueue(label: "kfjobs.signals")
    // Dispatch sources are thread-safe; they are kept only so that they stay alive.
    nonisolated(unsafe) private var sources: [any DispatchSourceSignal] = []

    init() {
        for number in [SIGINT, SIGTERM] {
            // Ignored first, so the default action (terminate) never races the source.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [weak self] in self?.received(number) }
            source.resume()
            sources.append(source)
        }
    }

    /// The first signal received, if any.
    var received: Int32? { state.withLockedValue { $0.received } }

    func onFirst(_ action: @escaping @Sendable () -> Void) { state.withLockedValue { $0.onFirst = action } }
    func onSecond(_ action: @escaping @Sendable () -> Void) { state.withLockedValue { $0.onSecond = action } }

    private func received(_ number: Int32) {
        let (isFirst, first, second, code) = state.withLockedValue { state in
            let isFirst = state.received == nil
            if isFirst { state.received = number }
            return (isFirst, state.onFirst, state.onSecond, 128 + (state.received ?? number))
        }
        if isFirst {
            Terminal.errorText("\nstopping: no new requests; waiting for those in flight (press Ctrl-C again to stop at once)\n")
            first?()
        } else {
            second?()
            exit(code)
        }
    }
}
