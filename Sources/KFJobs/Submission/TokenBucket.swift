import Dispatch
import NIOConcurrencyHelpers

/// A token bucket for `--rate`: a Dispatch timer adds tokens; callers wait without blocking a thread.
///
/// Waiters are closures queued in order and run on a global queue as tokens arrive, so a thousand
/// jobs waiting for the rate never hold a thousand threads.
final class TokenBucket: Sendable {
    private struct State {
        var tokens: Double
        var waiters: [@Sendable () -> Void] = []
    }

    private let state: NIOLockedValueBox<State>
    private let capacity: Double
    // DispatchSource is thread-safe; it is only created, resumed and cancelled here.
    nonisolated(unsafe) private let timer: DispatchSourceTimer
    private let interval: Double

    init(ratePerSecond: Double) {
        // Refill often enough to keep the rate smooth, at most 100 times a second.
        let rate = max(ratePerSecond, 0.001)
        capacity = max(1, rate / 10)
        interval = max(0.01, 1 / rate)
        state = NIOLockedValueBox(State(tokens: 1))
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "kfjobs.rate"))
        let perTick = rate * interval
        timer.setEventHandler { [weak self] in
            guard let self else { return }
            let ready: [@Sendable () -> Void] = self.state.withLockedValue { state in
                state.tokens = min(self.capacity, state.tokens + perTick)
                var ready: [@Sendable () -> Void] = []
                while state.tokens >= 1, !state.waiters.isEmpty {
                    state.tokens -= 1
                    ready.append(state.waiters.removeFirst())
                }
                return ready
            }
            for waiter in ready { DispatchQueue.global().async(execute: waiter) }
        }
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.resume()
    }

    deinit {
        timer.cancel()
    }

    /// Runs `body` once a token is available (at once if one is).
    func acquire(then body: @escaping @Sendable () -> Void) {
        let now = state.withLockedValue { state -> Bool in
            if state.waiters.isEmpty, state.tokens >= 1 {
                state.tokens -= 1
                return true
            }
            state.waiters.append(body)
            return false
        }
        if now { body() }
    }
}
