/// Something found while opening or reading a progress file that the trainee should hear about, though progress
/// goes on. Returned as values; printing is the caller's business.
public enum ProgressWarning: Sendable, Equatable, CustomStringConvertible {
    /// The end of the file was cut off (a crash while writing): `bytes` bytes starting at line `line` were
    /// appended to `movedTo` and removed from the file.
    case tornTailMoved(line: Int, bytes: Int, movedTo: String)
    /// The same, but the file is read-only so the damaged end was left in place and ignored.
    case tornTailIgnored(line: Int, bytes: Int)
    /// A damaged line in the middle, skipped and left in the file.
    case damagedLine(line: Int, reason: String)
    /// More damaged lines than are listed one by one.
    case moreDamagedLines(count: Int)
    /// A second header line in the middle (e.g. two files joined); skipped.
    case extraHeader(line: Int)
    /// The file does not start with a header line; it was read as schema 1.
    case missingHeader
    /// The file is read-only; progress will not be recorded.
    case readOnly(ProgressError.ReadOnlyReason)
    /// Lines of event types this version does not know, kept and ignored.
    case unknownEvents(count: Int, types: [String])

    public var key: String {
        switch self {
        case .tornTailMoved: "progress.warning.torn_tail_moved"
        case .tornTailIgnored: "progress.warning.torn_tail_ignored"
        case .damagedLine: "progress.warning.damaged_line"
        case .moreDamagedLines: "progress.warning.more_damaged_lines"
        case .extraHeader: "progress.warning.extra_header"
        case .missingHeader: "progress.warning.missing_header"
        case .readOnly(.newerSchema): "progress.warning.newer_schema"
        case .readOnly: "progress.warning.read_only"
        case .unknownEvents: "progress.warning.unknown_events"
        }
    }

    public var arguments: [String: String] {
        switch self {
        case .tornTailMoved(let line, let bytes, let movedTo): ["line": String(line), "bytes": String(bytes), "path": movedTo]
        case .tornTailIgnored(let line, let bytes): ["line": String(line), "bytes": String(bytes)]
        case .damagedLine(let line, let reason): ["line": String(line), "detail": reason]
        case .moreDamagedLines(let count): ["count": String(count)]
        case .extraHeader(let line): ["line": String(line)]
        case .missingHeader: [:]
        case .readOnly(let reason):
            if case .newerSchema(let found, let supported) = reason {
                ["found": String(found), "supported": String(supported), "detail": reason.description]
            } else {
                ["detail": reason.description]
            }
        case .unknownEvents(let count, let types): ["count": String(count), "types": types.joined(separator: ", ")]
        }
    }

    public var description: String {
        switch self {
        case .tornTailMoved(let line, let bytes, let movedTo):
            "The progress file ended with an incomplete line (line \(line), \(bytes) bytes), probably cut off by a crash; it was moved to \(movedTo) and the rest was kept."
        case .tornTailIgnored(let line, let bytes):
            "The progress file ends with an incomplete line (line \(line), \(bytes) bytes); it was ignored."
        case .damagedLine(let line, let reason): "Line \(line) of the progress file is damaged and was skipped: \(reason)."
        case .moreDamagedLines(let count): "\(count) more damaged lines were skipped."
        case .extraHeader(let line): "Line \(line) of the progress file is a second header; it was skipped."
        case .missingHeader: "The progress file has no header line; it was read as schema \(ProgressHeader.currentSchema)."
        case .readOnly(let reason): "Progress will not be recorded: the file is read-only because \(reason)."
        case .unknownEvents(let count, let types):
            "\(count) events of types this version does not know (\(types.joined(separator: ", "))) were kept and ignored."
        }
    }
}
