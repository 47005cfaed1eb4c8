import Foundation
import Yams

/// One parsed YAML file that remembers where every value came from, so any later problem,
/// found by the decoder or the linter, can be reported as `file:line:column`.
public struct YAMLDocument: @unchecked Sendable {
    /// Path as shown to the user (relative to the content root where possible).
    public let file: String
    /// The tree, or nil once `releasingTree()` let it go.
    private let tree: Yams.Node?
    /// The text, kept only by a document without its tree, to parse again when a position is asked for.
    private let text: String?

    /// The parsed tree. A document that released its tree parses its text again for each call: that text
    /// parsed cleanly before, so it gives the same tree and the same positions. Only diagnostics ask for it.
    public var root: Yams.Node {
        if let tree { return tree }
        let again = try? Yams.compose(yaml: text ?? "", .basic, .default, .utf8)
        return again ?? [:]
    }

    /// The same document holding only its text. A loaded scenario's tree (about ten times the size of its
    /// text, and many small objects) is needed only to place diagnostics, which are rare: dropping it in the
    /// worker that parsed the file frees it there, on all cores, instead of keeping it to the end of the run.
    public func releasingTree() -> YAMLDocument {
        YAMLDocument(file: file, tree: nil, text: text)
    }

    private init(file: String, tree: Yams.Node?, text: String?) {
        self.file = file
        self.tree = tree
        self.text = text
    }

    /// Parses `text`; syntax errors and duplicate keys come back as diagnostics with positions.
    public init(file: String, text: String) throws(Diagnostic) {
        self.file = file
        self.text = text
        let node: Yams.Node?
        do {
            // The basic resolver leaves every scalar a string until a decoder asks for a type: about three times
            // faster than resolving ints, floats, booleans and dates up front with regular expressions.
            // UTF-8 given explicitly: the default is looked up in the environment on every call.
            node = try Yams.compose(yaml: text, .basic, .default, .utf8)
        } catch let error as YamlError {
            throw YAMLDocument.diagnostic(for: error, file: file, text: text)
        } catch {
            throw Diagnostic(file: file, line: 1, column: 1, code: .yamlSyntax, message: "\(error)")
        }
        guard let node else {
            throw Diagnostic(file: file, line: 1, column: 1, code: .wrongType, message: "the file is empty")
        }
        tree = node
        if YAMLDocument.mayHoldExplicitTags(text), let duplicate = YAMLDocument.firstDuplicateKey(in: node) {
            throw Diagnostic(
                file: file, line: duplicate.mark?.line ?? 1, column: duplicate.mark?.column ?? 1,
                code: .duplicateKey, message: "duplicate key '\(duplicate.string ?? "")'")
        }
    }

    /// Decodes the whole document, or the value at `path`, into `T`, turning decoding errors into positioned diagnostics.
    public func decode<T: Decodable>(_ type: T.Type, at path: [PathStep] = []) throws(Diagnostic) -> T {
        guard let node = self.node(at: path) else {
            throw diagnostic(at: path, code: .wrongType, "missing value")
        }
        do {
            return try YAMLDecoder().decode(T.self, from: node)
        } catch let error as DecodingError {
            throw diagnostic(for: error, base: path)
        } catch let error as Diagnostic {
            throw error
        } catch {
            throw diagnostic(at: path, code: .wrongType, "\(error)")
        }
    }

    /// The node at a path of mapping keys and sequence indices, if it exists.
    public func node(at path: [PathStep]) -> Yams.Node? {
        YAMLDocument.node(at: path, in: root)
    }

    private static func node(at path: [PathStep], in root: Yams.Node) -> Yams.Node? {
        var current: Yams.Node? = root
        for step in path {
            guard let node = current else { return nil }
            switch step {
            case .key(let key): current = node.mapping?[key]
            case .index(let index):
                guard let sequence = node.sequence, index < sequence.count else { return nil }
                current = sequence[index]
            }
        }
        return current
    }

    /// The closest known position for `path`: a scalar value itself, a mapping or list by its key,
    /// or for a missing key the mapping that should hold it.
    public func mark(at path: [PathStep]) -> (line: Int, column: Int) {
        let root = self.root
        var steps = path
        while true {
            if let node = YAMLDocument.node(at: steps, in: root), let mark = node.mark {
                // A block mapping or list starts on the line after its key: point at the key, which names it.
                if node.scalar == nil, case .key(let key)? = steps.last,
                    let keyMark = YAMLDocument.node(at: Array(steps.dropLast()), in: root)?.mapping?.keys.first(where: { $0.string == key })?.mark
                {
                    return (keyMark.line, keyMark.column)
                }
                return (mark.line, mark.column)
            }
            if steps.isEmpty { return (1, 1) }
            steps.removeLast()
        }
    }

    public func diagnostic(at path: [PathStep], code: DiagnosticCode, _ message: String) -> Diagnostic {
        let position = mark(at: path)
        return Diagnostic(file: file, line: position.line, column: position.column, code: code, message: message)
    }

