import Foundation

/// A record that sits in a hash-chained JSON Lines file.
public protocol ChainedRecord: Codable {
    var prev: String { get set }
}

/// The line format shared by transcripts and override files: each line is a JSON object whose first
/// member is `"hash"`, the SHA-256 of the rest of the line (the same JSON object without that member,
/// byte for byte), and whose `"prev"` member is the previous line's hash. Editing, removing, inserting
/// or reordering a line breaks the chain at that line.
///
/// What it does not do: anyone can recompute every hash after an edit, since there is no secret key.
/// The chain catches hand edits and damage, not a forger who knows the format.
public enum ChainedLog {
    /// `prev` of the first line.
    public static let genesis = String(repeating: "0", count: 64)
    static let prefix = "{\"hash\":\""

    /// The line (without newline) for a record whose `prev` has been set.
    public static func line<R: ChainedRecord>(_ record: R) throws -> (line: String, hash: String) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = String(decoding: try encoder.encode(record), as: UTF8.self)
        let hash = Hashing.sha256Hex(body)
        return (prefix + hash + "\"," + body.dropFirst(), hash)
    }

    /// A broken link: the line number (1-based) and what is wrong there.
    public struct Break: Sendable, Equatable, Codable {
        public enum Kind: String, Sendable, Codable {
            /// The line's content does not match its own hash: it was edited.
            case edited
            /// The line's `prev` is not the hash of the line before: lines were removed, inserted or reordered.
            case unlinked
            /// Not a chained line at all (no hash, not JSON, cut off).
            case malformed
        }
        public var line: Int
        public var kind: Kind
    }

    /// A line's own hash and its JSON body, or nil if it is not in the chained format.
    public static func split(_ line: Substring) -> (hash: String, body: String)? {
        guard line.hasPrefix(prefix) else { return nil }
        let rest = line.dropFirst(prefix.count)
        let hash = rest.prefix(64)
        guard hash.count == 64, hash.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else { return nil }
        let after = rest.dropFirst(64)
        guard after.hasPrefix("\",") else { return nil }
        return (String(hash), "{" + after.dropFirst(2))
    }

    /// Checks every line; returns the decoded records (with their 1-based line numbers) and the first break.
    public static func verify<R: ChainedRecord>(_ text: String, as type: R.Type) -> (records: [(line: Int, record: R)], firstBreak: Break?, breaks: Int) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        var records: [(Int, R)] = []
        var previous = genesis
        var firstBreak: Break?
        var breaks = 0
        func broke(_ line: Int, _ kind: Break.Kind) {
            breaks += 1
            if firstBreak == nil { firstBreak = Break(line: line, kind: kind) }
        }
        let decoder = JSONDecoder()
        for (index, raw) in lines.enumerated() {
            let number = index + 1
            guard let (hash, body) = split(raw), let record = try? decoder.decode(R.self, from: Data(body.utf8)) else {
                broke(number, .malformed)
                previous = ""
                continue
            }
            if Hashing.sha256Hex(body) != hash {
                broke(number, .edited)
            } else if record.prev != previous {
                broke(number, .unlinked)
            }
            previous = hash
            records.append((number, record))
        }
        if !text.isEmpty && !text.hasSuffix("\n") && firstBreak == nil { broke(lines.count, .malformed) }
        return (records, firstBreak, breaks)
    }
}

/// Writes records to a chained log: sets each record's `prev`, appends the line, remembers the hash.
public final class ChainedLogWriter<R: ChainedRecord> {
    public let sink: LogSink
    public private(set) var lastHash: String
    /// Every line written by this writer, in order (the session re-reads them to show the result).
    public private(set) var lines: [String] = []

    public init(sink: LogSink, lastHash: String = ChainedLog.genesis) {
        self.sink = sink
        self.lastHash = lastHash
    }

    @discardableResult
    public func append(_ record: R) throws -> String {
        var record = record
        record.prev = lastHash
        let (line, hash) = try ChainedLog.line(record)
        try sink.append(line + "\n")
        lastHash = hash
        lines.append(line)
        return line
    }
}
