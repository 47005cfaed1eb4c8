#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// One trainee's append-only progress file: a header line, then one JSON event per line.
///
/// Guarantees, and how:
/// - **An acknowledged event is on disk.** `append` takes an exclusive `flock`, writes the whole line with one
///   `write` on an `O_APPEND` descriptor, `fdatasync`s, and only then returns. If any step fails the line is cut
///   back out (`ftruncate` to the previous size) and an error is returned; earlier lines are never touched.
/// - **Several processes may append at once.** The lock makes each line whole; `O_APPEND` puts it at the end.
/// - **A crash mid-write loses only that line, visibly.** A torn tail (bytes after the last newline, or a last line
///   that is not JSON) is appended to `<file>.corrupt` (never overwriting it) and then removed, with a warning.
///   This happens on open and, if another process crashed meanwhile, before the next append.
/// - **Damage in the middle is never deleted**: readers report its line number and skip it.
/// - **A newer schema is read-only**: this version could misread what the newer one meant, so it refuses to add.
///
/// The descriptor stays open for the session; `append` checks that the path still names the same file.
public final class ProgressLog: Sendable {
    public let path: String
    /// `nil` only for an empty file opened read-only (or one whose header line was cut off).
    public let header: ProgressHeader?
    /// Why appends are refused, or `nil` when the file is writable.
    public let readOnlyReason: ProgressError.ReadOnlyReason?
    /// What opening found and did (torn tail moved, read-only…).
    public let openingWarnings: [ProgressWarning]
    /// Whether this open created the file.
    public let created: Bool

    private let fd: Int32
    private let identity: PosixFile.Identity
    private let program: String
    /// `flock` belongs to the open file description, which all threads of this process share: it keeps other
    /// processes out but not another thread using this same log. This lock does that.
    private let threadLock = NSLock()

    public var isWritable: Bool { readOnlyReason == nil }

    public enum Access: Sendable {
        /// Create the file if needed and allow appends (falls back to read-only when the file cannot be written).
        case readWrite
        /// Never create or change anything.
        case readOnly
    }

    /// Opens (or creates, with its directories) the progress file at `path`.
    /// - Parameters:
    ///   - program: name and version for a new file's header, e.g. `aftersales 0.1.0`.
    ///   - now: the creation time for a new file's header.
    public init(path: String, program: String, access: Access = .readWrite, now: Timestamp = .now) throws(ProgressError) {
        self.path = path
        var readOnly: ProgressError.ReadOnlyReason? = access == .readOnly ? .requested : nil
        var descriptor: Int32 = -1
        if access == .readWrite {
            let parent = PosixFile.parentDirectory(of: path)
            if case .failed = PosixFile.status(path: parent), let failure = PosixFile.makeDirectories(parent) {
                throw .cannotCreateDirectory(path: failure.path, errno: failure.errno)
            }
            switch PosixFile.open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o600) {
            case .ok(let fd): descriptor = fd
            case .failed(let code) where [EACCES, EPERM, EROFS, ETXTBSY].contains(code):
                guard case .ok(let fd) = PosixFile.open(path, O_RDONLY | O_CLOEXEC) else { throw .cannotOpen(path: path, errno: code) }
                descriptor = fd
                readOnly = .notWritable(errno: code)
            case .failed(let code): throw .cannotOpen(path: path, errno: code)
            }
        } else {
            switch PosixFile.open(path, O_RDONLY | O_CLOEXEC) {
            case .ok(let fd): descriptor = fd
            case .failed(let code): throw .cannotOpen(path: path, errno: code)
            }
        }
        let fd = descriptor
        var opened = false
        defer { if !opened { close(fd) } }

        guard case .ok(let identity) = PosixFile.status(fd) else { throw .readFailed(path: path, errno: errno) }
        guard identity.isRegular else { throw .notARegularFile(path: path) }
        if let code = PosixFile.lock(fd, exclusive: readOnly == nil) { throw .lockFailed(path: path, errno: code) }
        defer { PosixFile.unlock(fd) }

