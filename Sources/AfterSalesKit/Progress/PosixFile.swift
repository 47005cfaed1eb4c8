#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin wrappers over the system calls the progress file needs, each retrying on `EINTR` and returning `errno`
/// on failure instead of throwing, so that callers map every failure to a precise `ProgressError`.
///
/// Why raw system calls rather than `FileHandle`: the guarantees the progress file makes (one `write` of a whole
/// line under `flock`, `O_APPEND`, `fsync` before acknowledging, truncating a torn tail) need exact control over
/// each call and its `errno`, which Foundation does not give on Linux.
enum PosixFile {
    enum Outcome<Value> {
        case ok(Value)
        case failed(Int32)
    }

    static func open(_ path: String, _ flags: Int32, _ mode: mode_t = 0) -> Outcome<Int32> {
        while true {
            let fd = path.withCString { flags & O_CREAT != 0 ? Glibc_open($0, flags, mode) : Glibc_open($0, flags, 0) }
            if fd >= 0 { return .ok(fd) }
            if errno != EINTR { return .failed(errno) }
        }
    }

    static func lock(_ fd: Int32, exclusive: Bool) -> Int32? {
        while flock(fd, exclusive ? LOCK_EX : LOCK_SH) != 0 {
            if errno != EINTR { return errno }
        }
        return nil
    }

    static func unlock(_ fd: Int32) {
        _ = flock(fd, LOCK_UN)
    }

    struct Identity: Sendable, Equatable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var isRegular: Bool
    }

    static func status(_ fd: Int32) -> Outcome<Identity> {
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failed(errno) }
        return .ok(identity(info))
    }

    static func status(path: String) -> Outcome<Identity> {
        var info = stat()
        guard stat(path, &info) == 0 else { return .failed(errno) }
        return .ok(identity(info))
    }

    private static func identity(_ info: stat) -> Identity {
        Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
                 isRegular: (info.st_mode & S_IFMT) == S_IFREG)
    }

    /// Writes all of `bytes` at the end (the descriptor has `O_APPEND`). A short write is continued; an error
    /// stops with `errno` and the number of bytes already written.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32? {
        bytes.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count {
                let count = write(fd, buffer.baseAddress! + done, buffer.count - done)
                if count > 0 {
                    done += count
                } else if count < 0, errno == EINTR {
                    continue
                } else {
                    // A write of 0 bytes to a regular file means no room: report it as such.
                    return count == 0 ? ENOSPC : errno
                }
            }
            return nil
        }
    }

    /// Reads up to `count` bytes at `offset`; fewer only at the end of the file.
    static func read(_ fd: Int32, into pointer: UnsafeMutableRawPointer, count: Int, at offset: Int64) -> Outcome<Int> {
        var done = 0
        while done < count {
            let got = pread(fd, pointer + done, count - done, off_t(offset) + off_t(done))
            if got > 0 {
                done += got
            } else if got == 0 {
                break
            } else if errno != EINTR {
                return .failed(errno)
            }
        }
        return .ok(done)
    }

    static func read(_ fd: Int32, count: Int, at offset: Int64) -> Outcome<[UInt8]> {
        var bytes = [UInt8](repeating: 0, count: count)
        let result = bytes.withUnsafeMutableBytes { read(fd, into: $0.baseAddress!, count: count, at: offset) }
        switch result {
        case .ok(let got):
            bytes.removeLast(count - got)
            return .ok(bytes)
        case .failed(let code): return .failed(code)
        }
    }

    /// Makes written data durable. `fdatasync` suffices on Linux: it also flushes the file size.
    static func sync(_ fd: Int32) -> Int32? {
        while true {
            #if canImport(Glibc)
            let result = fdatasync(fd)
            #else
            let result = fsync(fd)
            #endif
            if result == 0 { return nil }
            if errno != EINTR { return errno }
        }
    }

    static func truncate(_ fd: Int32, to size: Int64) -> Int32? {
        while ftruncate(fd, off_t(size)) != 0 {
            if errno != EINTR { return errno }
        }
        return nil
    }

    /// Syncs a directory so that a file just created in it survives a crash.
    static func syncDirectory(_ path: String) {
        guard case .ok(let fd) = open(path, O_RDONLY | O_CLOEXEC | O_DIRECTORY) else { return }
        _ = fsync(fd)
        close(fd)
    }

    /// Creates `path` and any missing parents with mode 0700 (progress is private); existing ones are left alone.
    static func makeDirectories(_ path: String) -> (path: String, errno: Int32)? {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            current += "/" + component
            if mkdir(current, 0o700) != 0 {
                let code = errno
                if code == EEXIST { continue }
                // mkdir reports EACCES/EROFS even for a directory that exists when the parent is not writable.
                if case .ok = status(path: current) { continue }
                return (current, code)
            }
        }
        return nil
    }

    static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let parent = String(path[..<slash])
        return parent.isEmpty ? "/" : parent
    }
}

#if canImport(Glibc)
private func Glibc_open(_ path: UnsafePointer<CChar>, _ flags: Int32, _ mode: mode_t) -> Int32 {
    Glibc.open(path, flags, mode)
}
#else
private func Glibc_open(_ path: UnsafePointer<CChar>, _ flags: Int32, _ mode: mode_t) -> Int32 {
    Darwin.open(path, flags, mode)
}
#endif
