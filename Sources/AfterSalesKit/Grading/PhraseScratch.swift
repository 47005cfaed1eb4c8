import Foundation

/// The phrase scan's per-phrase memory, kept from one reply to the next instead of cleared for each: with some 5,400
/// phrases, clearing it was 22 KB of stores per reply, which also pushed useful lines out of the L1 cache (callgrind's
/// cache model: about 430 write misses per reply, and the reads they displaced).
///
/// Each reply gets a base stamp above every stamp written before, so an old entry reads as "nothing yet in this reply"
/// without being touched. A phrase of the trigger index stamps the last token it was tried at (base + token); a phrase
/// of the start index, never in the trigger index, stamps whether its anchors are present (base + 1 or base + 2).
final class PhraseScratch {
    let stamps: UnsafeMutableBufferPointer<Int32>
    private var next: Int32 = 0

    init(phrases: Int) {
        stamps = .allocate(capacity: max(1, phrases))
        stamps.initialize(repeating: -1)
    }

    deinit { stamps.deallocate() }

    /// The base stamp for a reply of `tokens` tokens; its stamps stay below the next reply's base.
    func begin(tokens: Int) -> Int {
        if Int(next) + tokens + 3 >= Int(Int32.max) {
            stamps.update(repeating: -1)
            next = 0
        }
        let base = next
        next += Int32(tokens + 3)
        return Int(base)
    }
}

/// Scratch spaces for the replies being graded at the same moment, one per thread at a time: one grader is shared by
/// the threads that grade a class, and a scan must not see another's stamps.
final class PhraseScratchPool: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [PhraseScratch] = []

    /// Runs `body` with a scratch space for `phrases` phrases, then keeps it for the next reply.
    func with<R>(phrases: Int, _ body: (PhraseScratch) -> R) -> R {
        lock.lock()
        let kept = free.popLast()
        lock.unlock()
        let space = kept.flatMap { $0.stamps.count == max(1, phrases) ? $0 : nil } ?? PhraseScratch(phrases: phrases)
        defer {
            lock.lock()
            free.append(space)
            lock.unlock()
        }
        return body(space)
    }
}