        var warnings: [ProgressWarning] = []
        var header: ProgressHeader?
        var created = false
        // The size must be read under the lock: another process may have written the header meanwhile,
        // and a size taken before locking would make this one write a second header.
        guard case .ok(let locked) = PosixFile.status(fd) else { throw .readFailed(path: path, errno: errno) }
        let size = locked.size
        if size == 0 {
            if readOnly == nil {
                let fresh = ProgressHeader(program: program, created: now)
                try Self.writeHeader(fresh, fd: fd, path: path)
                header = fresh
                created = true
            }
        } else {
            switch try Self.readFirstLine(fd: fd, path: path, size: size) {
            case .complete(let line):
                switch ProgressLineDecoder.decode(line) {
                case .header(let value):
                    header = value
                    if value.schema > ProgressHeader.currentSchema {
                        readOnly = .newerSchema(found: value.schema, supported: ProgressHeader.currentSchema)
                    } else if value.schema < 1 {
                        readOnly = .notAProgressFile("schema \(value.schema)")
                    }
                case .event:
                    warnings.append(.missingHeader)
                case .blank:
                    readOnly = readOnly ?? .notAProgressFile("line 1 is empty")
                case .malformed(let reason), .invalid(let reason):
                    readOnly = readOnly ?? .notAProgressFile("line 1: \(reason)")
                }
            case .noNewline(let bytes):
                // Only a header cut off while the file was being created looks like this. Anything else (a long
                // binary or text file) is not ours: leave it alone.
                if bytes.first == UInt8(ascii: "{"), size < 65_536 {
                    // Read-only: `read` reports it as a torn tail.
                    if readOnly == nil {
                        warnings.append(try Self.setAside(fd: fd, path: path, from: 0, to: size, line: 1))
                        let fresh = ProgressHeader(program: program, created: now)
                        try Self.writeHeader(fresh, fd: fd, path: path)
                        header = fresh
                    }
                } else {
                    readOnly = readOnly ?? .notAProgressFile("no line break")
                }
            }
            // A read-only file is left as it is; `read` reports a torn tail without moving it.
            if readOnly == nil, header != nil || warnings.contains(.missingHeader) {
                warnings += try Self.repairTail(fd: fd, path: path, size: try Self.size(fd, path), checkLastLine: true)
            }
        }
        if let readOnly, readOnly != .requested { warnings.insert(.readOnly(readOnly), at: 0) }

