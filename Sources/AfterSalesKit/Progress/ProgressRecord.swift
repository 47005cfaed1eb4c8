/// An event read from a progress file with the line it came from (1-based; line 1 is the header).
public struct ProgressRecord: Sendable, Equatable {
    public var line: Int
    public var event: ProgressEvent

    public init(line: Int, event: ProgressEvent) {
        self.line = line
        self.event = event
    }
}
