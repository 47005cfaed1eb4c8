/// The first line of a progress file: `{"type":"header","schema":1,"program":"aftersales 0.1.0","created":"…"}`.
///
/// The schema number lets an older program recognise a file written by a newer one and refuse to append to it
/// (it could not know what the newer lines mean, nor promise that its own lines mean what the newer program
/// expects); reading stays possible.
public struct ProgressHeader: Sendable, Equatable {
    /// The schema this version writes and fully understands.
    public static let currentSchema = 1

    public var schema: Int
    /// Name and version of the program that created the file, e.g. `aftersales 0.1.0`.
    public var program: String
    public var created: Timestamp

    public init(schema: Int = ProgressHeader.currentSchema, program: String, created: Timestamp) {
        self.schema = schema
        self.program = program
        self.created = created
    }

    /// The header as one line, newline included.
    public func encodedLine() -> [UInt8] {
        var writer = JSONLineWriter(capacity: 96)
        writer.field("type", ProgressEvent.EventType.header.rawValue)
        writer.field("schema", schema)
        writer.field("program", program)
        writer.field("created", created)
        return writer.finishLine()
    }
}
