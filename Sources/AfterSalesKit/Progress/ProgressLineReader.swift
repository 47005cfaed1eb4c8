#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the lines of a progress file one by one and sorts them into header, events and problems.
///
/// Used on a file (streamed in large chunks, so memory stays flat however long the history) and on bytes in
/// memory. A damaged line is reported with its number and skipped; the end of the data without a newline is a torn
/// tail, reported but never turned into an event, because the writer only acknowledges an event once its newline
/// is on disk.
struct ProgressLineReader {
    /// Damaged lines listed one by one before they are only counted.
    static let maxListedDamage = 100

    /// How much of each event to decode (`summary` for replay).
    var detail = ProgressLineDecoder.Detail.full
    private(set) var header: ProgressHeader?
    private(set) var warnings: [ProgressWarning] = []
    private(set) var lines = 0
    private(set) var events = 0
    private var damaged = 0
    private var unknownCount = 0
    private var unknownTypes: [String] = []
    private var context = ProgressLineDecoder.Context()

    /// Handles line `lines + 1` (without its newline).
    mutating func line(_ bytes: UnsafeBufferPointer<UInt8>, _ visit: (consuming ProgressEvent, Int) -> Void) {
        lines += 1
        let decoded = ProgressLineDecoder.decode(bytes, detail: detail, context: &context)
        switch consume decoded {
        case .header(let value):
            if lines == 1 { header = value } else { warnings.append(.extraHeader(line: lines)) }
        case .event(let event):
            if lines == 1 { warnings.append(.missingHeader) }
            if case .unknown(let type, _) = event {
                unknownCount += 1
                if unknownTypes.count < 10, !unknownTypes.contains(type) { unknownTypes.append(type) }
            }
            events += 1
            visit(event, lines)
        case .blank:
            break
        case .malformed(let reason), .invalid(let reason):
            damaged += 1
            if damaged <= Self.maxListedDamage { warnings.append(.damagedLine(line: lines, reason: reason)) }
        }
    }

    /// The bytes after the last newline: a line cut off while being written.
    mutating func tail(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return }
        warnings.append(.tornTailIgnored(line: lines + 1, bytes: bytes.count))
    }

    /// The warnings, with the summaries that can only be made at the end.
    mutating func finish() -> [ProgressWarning] {
        if damaged > Self.maxListedDamage { warnings.append(.moreDamagedLines(count: damaged - Self.maxListedDamage)) }
        if unknownCount > 0 { warnings.append(.unknownEvents(count: unknownCount, types: unknownTypes.sorted())) }
        return warnings
    }

    /// Reads `bytes` held in memory.
    static func read(bytes: UnsafeBufferPointer<UInt8>, _ visit: (consuming ProgressEvent, Int) -> Void)
        -> (header: ProgressHeader?, warnings: [ProgressWarning]) {
        var reader = ProgressLineReader()
        var start = 0
        while start < bytes.count {
            guard let newline = bytes[start...].firstIndex(of: 0x0A) else {
                reader.tail(UnsafeBufferPointer(rebasing: bytes[start...]))
                break
            }
            reader.line(UnsafeBufferPointer(rebasing: bytes[start..<newline]), visit)
            start = newline + 1
        }
        let warnings = reader.finish()
        return (reader.header, warnings)
    }

    /// Streams the first `size` bytes of `fd` in chunks of `chunk` bytes (grown for longer lines).
    static func read(fd: Int32, size: Int64, chunk: Int = 4 << 20, detail: ProgressLineDecoder.Detail = .full,
                     _ visit: (consuming ProgressEvent, Int) -> Void)
        -> PosixFile.Outcome<(header: ProgressHeader?, warnings: [ProgressWarning])> {
        var reader = ProgressLineReader()
        reader.detail = detail
        var capacity = chunk
        var buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        var filled = 0
        var offset: Int64 = 0
        while offset < size {
            let want = min(capacity - filled, Int(size - offset))
            switch PosixFile.read(fd, into: buffer + filled, count: want, at: offset) {
            case .failed(let code): return .failed(code)
            case .ok(let got):
                if got == 0 { offset = size; break }
                offset += Int64(got)
                filled += got
            }
            let bytes = buffer.assumingMemoryBound(to: UInt8.self)
            var start = 0
            while start < filled, let found = memchr(bytes + start, 0x0A, filled - start) {
                let newline = UnsafeRawPointer(found) - UnsafeRawPointer(bytes)
                reader.line(UnsafeBufferPointer(start: bytes + start, count: newline - start), visit)
                start = newline + 1
            }
            if start > 0 {
                if filled > start { memmove(buffer, buffer + start, filled - start) }
                filled -= start
            } else if filled == capacity {
                // One line longer than the buffer: grow it.
                let bigger = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2, alignment: 16)
                bigger.copyMemory(from: buffer, byteCount: filled)
                buffer.deallocate()
                buffer = bigger
                capacity *= 2
            }
        }
        if filled > 0 {
            reader.tail(UnsafeBufferPointer(start: buffer.assumingMemoryBound(to: UInt8.self), count: filled))
        }
        let warnings = reader.finish()
        return .ok((reader.header, warnings))
    }
}
