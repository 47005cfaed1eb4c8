/// Lets a value live until the process exits, so its memory is never freed piece by piece.
///
/// A command that is about to exit need not take apart a large object graph (a linted library of thousands of
/// scenarios): the kernel reclaims the memory at once. Compilers do the same (clang's `-disable-free`).
/// Only for values held to the end of a command anyway; nothing is kept that would otherwise be freed early.
enum KeepUntilExit {
    private final class Box<Value> {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    static func keep<Value>(_ value: Value) {
        _ = Unmanaged.passRetained(Box(value))
    }
}
