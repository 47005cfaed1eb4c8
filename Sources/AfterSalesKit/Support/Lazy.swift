import Foundation

/// A value made the first time it is read (e.g. decoded from the content cache), then kept. Start-up reads
/// the content cache without decoding what the first prompt does not need (every scenario, rule and sub-flow).
public final class Lazy<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var decoded: Value?
    private var make: (@Sendable () -> Value)?

    public init(_ value: Value) { decoded = value }

    public init(_ make: @escaping @Sendable () -> Value) { self.make = make }

    public var value: Value {
        lock.lock()
        defer { lock.unlock() }
        if let decoded { return decoded }
        let value = make!()
        decoded = value
        make = nil
        return value
    }

    /// Hands the value out and forgets it, so the caller holds the only reference and can change it in place.
    /// Only for a box nobody else can see (`Deferred` checks that); `put` gives it back.
    func take() -> Value {
        let taken = value
        lock.lock()
        decoded = nil
        lock.unlock()
        return taken
    }

    func put(_ value: Value) {
        lock.lock()
        decoded = value
        make = nil
        lock.unlock()
    }
}
