#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A binary min-heap of run-once jobs by due time, so that moving due jobs to history costs
/// O(log n) each instead of a scan of every scheduled job on every request.
struct DueQueue {
    private var heap: [(due: Date, sequence: Int, jobId: String)] = []
    private var sequence = 0

    var isEmpty: Bool { heap.isEmpty }

    mutating func push(_ jobId: String, due: Date) {
        sequence += 1
        heap.append((due, sequence, jobId))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.less(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the earliest job due at or before `now`, if any.
    mutating func popDue(now: Date) -> String? {
        guard let first = heap.first, first.due <= now else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1
                let right = left + 1
                var smallest = parent
                if left < heap.count, Self.less(heap[left], heap[smallest]) { smallest = left }
                if right < heap.count, Self.less(heap[right], heap[smallest]) { smallest = right }
                if smallest == parent { break }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return first.jobId
    }

    private static func less(
        _ a: (due: Date, sequence: Int, jobId: String), _ b: (due: Date, sequence: Int, jobId: String)
    ) -> Bool {
        a.due < b.due || (a.due == b.due && a.sequence < b.sequence)
    }
}
