import Foundation

/// Runs `body` for every index on all cores and returns the results in index order, so whatever is built
/// from them (diagnostics, the library) is the same as a one-core run, byte for byte.
func parallelMap<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
    if count < 2 { return (0..<count).map(body) }
    let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
    slots.initialize(repeating: nil)
    defer {
        _ = slots.deinitialize()
        slots.deallocate()
    }
    // Each index is written by exactly one iteration, and read only after all have finished.
    nonisolated(unsafe) let out = slots
    DispatchQueue.concurrentPerform(iterations: count) { index in out[index] = body(index) }
    return slots.map { $0! }
}
