/// A trainee's name, safe to use as a file name: `<name>.jsonl` in the progress directory.
///
/// Names come from `--trainee` or the login name and end up in a path, so anything that could leave the
/// directory, hide the file or confuse a terminal is refused: path separators (`/`, `\`), `..`, a leading `.`,
/// control characters (including NUL, and line/paragraph separators), leading or trailing spaces, and names longer
/// than 64 characters. Everything else — letters of any script, digits, spaces inside, `-`, `_`, `@` — is allowed.
public struct TraineeName: Sendable, Hashable, CustomStringConvertible {
    public static let maxLength = 64

    public let value: String

    public enum Problem: Sendable, Equatable, CustomStringConvertible {
        case empty
        case tooLong(Int)
        case pathSeparator
        case dotDot
        case leadingDot
        case controlCharacter
        case surroundingSpace

        public var description: String {
            switch self {
            case .empty: "the name is empty"
            case .tooLong(let count): "the name has \(count) characters; at most \(TraineeName.maxLength) are allowed"
            case .pathSeparator: "the name contains '/' or '\\'"
            case .dotDot: "the name contains '..'"
            case .leadingDot: "the name starts with '.'"
            case .controlCharacter: "the name contains a control character"
            case .surroundingSpace: "the name starts or ends with a space"
            }
        }
    }

    public init(_ value: String) throws(ProgressError) {
        if let problem = Self.problem(with: value) { throw .invalidTraineeName(value, problem) }
        self.value = value
    }

    /// Why `value` is not a usable name, or `nil` when it is.
    public static func problem(with value: String) -> Problem? {
        if value.isEmpty { return .empty }
        if value.count > maxLength { return .tooLong(value.count) }
        for scalar in value.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .lineSeparator, .paragraphSeparator: return .controlCharacter
            default: break
            }
        }
        if value.contains("/") || value.contains("\\") { return .pathSeparator }
        if value.contains("..") { return .dotDot }
        if value.hasPrefix(".") { return .leadingDot }
        if let first = value.unicodeScalars.first, let last = value.unicodeScalars.last,
           first.properties.isWhitespace || last.properties.isWhitespace { return .surroundingSpace }
        return nil
    }

    /// The login name from the environment (`LOGNAME`, then `USER`), if it is a valid name.
    public static func login(environment: [String: String]) -> TraineeName? {
        for key in ["LOGNAME", "USER"] {
            if let value = environment[key], let name = try? TraineeName(value) { return name }
        }
        return nil
    }

    public var description: String { value }
}