    private func diagnostic(for error: DecodingError, base: [PathStep]) -> Diagnostic {
        let (codingPath, message): ([CodingKey], String)
        switch error {
        case .keyNotFound(let key, let context):
            (codingPath, message) = (context.codingPath, "missing key '\(key.stringValue)'")
        case .typeMismatch(let type, let context):
            (codingPath, message) = (context.codingPath, "expected \(YAMLDocument.describe(type)) \(YAMLDocument.detail(context))")
        case .valueNotFound(let type, let context):
            (codingPath, message) = (context.codingPath, "missing \(YAMLDocument.describe(type))")
        case .dataCorrupted(let context):
            (codingPath, message) = (context.codingPath, context.debugDescription)
        @unknown default:
            (codingPath, message) = ([], "\(error)")
        }
        let path = base + codingPath.map { key in key.intValue.map(PathStep.index) ?? .key(key.stringValue) }
        let shown = path.map(\.description).joined(separator: ".")
        return diagnostic(at: path, code: .wrongType, shown.isEmpty ? message : "\(shown): \(message)")
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "text"
        case is Int.Type, is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "a list" }
            if name.hasPrefix("Dictionary") || name.contains("KeyedDecodingContainer") { return "a mapping" }
            return name
        }
    }

    private static func detail(_ context: DecodingError.Context) -> String {
        let text = context.debugDescription
        return text.isEmpty ? "" : "(\(text))"
    }

    /// Whether `text` may hold an explicit tag (`!x`, `!!int`, `!<…>`): a `!` at the start, or after a space, a line
    /// break or `[ { , :`, where a YAML node may begin.
    ///
    /// Yams already refuses a mapping whose keys are equal in text *and* resolved tag; with the basic resolver every
    /// untagged key (plain or quoted) resolves to `str`. So keys that are equal in text but not for Yams need an
    /// explicit tag, which needs a `!` where a node begins. Without one, `firstDuplicateKey` cannot find anything
    /// and the walk over the whole tree is skipped. A `!` in prose ("now!") rarely follows a space; if it does, the
    /// walk just runs.
    static func mayHoldExplicitTags(_ text: String) -> Bool {
        var previous: UInt8 = 0x0A
        var offset = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "!") {
                switch previous {
                case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","), UInt8(ascii: ":"):
                    return true
                default:
                    if offset <= 3 { return true }  // the start, also after a byte-order mark
                }
            }
            previous = byte
            offset += 1
        }
        return false
    }

    private static func firstDuplicateKey(in node: Yams.Node) -> Yams.Node? {
        switch node {
        case .mapping(let mapping):
            // Most mappings in content are small: comparing with the keys before is cheaper than hashing into a set.
            var seen: [String] = []
            var seenSet = Set<String>()
            let small = mapping.count <= 16
            if small { seen.reserveCapacity(mapping.count) }
            for (key, value) in mapping {
                if let name = key.string {
                    if small {
                        if seen.contains(name) { return key }
                        seen.append(name)
                    } else if !seenSet.insert(name).inserted {
                        return key
                    }
                }
                if let found = firstDuplicateKey(in: value) { return found }
            }
        case .sequence(let sequence):
            for item in sequence { if let found = firstDuplicateKey(in: item) { return found } }
        default: break
        }
        return nil
    }

    /// Yams reports a duplicate key at its mapping; find the repeated key itself (block style, same indentation).
    private static func secondOccurrence(of key: String, in text: String, after line: Int) -> (Int, Int)? {
        var firstIndent: Int?
        for (index, raw) in text.components(separatedBy: "\n").enumerated() where index + 1 >= line {
            var body = Substring(raw)
            if body.hasPrefix("- ") || body.drop(while: { $0 == " " }).hasPrefix("- ") {
                body = Substring(String(repeating: " ", count: raw.count - raw.drop(while: { $0 == " " }).count + 2)
                    + raw.drop(while: { $0 == " " }).dropFirst(2))
            }
            let indent = body.prefix { $0 == " " }.count
            let rest = body.dropFirst(indent)
            guard rest.hasPrefix(key), rest.dropFirst(key.count).drop(while: { $0 == " " }).hasPrefix(":") else { continue }
            if let firstIndent {
                if indent == firstIndent { return (index + 1, indent + 1) }
            } else {
                firstIndent = indent
            }
        }
        return nil
    }

    static func diagnostic(for error: YamlError, file: String, text: String) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let prefix = context.map { "\($0.text) " } ?? ""
            return Diagnostic(file: file, line: mark.line, column: mark.column, code: .yamlSyntax, message: prefix + problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let position = secondOccurrence(of: duplicates.first ?? "", in: text, after: context.mark.line)
                ?? (context.mark.line, context.mark.column)
            return Diagnostic(
                file: file, line: position.0, column: position.1, code: .duplicateKey,
                message: "duplicate key '\(duplicates.joined(separator: "', '"))'")
        case .reader(let problem, let offset, _, _):
            return Diagnostic(file: file, line: 1, column: 1, code: .yamlSyntax,
                              message: "\(problem)\(offset.map { " at byte \($0)" } ?? "")")
        default:
            return Diagnostic(file: file, line: 1, column: 1, code: .yamlSyntax, message: "\(error)")
        }
    }
}

/// One step into a YAML tree: a mapping key or a sequence index.
public enum PathStep: Sendable, Hashable, CustomStringConvertible {
    case key(String)
    case index(Int)

    public var description: String {
        switch self {
        case .key(let key): return key
        case .index(let index): return "[\(index)]"
        }
    }
}
