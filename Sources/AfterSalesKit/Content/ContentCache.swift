import Foundation

/// Parsing YAML costs about a millisecond per kilobyte, many times the process start itself. Content that
/// loaded and linted cleanly is therefore cached: a small index (`ContentCacheIndex`) that proves the cache
/// matches the files, plus one JSON file per kind of content, decoded only when that kind is first used.
///
/// The index holds a `stat` stamp and a SHA-256 per content file. A start stats every file and reads none
/// whose stamp is unchanged; a file whose stamp changed, or whose times are too close to the writing of the
/// index to be trusted, is hashed, and the cache is used only if the hash still matches. Any file added,
/// removed or renamed misses the cache. A damaged index is no cache; a damaged part (its SHA-256 is in the
/// index) is taken from the YAML instead and the cache is written again at the next start.
public struct ContentCache: Sendable {
    /// Bump when the model's shape or the file layout changes, so old caches are ignored.
    public static let schema = 3

    public var folder: URL
    public var programVersion: String
    /// How close (ns) to the moment the stamps were taken a file's times may be before its stamp is not
    /// trusted; covers coarse file-system timestamps (seconds on some file systems).
    var racyWindow: Int64 = 3_000_000_000

    public init(folder: URL, programVersion: String) {
        self.folder = folder
        self.programVersion = programVersion
    }

