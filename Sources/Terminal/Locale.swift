#if canImport(Glibc)
import Glibc
#endif

public enum TerminalLocale {
    /// Takes the locale from the environment so readline reads UTF-8 (Chinese) input as text, not Meta keys.
    /// With no locale variables at all the C locale would win; use C.UTF-8 then. An explicit `LC_ALL=C` stays.
    public static func configure(environment: [String: String]) {
        let chosen = setlocale(LC_ALL, "").map { String(cString: $0) } ?? "C"
        let explicit = ["LC_ALL", "LC_CTYPE", "LANG"].contains { !(environment[$0] ?? "").isEmpty }
        if (chosen == "C" || chosen == "POSIX"), !explicit {
            setlocale(LC_ALL, "C.UTF-8")
        }
    }
}
