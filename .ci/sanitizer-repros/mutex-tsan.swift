// ThreadSanitizer and Synchronization.Mutex on Linux: a correct program that TSan reports as racy.
// Run: swiftc -sanitize=thread -g mutex-tsan.swift -o mutex-tsan; ./mutex-tsan mutex; ./mutex-tsan pthread
// Under contention `Mutex` takes its slow path in the uninstrumented libswiftSynchronization.so (an
// atomic plus a futex syscall), so TSan never sees the acquire: "Swift access race". A pthread mutex,
// which TSan intercepts, guards the same array with no report. Hence kfjobs uses NIOLockedValueBox.
import Dispatch
import Glibc
import Synchronization

final class WithMutex: Sendable {
    let state = Mutex([Int]())
    func add(_ i: Int) { state.withLock { $0.append(i) } }
}
final class WithPthread: @unchecked Sendable {
    var state = [Int]()
    let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    init() { pthread_mutex_init(mutex, nil) }
    func add(_ i: Int) { pthread_mutex_lock(mutex); state.append(i); pthread_mutex_unlock(mutex) }
}
let usePthread = CommandLine.arguments.dropFirst().first == "pthread"
let (m, p) = (WithMutex(), WithPthread())
DispatchQueue.concurrentPerform(iterations: 8) { _ in
    for i in 0..<50_000 { if usePthread { p.add(i) } else { m.add(i) } }
}
print(usePthread ? p.state.count : m.state.withLock { $0.count })
