#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the progress file could not be opened, read or written.
///
/// Errors are values for the caller (the REPL reports them and carries on; what was written earlier stays intact).
/// Each has a stable `key` for the interface-strings table and `arguments` for its placeholders, plus an English
/// `description` for logs and tests.
public enum ProgressError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidTraineeName(String, TraineeName.Problem)
    /// Neither an absolute `XDG_DATA_HOME` nor `HOME` is set.
    case noDataDirectory
    case cannotCreateDirectory(path: String, errno: Int32)
    case cannotOpen(path: String, errno: Int32)
    case notARegularFile(path: String)
    /// The file may only be read; appends are refused.
    case readOnly(path: String, reason: ReadOnlyReason)
    /// No space left on the device (or quota exceeded).
    case diskFull(path: String, errno: Int32)
    /// The file reached the size limit (`ulimit -f`, file system maximum).
    case fileTooLarge(path: String)
    /// The file system said no while writing: I/O error, read-only file system, permission withdrawn…
    case writeFailed(path: String, errno: Int32)
    /// The data was written but could not be made durable; the line was taken back out.
    case syncFailed(path: String, errno: Int32)
    case readFailed(path: String, errno: Int32)
    case lockFailed(path: String, errno: Int32)
    /// The path now names another file (deleted, moved or replaced while open); nothing was written.
    case fileReplaced(path: String)
    /// The event cannot be written (e.g. a number that is not finite).
    case invalidEvent(field: String, reason: String)

    public enum ReadOnlyReason: Sendable, Equatable, CustomStringConvertible {
        /// Written by a newer version with a schema this one does not know.
        case newerSchema(found: Int, supported: Int)
        /// The file or its file system refuses writing (mode, immutable flag, read-only mount).
        case notWritable(errno: Int32)
        /// The first line is not a progress header: probably not a progress file at all.
        case notAProgressFile(String)
        /// Opened for reading on request.
        case requested

        public var description: String {
            switch self {
            case .newerSchema(let found, let supported):
                "it was written by a newer version of aftersales (schema \(found); this version knows schema \(supported)); update aftersales to record progress in it"
            case .notWritable(let code): "it cannot be written (\(errnoText(code)))"
            case .notAProgressFile(let detail): "it does not start with a progress header (\(detail))"
            case .requested: "it was opened for reading only"
            }
        }
    }

    /// Key in the interface-strings table (`progress.error.*`).
    public var key: String {
        switch self {
        case .invalidTraineeName: "progress.error.trainee_name"
        case .noDataDirectory: "progress.error.no_data_directory"
        case .cannotCreateDirectory: "progress.error.create_directory"
        case .cannotOpen: "progress.error.open"
        case .notARegularFile: "progress.error.not_regular_file"
        case .readOnly(_, .newerSchema): "progress.error.newer_schema"
        case .readOnly(_, .notWritable): "progress.error.not_writable"
        case .readOnly(_, .notAProgressFile): "progress.error.not_progress_file"
        case .readOnly(_, .requested): "progress.error.read_only"
        case .diskFull: "progress.error.disk_full"
        case .fileTooLarge: "progress.error.file_too_large"
        case .writeFailed: "progress.error.write"
        case .syncFailed: "progress.error.sync"
        case .readFailed: "progress.error.read"
        case .lockFailed: "progress.error.lock"
        case .fileReplaced: "progress.error.file_replaced"
        case .invalidEvent: "progress.error.invalid_event"
        }
    }

    /// Values for the `{placeholders}` of `key`'s string: `path`, `detail`, and where relevant `name`, `found`,
    /// `supported`, `field`.
    public var arguments: [String: String] {
        switch self {
        case .invalidTraineeName(let name, let problem): ["name": name, "detail": problem.description]
        case .noDataDirectory: [:]
        case .cannotCreateDirectory(let path, let code), .cannotOpen(let path, let code),
             .diskFull(let path, let code), .writeFailed(let path, let code), .syncFailed(let path, let code),
             .readFailed(let path, let code), .lockFailed(let path, let code):
            ["path": path, "detail": errnoText(code)]
        case .notARegularFile(let path), .fileTooLarge(let path), .fileReplaced(let path): ["path": path]
        case .readOnly(let path, let reason):
            switch reason {
            case .newerSchema(let found, let supported):
                ["path": path, "found": String(found), "supported": String(supported), "detail": reason.description]
            default: ["path": path, "detail": reason.description]
            }
        case .invalidEvent(let field, let reason): ["field": field, "detail": reason]
        }
    }

    public var description: String {
        switch self {
        case .invalidTraineeName(let name, let problem): "Invalid trainee name \"\(name)\": \(problem)."
        case .noDataDirectory: "Cannot find where to keep progress: set HOME or XDG_DATA_HOME, or use --progress FILE."
        case .cannotCreateDirectory(let path, let code): "Cannot create the directory \(path): \(errnoText(code))."
        case .cannotOpen(let path, let code): "Cannot open the progress file \(path): \(errnoText(code))."
        case .notARegularFile(let path): "The progress file \(path) is not a regular file."
        case .readOnly(let path, let reason): "The progress file \(path) is read-only: \(reason). Nothing was recorded."
        case .diskFull(let path, let code):
            "The disk is full (\(errnoText(code))): the last event was not recorded in \(path). Earlier progress is intact."
        case .fileTooLarge(let path):
            "The progress file \(path) reached its size limit: the last event was not recorded. Earlier progress is intact."
        case .writeFailed(let path, let code):
            "Cannot write to the progress file \(path) (\(errnoText(code))): the last event was not recorded. Earlier progress is intact."
        case .syncFailed(let path, let code):
            "Cannot make the last event durable in \(path) (\(errnoText(code))): it was not recorded. Earlier progress is intact."
        case .readFailed(let path, let code): "Cannot read the progress file \(path): \(errnoText(code))."
        case .lockFailed(let path, let code): "Cannot lock the progress file \(path): \(errnoText(code))."
        case .fileReplaced(let path):
            "The progress file \(path) was moved, deleted or replaced while in use: the last event was not recorded. Restart to continue."
        case .invalidEvent(let field, let reason): "The event cannot be recorded: \(field): \(reason)."
        }
    }
}

/// The C library's text for an `errno` value, e.g. "No space left on device".
func errnoText(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
}
