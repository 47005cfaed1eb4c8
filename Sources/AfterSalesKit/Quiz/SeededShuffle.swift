/// Shuffling written out here rather than taken from the standard library, whose algorithm for
/// `shuffled(using:)` is not promised to stay the same: the same seed must give the same quiz on every
/// toolchain, byte for byte.
extension SeededRandom {
    /// A uniform integer in `0..<bound` (rejection sampling, so no modulo bias).
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        let n = UInt64(bound)
        let limit = UInt64.max - (UInt64.max % n)
        while true {
            let value = next()
            if value < limit { return Int(value % n) }
        }
    }

    /// Fisher–Yates, from the last position down.
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for index in stride(from: array.count - 1, to: 0, by: -1) {
            let other = below(index + 1)
            if other != index { array.swapAt(index, other) }
        }
    }

    public mutating func shuffled<T>(_ array: [T]) -> [T] {
        var copy = array
        shuffle(&copy)
        return copy
    }
}
