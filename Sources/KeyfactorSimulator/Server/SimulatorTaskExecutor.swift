import Dispatch

/// Runs the simulator's tasks on a Dispatch queue of its own instead of Swift's cooperative pool.
///
/// The pool has one thread per core. A host that blocks some of them (a `DispatchSemaphore` bounding
/// submissions in `--simulate`, a test waiting synchronously on a child process) would otherwise starve
/// the server it embeds, and the client would time out against a simulator that never got a thread.
/// This queue's threads are added by Dispatch as others block.
@available(macOS 15, *)
final class SimulatorTaskExecutor: TaskExecutor {
    private let queue = DispatchQueue(label: "kfjobs.simulator", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        queue.async { unowned.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
