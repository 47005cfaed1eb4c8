import Foundation

/// The small file the content cache reads at every start: which content it was made from (a stamp and a
/// hash per file) and what the first prompt needs (the strings and the scenario ids). Everything else waits
/// in per-kind files until first used. A fixed format of length-prefixed fields (`12:some text\n`), because
/// `JSONDecoder` alone cost more than the rest of start-up, closed by a SHA-256 of everything before it;
/// anything malformed, truncated or damaged reads as no cache at all.
struct ContentCacheIndex: Sendable, Equatable {
    struct File: Sendable, Equatable {
        var stamp: ContentFileStamp
        var sha256: String
    }

    static let magic = "aftersales-content-index"

    var schema: Int
    var programVersion: String
    /// The content root, as an absolute path.
    var root: String
    /// A hash over every file's path and bytes; names the per-kind files.
    var key: String
    /// When the stamps were taken (nanoseconds since 1970).
    var written: Int64
    var files: [File]
    /// SHA-256 of each per-kind file, checked when that file is read.
    var parts: [String: String]
    var scenarioIDs: [String]
    var strings: [Language: [String: String]]

    func encoded() -> [UInt8] {
        var out = Writer()
        for field in [Self.magic, "\(schema)", programVersion, root, key, "\(written)", "\(files.count)"] { out.field(field) }
        for file in files {
            let s = file.stamp
            for field in [s.path, "\(s.size)", "\(s.modified)", "\(s.changed)", "\(s.inode)", "\(s.device)", file.sha256] {
                out.field(field)
            }
        }
        out.field("\(parts.count)")
        for kind in parts.keys.sorted() {
            out.field(kind)
            out.field(parts[kind]!)
        }
        out.field("\(scenarioIDs.count)")
        scenarioIDs.forEach { out.field($0) }
        let languages = strings.keys.sorted { $0.rawValue < $1.rawValue }
        out.field("\(languages.count)")
        for language in languages {
            let table = strings[language] ?? [:]
            out.field(language.rawValue)
            out.field("\(table.count)")
            for key in table.keys.sorted() {
                out.field(key)
                out.field(table[key]!)
            }
        }
        out.field("end")
        let body = out.bytes
        out.field(Hashing.sha256Hex(Data(body)))
        return out.bytes
    }

    init(schema: Int, programVersion: String, root: String, key: String, written: Int64, files: [File],
         parts: [String: String], scenarioIDs: [String], strings: [Language: [String: String]]) {
        self.schema = schema
        self.programVersion = programVersion
        self.root = root
        self.key = key
        self.written = written
        self.files = files
        self.parts = parts
        self.scenarioIDs = scenarioIDs
        self.strings = strings
    }

    /// Reads an index; nil for anything damaged, truncated or of another format.
    init?(_ bytes: [UInt8]) {
        var r = Reader(bytes: bytes)
        guard r.text() == Self.magic, let schema = r.int(), let programVersion = r.text(), let root = r.text(),
            let key = r.text(), let written = r.int(), let fileCount = r.int(), fileCount >= 0
        else { return nil }
        var files: [File] = []
        for _ in 0..<fileCount {
            guard let path = r.text(), let size = r.int(), let modified = r.int(), let changed = r.int(),
                let inode = r.text().flatMap({ UInt64($0) }), let device = r.text().flatMap({ UInt64($0) }), let sha = r.text()
            else { return nil }
            files.append(File(stamp: ContentFileStamp(path: path, size: size, modified: modified, changed: changed,
                                                      inode: inode, device: device), sha256: sha))
        }
        guard let partCount = r.int(), partCount >= 0 else { return nil }
        var parts: [String: String] = [:]
        for _ in 0..<partCount {
            guard let kind = r.text(), let sha = r.text() else { return nil }
            parts[kind] = sha
        }
        guard let idCount = r.int(), idCount >= 0 else { return nil }
        var ids: [String] = []
        ids.reserveCapacity(Int(idCount))
        for _ in 0..<idCount {
            guard let id = r.text() else { return nil }
            ids.append(id)
        }
        guard let languageCount = r.int(), languageCount >= 0 else { return nil }
        var strings: [Language: [String: String]] = [:]
        for _ in 0..<languageCount {
            guard let code = r.text(), let language = Language(rawValue: code), let count = r.int(), count >= 0 else { return nil }
            var table: [String: String] = [:]
            table.reserveCapacity(Int(count))
            for _ in 0..<count {
                guard let key = r.text(), let value = r.text() else { return nil }
                table[key] = value
            }
            strings[language] = table
        }
        guard r.text() == "end" else { return nil }
        let bodyEnd = r.offset
        guard let checksum = r.text(), r.atEnd,
            checksum == bytes.withUnsafeBufferPointer({ Hashing.sha256Hex(Data(UnsafeBufferPointer(rebasing: $0[0..<bodyEnd]))) })
        else { return nil }
        self.init(schema: Int(schema), programVersion: programVersion, root: root, key: key, written: written,
                  files: files, parts: parts, scenarioIDs: ids, strings: strings)
    }

    private struct Writer {
        var bytes: [UInt8] = []
        mutating func field(_ text: String) {
            let utf8 = Array(text.utf8)
            bytes += Array("\(utf8.count):".utf8)
            bytes += utf8
            bytes.append(0x0A)
        }
    }

    private struct Reader {
        let bytes: [UInt8]
        var offset = 0
        var atEnd: Bool { offset == bytes.count }

        /// `<decimal length>:<that many bytes>\n`.
        mutating func text() -> String? {
            var length = 0
            var digits = 0
            while offset < bytes.count, bytes[offset] >= 0x30, bytes[offset] <= 0x39, digits < 10 {
                length = length * 10 + Int(bytes[offset] - 0x30)
                offset += 1
                digits += 1
            }
            guard digits > 0, offset < bytes.count, bytes[offset] == 0x3A else { return nil }
            let start = offset + 1
            guard length <= bytes.count - start - 1, bytes[start + length] == 0x0A else { return nil }
            offset = start + length + 1
            return bytes.withUnsafeBufferPointer { String(validating: UnsafeBufferPointer(rebasing: $0[start..<start + length]), as: UTF8.self) }
        }

        mutating func int() -> Int64? { text().flatMap { Int64($0) } }
    }
}