        guard case .ok(let final) = PosixFile.status(fd) else { throw .readFailed(path: path, errno: errno) }
        self.fd = fd
        self.identity = final
        self.program = program
        self.header = header
        self.readOnlyReason = readOnly
        self.openingWarnings = warnings
        self.created = created
        opened = true
    }

    deinit { close(fd) }

    // MARK: - Appending

    /// Appends `event` as one line and returns once it is durable on disk.
    ///
    /// On failure nothing of the event remains in the file and earlier events are intact; the log stays usable, so
    /// the session can report the error and go on (a later append may succeed once space is freed).
    /// - Returns: warnings about repairs made first (a torn tail left by another process that crashed).
    @discardableResult
    public func append(_ event: ProgressEvent) throws(ProgressError) -> [ProgressWarning] {
        try append(bytes: event.encodedLine())
    }

    /// Appends several events under one lock and one sync (all or none).
    @discardableResult
    public func append(contentsOf events: [ProgressEvent]) throws(ProgressError) -> [ProgressWarning] {
        var bytes: [UInt8] = []
        for event in events { bytes += try event.encodedLine() }
        return try append(bytes: bytes)
    }

    private func append(bytes: [UInt8]) throws(ProgressError) -> [ProgressWarning] {
        if let readOnlyReason { throw .readOnly(path: path, reason: readOnlyReason) }
        guard !bytes.isEmpty else { return [] }
        threadLock.lock()
        defer { threadLock.unlock() }
        if let code = PosixFile.lock(fd, exclusive: true) { throw .lockFailed(path: path, errno: code) }
        defer { PosixFile.unlock(fd) }

        guard case .ok(let now) = PosixFile.status(path: path), now.device == identity.device, now.inode == identity.inode
        else { throw .fileReplaced(path: path) }
        var size = try Self.size(fd, path)
        var warnings: [ProgressWarning] = []
        var line = bytes
        if size == 0 {
            // Emptied behind our back: start it again properly.
            line = (header ?? ProgressHeader(program: program, created: .now)).encodedLine() + bytes
        } else {
            guard case .ok(let last) = PosixFile.read(fd, count: 1, at: size - 1) else { throw .readFailed(path: path, errno: errno) }
            if last != [0x0A] {
                warnings = try Self.repairTail(fd: fd, path: path, size: size, checkLastLine: false)
                size = try Self.size(fd, path)
            }
        }
        if let code = PosixFile.writeAll(fd, line) {
            _ = PosixFile.truncate(fd, to: size)
            switch code {
            case ENOSPC, EDQUOT: throw .diskFull(path: path, errno: code)
            case EFBIG: throw .fileTooLarge(path: path)
            default: throw .writeFailed(path: path, errno: code)
            }
        }
        if let code = PosixFile.sync(fd) {
            // Not durable, so not acknowledged: take it back out rather than leave a line of unknown fate.
            _ = PosixFile.truncate(fd, to: size)
            _ = PosixFile.sync(fd)
            throw .syncFailed(path: path, errno: code)
        }
        return warnings
    }

    // MARK: - Reading

    /// Streams every event in file order to `visit`, under a shared lock (appends wait until reading is done).
    /// - Returns: warnings (damaged lines by number, a torn tail, unknown event types).
    @discardableResult
    public func read(_ visit: (ProgressRecord) -> Void) throws(ProgressError) -> [ProgressWarning] {
        try read(detail: .full) { event, line in visit(ProgressRecord(line: line, event: event)) }
    }

    private func read(detail: ProgressLineDecoder.Detail, _ visit: (consuming ProgressEvent, Int) -> Void) throws(ProgressError) -> [ProgressWarning] {
        // A separate descriptor: `flock` belongs to the open file description, and a shared lock on `fd` would
        // downgrade an exclusive lock held by an `append` running on another thread.
        guard case .ok(let reader) = PosixFile.open(path, O_RDONLY | O_CLOEXEC) else {
            throw .readFailed(path: path, errno: errno)
        }
        defer { close(reader) }
        if let code = PosixFile.lock(reader, exclusive: false) { throw .lockFailed(path: path, errno: code) }
        defer { PosixFile.unlock(reader) }
        guard case .ok(let info) = PosixFile.status(reader) else { throw .readFailed(path: path, errno: errno) }
        guard info.device == identity.device, info.inode == identity.inode else { throw .fileReplaced(path: path) }
        switch ProgressLineReader.read(fd: reader, size: info.size, detail: detail, visit) {
        case .ok(let result):
            if header == nil, result.header == nil, info.size > 0 {
                return result.warnings.filter { $0 != .missingHeader } + [.missingHeader]
            }
            return result.warnings
        case .failed(let code): throw .readFailed(path: path, errno: code)
        }
    }

    /// Every event, with the warnings. Holds the whole history in memory: prefer `read(_:)` or `replay` for
    /// long files.
    public func records() throws(ProgressError) -> (records: [ProgressRecord], warnings: [ProgressWarning]) {
        var records: [ProgressRecord] = []
        let warnings = try read { records.append($0) }
        return (records, warnings)
    }

    /// The trainee's state, derived by replaying every event. Lines are decoded only as far as the state needs
    /// (reply texts and the like are checked but not copied), which keeps a million-event replay under a second.
    public func replay(options: TraineeState.Options = .init()) throws(ProgressError) -> (state: TraineeState, warnings: [ProgressWarning]) {
        var state = TraineeState(options: options)
        let warnings = try read(detail: .summary) { event, _ in state.apply(event) }
        return (state, warnings)
    }

    /// Reads progress lines held in memory (a copy of a file, a test fixture).
    public static func parse(_ bytes: [UInt8]) -> (header: ProgressHeader?, records: [ProgressRecord], warnings: [ProgressWarning]) {
        var records: [ProgressRecord] = []
        let result = bytes.withUnsafeBufferPointer {
            ProgressLineReader.read(bytes: $0) { event, line in records.append(ProgressRecord(line: line, event: event)) }
        }
        return (result.header, records, result.warnings)
    }

    // MARK: - Helpers (called with the lock held)

    private static func size(_ fd: Int32, _ path: String) throws(ProgressError) -> Int64 {
        guard case .ok(let info) = PosixFile.status(fd) else { throw .readFailed(path: path, errno: errno) }
        return info.size
    }

    private static func writeHeader(_ header: ProgressHeader, fd: Int32, path: String) throws(ProgressError) {
        _ = fchmod(fd, 0o600)
        if let code = PosixFile.writeAll(fd, header.encodedLine()) ?? PosixFile.sync(fd) {
            _ = PosixFile.truncate(fd, to: 0)
            switch code {
            case ENOSPC, EDQUOT: throw .diskFull(path: path, errno: code)
            case EFBIG: throw .fileTooLarge(path: path)
            default: throw .writeFailed(path: path, errno: code)
            }
        }
        PosixFile.syncDirectory(PosixFile.parentDirectory(of: path))
    }

    private enum FirstLine {
        case complete([UInt8])
        case noNewline([UInt8])
    }

    private static func readFirstLine(fd: Int32, path: String, size: Int64) throws(ProgressError) -> FirstLine {
        let limit = Int(min(size, 65_536))
        guard case .ok(let bytes) = PosixFile.read(fd, count: limit, at: 0) else { throw .readFailed(path: path, errno: errno) }
        if let newline = bytes.firstIndex(of: 0x0A) { return .complete(Array(bytes[..<newline])) }
        return .noNewline(bytes)
    }

    /// The position of the last newline before `end` (searching backwards in chunks), or `nil` if there is none.
    private static func lastNewline(fd: Int32, path: String, before end: Int64) throws(ProgressError) -> Int64? {
        var chunkEnd = end
        while chunkEnd > 0 {
            let start = max(0, chunkEnd - 65_536)
            guard case .ok(let bytes) = PosixFile.read(fd, count: Int(chunkEnd - start), at: start) else {
                throw .readFailed(path: path, errno: errno)
            }
            if let index = bytes.lastIndex(of: 0x0A) { return start + Int64(index) }
            chunkEnd = start
        }
        return nil
    }

    /// Counts newlines before `end`: the number of the line starting there is this plus one.
    private static func linesBefore(fd: Int32, path: String, end: Int64) throws(ProgressError) -> Int {
        var count = 0
        var offset: Int64 = 0
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        while offset < end {
            switch PosixFile.read(fd, into: buffer, count: Int(min(Int64(chunk), end - offset)), at: offset) {
            case .failed(let code): throw .readFailed(path: path, errno: code)
            case .ok(let got):
                guard got > 0 else { return count }
                var position = buffer.assumingMemoryBound(to: UInt8.self)
                var left = got
                while left > 0, let found = memchr(position, 0x0A, left) {
                    count += 1
                    let next = found.assumingMemoryBound(to: UInt8.self) + 1
                    left -= next - position
                    position = next
                }
                offset += Int64(got)
            }
        }
        return count
    }

    /// Where a torn tail starts (after the last newline), if the file does not end with one.
    private static func tornTail(fd: Int32, path: String, size: Int64) throws(ProgressError) -> (start: Int64, line: Int)? {
        guard size > 0 else { return nil }
        guard case .ok(let last) = PosixFile.read(fd, count: 1, at: size - 1) else { throw .readFailed(path: path, errno: errno) }
        guard last != [0x0A] else { return nil }
        let start = (try lastNewline(fd: fd, path: path, before: size)).map { $0 + 1 } ?? 0
        return (start, try linesBefore(fd: fd, path: path, end: start) + 1)
    }

    /// Sets aside a torn tail: the bytes after the last newline and, when `checkLastLine`, a last complete line
    /// that is not JSON at all (a crash can leave garbage ending in a newline). Never line 1.
    private static func repairTail(fd: Int32, path: String, size: Int64, checkLastLine: Bool) throws(ProgressError) -> [ProgressWarning] {
        guard size > 0 else { return [] }
        var start = size
        if let torn = try tornTail(fd: fd, path: path, size: size) {
            start = torn.start
        }
        if checkLastLine, start > 0, let previous = try lastNewline(fd: fd, path: path, before: start - 1) {
            let lineStart = previous + 1
            guard case .ok(let line) = PosixFile.read(fd, count: Int(start - 1 - lineStart), at: lineStart) else {
                throw .readFailed(path: path, errno: errno)
            }
            if case .malformed = ProgressLineDecoder.decode(line) { start = lineStart }
        }
        guard start < size else { return [] }
        let line = try linesBefore(fd: fd, path: path, end: start) + 1
        guard line > 1 else { return [] }
        return [try setAside(fd: fd, path: path, from: start, to: size, line: line)]
    }

    /// Appends bytes `from..<to` to `<path>.corrupt`, syncs it, then truncates the file at `from`.
    /// If the copy cannot be made, the file is left as it is (nothing is ever dropped) and the error is returned.
    private static func setAside(fd: Int32, path: String, from: Int64, to: Int64, line: Int) throws(ProgressError) -> ProgressWarning {
        guard case .ok(var bytes) = PosixFile.read(fd, count: Int(to - from), at: from) else {
            throw .readFailed(path: path, errno: errno)
        }
        if bytes.last != 0x0A { bytes.append(0x0A) }
        let corrupt = ProgressLocation.corruptFile(for: path)
        switch PosixFile.open(corrupt, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600) {
        case .failed(let code): throw .writeFailed(path: corrupt, errno: code)
        case .ok(let out):
            defer { close(out) }
            if let code = PosixFile.writeAll(out, bytes) ?? PosixFile.sync(out) {
                throw code == ENOSPC || code == EDQUOT ? .diskFull(path: corrupt, errno: code) : .writeFailed(path: corrupt, errno: code)
            }
        }
        PosixFile.syncDirectory(PosixFile.parentDirectory(of: corrupt))
        if let code = PosixFile.truncate(fd, to: from) ?? PosixFile.sync(fd) { throw .writeFailed(path: path, errno: code) }
        return .tornTailMoved(line: line, bytes: Int(to - from), movedTo: corrupt)
    }
}
