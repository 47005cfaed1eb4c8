import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `stat` says about one content file: enough to tell, without reading it, that it has not changed
/// since the content cache was written. Any write changes the change time (`ctime`), which no user call can
/// set back, so an edit that keeps the size and the modification time is still seen.
struct ContentFileStamp: Sendable, Equatable {
    /// Relative to the content root, e.g. `Scenarios/atoz-not-received.yaml`.
    var path: String
    var size: Int64
    /// Nanoseconds since 1970.
    var modified: Int64
    var changed: Int64
    var inode: UInt64
    var device: UInt64

    /// The stamp of the file at `root/path` (symbolic links followed), or nil if it cannot be read.
    static func of(_ path: String, root: String) -> ContentFileStamp? {
        var info = stat()
        guard stat(root + "/" + path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        let (m, c) = (info.st_mtimespec, info.st_ctimespec)
        #else
        let (m, c) = (info.st_mtim, info.st_ctim)
        #endif
        return ContentFileStamp(
            path: path, size: Int64(info.st_size),
            modified: Int64(m.tv_sec) * 1_000_000_000 + Int64(m.tv_nsec),
            changed: Int64(c.tv_sec) * 1_000_000_000 + Int64(c.tv_nsec),
            inode: UInt64(info.st_ino), device: UInt64(info.st_dev))
    }

    /// A stamp cannot vouch for a file changed so close to the moment it was taken that a later write could
    /// carry the same times (timestamps are coarse: a clock tick on Linux, seconds on some file systems).
    /// Such a file is hashed instead ("racy git"), until the cache is written again.
    func isRacy(writtenAt written: Int64, window: Int64) -> Bool {
        max(modified, changed) >= written - window
    }

    /// Nanoseconds since 1970, now.
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    /// Every `*.yaml`/`*.yml` file under `Content/` and `Scenarios/` of `root`, at any depth, as sorted
    /// relative paths: the files any kind of content may be read from.
    static func contentFiles(root: String) -> [String] {
        var found: [String] = []
        for top in ["Content", "Scenarios"] { collect(top, root: root, depth: 0, into: &found) }
        return found.sorted()
    }

    private static func collect(_ relative: String, root: String, depth: Int, into found: inout [String]) {
        guard depth < 16, let directory = opendir(root + "/" + relative) else { return }
        defer { closedir(directory) }
        var entries: [(name: String, type: UInt8)] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if name == "." || name == ".." { continue }
            entries.append((name, entry.pointee.d_type))
        }
        for (name, type) in entries {
            let path = relative + "/" + name
            var isDirectory = Int32(type) == Int32(DT_DIR)
            if Int32(type) == Int32(DT_LNK) || Int32(type) == Int32(DT_UNKNOWN) {
                var info = stat()
                isDirectory = stat(root + "/" + path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
            }
            if isDirectory {
                collect(path, root: root, depth: depth + 1, into: &found)
            } else if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                found.append(path)
            }
        }
    }
}
