import Foundation

/// A value decoded from JSON the first time it is read, then kept. Start-up reads the content cache
/// without decoding what the first prompt does not need (every scenario, rule and sub-flow).
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
}
