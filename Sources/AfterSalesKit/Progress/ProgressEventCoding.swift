import Foundation

extension ProgressEvent {
    /// The event as one line of the progress file, newline included: `type` and `time` first, then the fields in
    /// a fixed order, optional fields left out when absent. An unknown event is written back exactly as read.
    public func encodedLine() throws(ProgressError) -> [UInt8] {
        var writer = JSONLineWriter()
        func head(_ time: Timestamp) {
            writer.field("type", type)
            writer.field("time", time)
        }
        switch self {
        case .scenarioStarted(let event):
            head(event.time)
            writer.field("scenario", event.scenario)
            writer.field("seed", event.seed)
            writer.field("mode", event.mode.rawValue)
        case .choiceMade(let event):
            head(event.time)
            writer.field("scenario", event.scenario)
            writer.field("node", event.node)
            writer.field("number", event.number)
            writer.field("points", event.points)
            writer.field("follows", event.follows)
            writer.field("breaks", event.breaks)
        case .replyGraded(let event):
            head(event.time)
            writer.field("scenario", event.scenario)
            writer.field("node", event.node)
            writer.field("rubric", event.rubric)
            writer.field("text", event.text)
            writer.field("score", event.score)
            writer.field("verdict", event.verdict)
            writer.field("violations", event.violations)
            writer.field("missed", event.missed)
            writer.field("rules", event.rules)
            writer.field("met", event.met)
        case .scenarioEnded(let event):
            head(event.time)
            writer.field("scenario", event.scenario)
            writer.field("ending", event.ending)
            writer.field("outcome", event.outcome)
            writer.field("score", event.score)
            writer.field("skills", event.skills)
            writer.field("broken", event.broken)
            writer.field("followed", event.followed)
            try writer.field("seconds", event.seconds)
        case .quizAnswered(let event):
            head(event.time)
            writer.field("item", event.item)
            writer.field("correct", event.correct)
            writer.field("rules", event.rules)
            writer.field("topic", event.topic)
        case .reviewRated(let event):
            guard (1...4).contains(event.rating) else { throw .invalidEvent(field: "rating", reason: "must be 1–4") }
            head(event.time)
            writer.field("card", event.card)
            writer.field("rating", event.rating)
            try writer.field("seconds", event.seconds)
            writer.field("due", event.due)
            try writer.field("stability", event.stability)
            try writer.field("difficulty", event.difficulty)
        case .examSubmitted(let event):
            head(event.time)
            writer.field("exam", event.exam)
            writer.field("score", event.score)
            writer.field("passed", event.passed)
            writer.field("transcript", event.transcript)
        case .rulesRead(let event):
            head(event.time)
            writer.field("topic", event.topic)
        case .unknown(_, let raw):
            // Re-serialised compactly so that a raw text with a newline inside can never split into two lines.
            guard let value = try? JSONValue.parse(raw), case .object = value else {
                throw .invalidEvent(field: "type", reason: "unknown event is not a JSON object")
            }
            return Array(value.jsonText.utf8) + [UInt8(ascii: "\n")]
        }
        return writer.finishLine()
    }

    /// The event as a JSON object (no newline), e.g. for `--json` output.
    public func jsonText() throws(ProgressError) -> String {
        String(decoding: try encodedLine().dropLast(), as: UTF8.self)
    }

    /// Reads one line (with or without its newline). A header line or a line that is not an event is an error.
    public init(jsonLine: String) throws(ProgressError) {
        switch ProgressLineDecoder.decode(jsonLine) {
        case .event(let event): self = event
        case .header: throw .invalidEvent(field: "type", reason: "a header is not an event")
        case .blank: throw .invalidEvent(field: "type", reason: "empty line")
        case .malformed(let reason), .invalid(let reason): throw .invalidEvent(field: "line", reason: reason)
        }
    }
}

/// `Codable` with the same flat shape as the file, so that events can travel inside other JSON documents
/// (exam transcripts, `--json` output). Encoding goes through the line writer, so both paths agree byte for byte
/// on the field set; decoding goes through `JSONValue` and the line reader.
extension ProgressEvent: Codable {
    public init(from decoder: any Decoder) throws {
        let value = try JSONValue(from: decoder)
        self = try ProgressEvent(jsonLine: value.jsonText)
    }

    public func encode(to encoder: any Encoder) throws {
        try JSONValue.parse(try jsonText()).encode(to: encoder)
    }
}

extension ProgressHeader: Codable {
    public init(from decoder: any Decoder) throws {
        let value = try JSONValue(from: decoder)
        guard case .header(let header) = ProgressLineDecoder.decode(value.jsonText) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a progress header"))
        }
        self = header
    }

    public func encode(to encoder: any Encoder) throws {
        try JSONValue.parse(String(decoding: encodedLine().dropLast(), as: UTF8.self)).encode(to: encoder)
    }
}
