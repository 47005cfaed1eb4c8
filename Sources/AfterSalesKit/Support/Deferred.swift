/// A property whose value may be made on first read (`Lazy`), and that can still be changed in place:
/// the loader inserts thousands of scenarios one by one, and copying the dictionary on every insert
/// would make loading quadratic.
@propertyWrapper
public struct Deferred<Value: Sendable>: Sendable {
    private var box: Lazy<Value>

    public init(wrappedValue: Value) { box = Lazy(wrappedValue) }

    public init(_ make: @escaping @Sendable () -> Value) { box = Lazy(make) }

    public var wrappedValue: Value {
        get { box.value }
        set { box = Lazy(newValue) }
        _modify {
            // A box shared with a copy of the owner keeps its value; a box of our own lends it out, so the
            // value is uniquely referenced while it is changed.
            if isKnownUniquelyReferenced(&box) {
                var value = box.take()
                defer { box.put(value) }
                yield &value
            } else {
                var value = box.value
                defer { box = Lazy(value) }
                yield &value
            }
        }
    }
}