    /// `$XDG_CACHE_HOME/aftersales`, else `~/.cache/aftersales`.
    public static func defaultFolder(environment: [String: String]) -> URL {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("aftersales")
        }
        let home = environment["HOME"].map { URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".cache/aftersales")
    }

    var indexFile: URL { folder.appendingPathComponent("content.index") }

    func partFile(_ key: String, _ kind: String) -> URL { folder.appendingPathComponent("content-\(key.prefix(32))-\(kind).json") }

    /// The library as it was when this exact content last loaded and linted cleanly, if cached.
    public func load(root: URL) -> ContentLibrary? {
        check(root: root).map { restore($0.index, root: root) }
    }

    /// The index, if it matches the content under `root`, and the files that had to be hashed to know it.
    func check(root: URL) -> (index: ContentCacheIndex, hashed: [String])? {
        let rootPath = root.standardizedFileURL.path
        guard let bytes = FileManager.default.contents(atPath: indexFile.path), let index = ContentCacheIndex(Array(bytes)),
            index.schema == Self.schema, index.programVersion == programVersion, index.root == rootPath,
            ContentFileStamp.contentFiles(root: rootPath) == index.files.map(\.stamp.path)
        else { return nil }
        var hashed: [String] = []
        for file in index.files {
            guard let stamp = ContentFileStamp.of(file.stamp.path, root: rootPath) else { return nil }
            if stamp != file.stamp || stamp.isRacy(writtenAt: index.written, window: racyWindow) {
                guard let data = FileManager.default.contents(atPath: rootPath + "/" + file.stamp.path),
                    Hashing.sha256Hex(data) == file.sha256
                else { return nil }
                hashed.append(file.stamp.path)
            }
        }
        return (index, hashed)
    }

    /// Saves a library that loaded and linted without errors. Failing to write a cache is not an error; a file
    /// that changed since the library read it is not cached.
    public func store(_ library: ContentLibrary) {
        let rootPath = library.root.standardizedFileURL.path
        let written = ContentFileStamp.now()
        var files: [ContentCacheIndex.File] = []
        var hasher = Hashing.Incremental()
        hasher.update("aftersales-content \(Self.schema) \(programVersion)\n")
        for path in ContentFileStamp.contentFiles(root: rootPath) {
            // Stamp first, then read: a write in between changes the stamp, so the next start hashes the file.
            guard let stamp = ContentFileStamp.of(path, root: rootPath),
                let data = FileManager.default.contents(atPath: rootPath + "/" + path)
            else { return }
            let sha = Hashing.sha256Hex(data)
            if let read = library.fileHashes[path], read != sha { return }
            files.append(ContentCacheIndex.File(stamp: stamp, sha256: sha))
            hasher.update("\(path)\n\(sha)\n")
        }
        let key = hasher.finalize()
        let parts: [(String, Data?)] = [
            ("meta", Self.json(CachedMeta(library))),
            ("rules", Self.json(library.ruleOrder.compactMap { library.rules[$0] })),
            ("scenarios", Self.json(library.scenarios.values.map { FileValue(file: $0.file, value: $0.value) }.sorted { $0.value.id < $1.value.id })),
            ("flows", Self.json(library.flows.values.map { FileValue(file: $0.file, value: $0.value) }.sorted { $0.value.id < $1.value.id })),
        ]
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var keep: Set<String> = [indexFile.lastPathComponent]
        var sums: [String: String] = [:]
        for (kind, data) in parts {
            guard let data, (try? data.write(to: partFile(key, kind), options: .atomic)) != nil else { return }
            keep.insert(partFile(key, kind).lastPathComponent)
            sums[kind] = Hashing.sha256Hex(data)
        }
        let index = ContentCacheIndex(schema: Self.schema, programVersion: programVersion, root: rootPath, key: key, written: written,
                                      files: files, parts: sums, scenarioIDs: library.scenarioIDs, strings: library.strings)
        // The index last: it only ever names parts that are complete.
        guard (try? Data(index.encoded()).write(to: indexFile, options: .atomic)) != nil else { return }
        // One content version at a time: older caches are dropped, not accumulated.
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        where name.hasPrefix("content") && !keep.contains(name) {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    /// Forgets the cache (a part could not be read), so the next start parses the YAML and writes it again.
    func discard() {
        try? FileManager.default.removeItem(at: indexFile)
    }

    private static func json<T: Encodable>(_ value: T) -> Data? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try? encoder.encode(value)
    }

    /// A library whose strings and scenario ids come from the index and whose other parts are read on first
    /// use. A part that is missing or damaged is taken from the YAML instead (the index proved the YAML is the
    /// content that was linted), and the cache is dropped so the next start rebuilds it.
    private func restore(_ index: ContentCacheIndex, root: URL) -> ContentLibrary {
        let cache = self
        let key = index.key
        let fromYAML = Lazy<ContentLibrary?> {
            cache.discard()
            return try? ContentLoader(root: root).load()
        }
        func part<T: Decodable & Sendable>(_ kind: String, _ type: T.Type) -> Lazy<T?> {
            let url = partFile(key, kind)
            let sha = index.parts[kind]
            return Lazy {
                guard let data = try? Data(contentsOf: url), Hashing.sha256Hex(data) == sha,
                    let value = try? JSONDecoder().decode(T.self, from: data)
                else {
                    cache.discard()
                    return nil
                }
                return value
            }
        }
        let meta = part("meta", CachedMeta.self)
        let rules = part("rules", [Rule].self)
        let scenarios = part("scenarios", [FileValue<Scenario>].self)
        let flows = part("flows", [FileValue<Flow>].self)
        return ContentLibrary(
            root: root, strings: index.strings, scenarioIDs: index.scenarioIDs,
            restore: ContentLibrary.Restore(
                sections: { meta.value?.sections ?? fromYAML.value?.sections ?? [] },
                rules: {
                    guard let list = rules.value else { return fromYAML.value?.rules ?? [:] }
                    return Dictionary(list.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
                },
                ruleOrder: { meta.value?.ruleOrder ?? fromYAML.value?.ruleOrder ?? [] },
                scenarios: {
                    guard let list = scenarios.value else { return fromYAML.value?.scenarios ?? [:] }
                    return Dictionary(list.map { ($0.value.id, Located(value: $0.value, file: $0.file)) }, uniquingKeysWith: { first, _ in first })
                },
                flows: {
                    guard let list = flows.value else { return fromYAML.value?.flows ?? [:] }
                    return Dictionary(list.map { ($0.value.id, Located(value: $0.value, file: $0.file)) }, uniquingKeysWith: { first, _ in first })
                },
                curriculum: {
                    guard let meta = meta.value else { return fromYAML.value?.curriculum }
                    return meta.curriculum.map { Located(value: $0.value, file: $0.file) }
                },
                fileHashes: { meta.value?.fileHashes ?? fromYAML.value?.fileHashes ?? [:] },
                ruleLocations: { meta.value?.ruleLocations ?? fromYAML.value?.ruleLocations ?? [:] }))
    }
}

/// A cached value with the file it came from.
struct FileValue<Value: Codable & Sendable>: Codable, Sendable {
    var file: String
    var value: Value
}

/// The small parts of a library that neither the index nor a per-kind file holds.
struct CachedMeta: Codable, Sendable {
    var sections: [GuideSection]
    var ruleOrder: [String]
    var ruleLocations: [String: SourceLocation]
    var curriculum: FileValue<Curriculum>?
    var fileHashes: [String: String]

    init(_ library: ContentLibrary) {
        sections = library.sections
        ruleOrder = library.ruleOrder
        ruleLocations = library.ruleLocations
        curriculum = library.curriculum.map { FileValue(file: $0.file, value: $0.value) }
        fileHashes = library.fileHashes
    }
}
