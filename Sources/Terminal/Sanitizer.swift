/// Removes terminal control sequences from text that came from content, replies, names or files,
/// so nothing printed can move the cursor, change colours, set the window title or hide text.
public enum Sanitizer {
    /// Drops ESC-introduced sequences (CSI, OSC, DCS…), C0 controls except newline and tab, C1 controls, and DEL.
    public static func clean(_ text: String, keepNewlines: Bool = true) -> String {
        guard text.unicodeScalars.contains(where: isSuspicious) else { return text }
        var output = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let scalar = pending ?? scalars.next() {
            pending = nil
            switch scalar.value {
            case 0x1B:
                guard let next = scalars.next() else { break }
                switch next {
                case "[":  // CSI: parameters then one final byte 0x40–0x7E
                    while let s = scalars.next() { if (0x40...0x7E).contains(s.value) { break } }
                case "]", "P", "X", "^", "_":  // OSC, DCS, SOS, PM, APC: until BEL or ESC \
                    while let s = scalars.next() {
                        if s.value == 0x07 { break }
                        if s.value == 0x1B { _ = scalars.next(); break }
                    }
                default:
                    // Two-character escape (e.g. ESC c): drop both, unless the second is ordinary text start.
                    if next.value < 0x20 { pending = next }
                }
            case 0x9B:  // C1 CSI
                while let s = scalars.next() { if (0x40...0x7E).contains(s.value) { break } }
            case 0x0A where keepNewlines, 0x09:
                output.append(scalar)
            case 0x0D:
                break
            case 0x00..<0x20, 0x7F, 0x80..<0xA0:
                break
            default:
                output.append(scalar)
            }
        }
        return String(output)
    }

    private static func isSuspicious(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x0A && v != 0x09) || (v >= 0x7F && v < 0xA0)
    }
}
