/// Where a trainee's progress file lives when `--progress FILE` is not given.
///
/// Follows the XDG Base Directory specification: `$XDG_DATA_HOME/aftersales/<trainee>.jsonl`, where an unset,
/// empty or relative `XDG_DATA_HOME` is ignored (as the specification says) in favour of `$HOME/.local/share`.
/// The environment is a parameter so that tests and the CLI decide what it is; nothing reads globals here.
public enum ProgressLocation {
    /// The directory holding every trainee's file.
    public static func directory(environment: [String: String]) throws(ProgressError) -> String {
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
            return join(data, "aftersales")
        }
        guard let home = environment["HOME"], home.hasPrefix("/") else { throw .noDataDirectory }
        return join(join(home, ".local/share"), "aftersales")
    }

    /// The default file for `trainee`.
    public static func defaultFile(for trainee: TraineeName, environment: [String: String]) throws(ProgressError) -> String {
        join(try directory(environment: environment), trainee.value + ".jsonl")
    }

    /// The file holding lines set aside from `path` (a torn tail after a crash).
    public static func corruptFile(for path: String) -> String { path + ".corrupt" }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
