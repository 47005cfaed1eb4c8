#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where everything the trainee reads is written: wrapped to the terminal width, coloured only on
/// a terminal without `NO_COLOR`, and stripped of control sequences that came from data.
public final class Console: @unchecked Sendable {
    public enum Style: String, Sendable {
        case bold = "1", dim = "2", red = "31", green = "32", yellow = "33", blue = "34", magenta = "35", cyan = "36"
    }

    public let isTerminal: Bool
    public let colour: Bool
    private let fixedWidth: Int?
    private let descriptor: Int32

    /// `environment` decides colour (`NO_COLOR`, `TERM=dumb`) and width (`COLUMNS`).
    public init(environment: [String: String], descriptor: Int32 = 1, forceTerminal: Bool? = nil) {
        self.descriptor = descriptor
        let terminal = forceTerminal ?? (isatty(descriptor) == 1)
        isTerminal = terminal
        colour = terminal && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
        fixedWidth = environment["COLUMNS"].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil }
    }

    /// Columns to wrap at: the terminal's width; `COLUMNS` if set; no wrapping when output is not a terminal.
    public var width: Int {
        if let fixedWidth { return fixedWidth }
        guard isTerminal else { return 0 }
        var size = winsize()
        if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    /// Writes one logical line (which may wrap), sanitised, with an optional style and hanging indent.
    public func line(_ text: String = "", _ styles: Style..., indent: String = "") {
        let clean = Sanitizer.clean(text)
        let wrapped = TextWrapper.wrap(clean, width: width, indent: indent).joined(separator: "\n")
        write(styled(wrapped, styles) + "\n")
    }

    /// Text written exactly as given, after sanitising (for pre-formatted tables).
    public func raw(_ text: String) {
        write(Sanitizer.clean(text))
    }

    public func styled(_ text: String, _ styles: [Style]) -> String {
        guard colour, !styles.isEmpty, !text.isEmpty else { return text }
        let codes = styles.map(\.rawValue).joined(separator: ";")
        return "\u{1B}[\(codes)m" + text + "\u{1B}[0m"
    }

    /// A prompt for readline: colour codes wrapped in \u{01}…\u{02} so line wrapping is measured right.
    public func prompt(_ text: String, _ styles: Style...) -> String {
        guard colour, !styles.isEmpty else { return text }
        let codes = styles.map(\.rawValue).joined(separator: ";")
        return "\u{01}\u{1B}[\(codes)m\u{02}" + text + "\u{01}\u{1B}[0m\u{02}"
    }

    /// Unbuffered, so output and readline's prompt never appear out of order.
    private func write(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            bytes = bytes.dropFirst(written)
        }
    }
}
