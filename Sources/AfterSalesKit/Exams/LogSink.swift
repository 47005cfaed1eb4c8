import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where chained log lines go: a file on disk, or memory in tests.
public protocol LogSink: AnyObject {
    /// Appends one whole line (ending in a newline) durably, or throws.
    func append(_ line: String) throws
}

/// Lines kept in memory.
public final class MemoryLogSink: LogSink {
    public private(set) var text = ""
    public init() {}
    public func append(_ line: String) throws { text += line }
}

/// A file created with mode 0600; each line is written whole under an exclusive lock and flushed
/// to disk (`fsync`) before `append` returns, so a crash leaves at worst a cut-off last line, which
/// the chain check reports.
public final class FileLogSink: LogSink {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    public let path: String
    private let descriptor: Int32

    /// `exclusive`: the file must not exist yet (transcripts are never reopened); otherwise lines are appended.
    public init(path: String, exclusive: Bool) throws(Failure) {
        self.path = path
        var flags = O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC
        if exclusive { flags |= O_EXCL }
        let fd = open(path, flags, 0o600)
        guard fd >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        fchmod(fd, 0o600)
        descriptor = fd
    }

    deinit { close(descriptor) }

    public func append(_ line: String) throws {
        flock(descriptor, LOCK_EX)
        defer { flock(descriptor, LOCK_UN) }
        var bytes = Array(line.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure(path: path, reason: String(cString: strerror(errno)))
            }
            bytes = bytes.dropFirst(written)
        }
        guard fsync(descriptor) == 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
    }
}
