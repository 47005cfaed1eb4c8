import Foundation
import Testing

@testable import AfterSalesKit

#if canImport(Glibc)
import Glibc
#endif

@Suite("Content cache")
struct ContentCacheTests {
    static func copyOfMini() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("aftersales-cache-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: LoaderTests.fixtures.appendingPathComponent("mini"), to: root)
        return root
    }

    /// A cache over a fresh copy of the mini content. `trustStamps` makes stamps of files written just now
    /// count (as they do for files older than a few seconds), so the stat-only path is what is tested.
    static func cached(trustStamps: Bool) throws -> (root: URL, cache: ContentCache) {
        let root = try copyOfMini()
        var cache = ContentCache(folder: root.appendingPathComponent(".cache"), programVersion: "test")
        if trustStamps { cache.racyWindow = -1_000_000_000_000 }
        cache.store(try ContentLoader(root: root).load())
        return (root, cache)
    }

    static func encoded<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try encoder.encode(value)
    }

    static func expectSame(_ cached: ContentLibrary, _ fresh: ContentLibrary) throws {
        #expect(cached.ruleOrder == fresh.ruleOrder)
        #expect(cached.rules == fresh.rules)
        #expect(cached.sections == fresh.sections)
        #expect(cached.ruleLocations == fresh.ruleLocations)
        #expect(cached.contentVersion == fresh.contentVersion)
        #expect(cached.strings == fresh.strings)
        #expect(cached.scenarioIDs == fresh.scenarioIDs)
        #expect(cached.flows.keys.sorted() == fresh.flows.keys.sorted())
        #expect(cached.curriculum?.file == fresh.curriculum?.file)
        #expect(try encoded(cached.scenarios["mini"]!.value) == encoded(fresh.scenarios["mini"]!.value),
                "the scenario survives the round trip unchanged")
        #expect(cached.scenarios["mini"]?.file == "Scenarios/mini.yaml")
    }

    @Test func aStoredLibraryComesBackEqualUntilAFileChanges() throws {
        let root = try Self.copyOfMini()
        let folder = root.appendingPathComponent(".cache")
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = ContentCache(folder: folder, programVersion: "test")
        #expect(cache.load(root: root) == nil, "nothing cached yet")
        let fresh = try ContentLoader(root: root).load()
        cache.store(fresh)
        try Self.expectSame(try #require(cache.load(root: root)), fresh)

        // Any edit to any content file misses the cache.
        let strings = root.appendingPathComponent("Content/strings/en.yaml")
        try "hello: \"Hi {name}\"\n".write(to: strings, atomically: true, encoding: .utf8)
        #expect(cache.load(root: root) == nil)
        // The same bytes again (a new file, new stamp): the hash still matches.
        try "hello: \"Hello {name}\"\n".write(to: strings, atomically: true, encoding: .utf8)
        #expect(cache.load(root: root) != nil)
        // A new program version misses it too.
        #expect(ContentCache(folder: folder, programVersion: "other").load(root: root) == nil)
    }

    @Test func unchangedStampsAreTrustedWithoutReadingTheFiles() throws {
        let (root, cache) = try Self.cached(trustStamps: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let check = try #require(cache.check(root: root))
        #expect(check.hashed.isEmpty)
        #expect(check.index.files.map(\.stamp.path) == [
            "Content/rules.yaml", "Content/strings/en.yaml", "Content/strings/zh.yaml", "Scenarios/mini.yaml",
        ])
        // Touching a file changes its stamp: it is hashed, found unchanged, and the cache still serves.
        let rules = root.appendingPathComponent("Content/rules.yaml").path
        #expect(utimes(rules, nil) == 0)
        #expect(try #require(cache.check(root: root)).hashed == ["Content/rules.yaml"])
    }

    @Test func freshlyWrittenFilesAreHashedNotTrusted() throws {
        // Files changed within seconds of the index being written cannot be vouched for by their stamps.
        let (root, cache) = try Self.cached(trustStamps: false)
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try #require(cache.check(root: root)).hashed.count == 4)
        let stamp = ContentFileStamp(path: "a.yaml", size: 1, modified: 100, changed: 90, inode: 1, device: 1)
        #expect(stamp.isRacy(writtenAt: 100, window: 0), "changed in the same instant")
        #expect(!stamp.isRacy(writtenAt: 101, window: 0))
        #expect(stamp.isRacy(writtenAt: 103, window: 3))
        #expect(!stamp.isRacy(writtenAt: 104, window: 3))
    }

    /// Rewrites `path` with different bytes of the same length and sets its modification time back.
    static func editKeepingSizeAndTime(_ path: String) throws {
        var before = stat()
        #expect(stat(path, &before) == 0)
        var bytes = try #require(FileManager.default.contents(atPath: path))
        let index = try #require(bytes.firstIndex(of: UInt8(ascii: "e")))
        bytes[index] = UInt8(ascii: "E")
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: bytes)
        try handle.close()
        var times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        var after = stat()
        #expect(stat(path, &after) == 0)
        #expect(after.st_size == before.st_size)
        #expect(after.st_mtim.tv_sec == before.st_mtim.tv_sec && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)
    }

    @Test(arguments: [true, false])
    func anEditKeepingSizeAndModificationTimeMisses(trustStamps: Bool) throws {
        for file in ["Content/rules.yaml", "Content/strings/zh.yaml", "Scenarios/mini.yaml"] {
            let (root, cache) = try Self.cached(trustStamps: trustStamps)
            defer { try? FileManager.default.removeItem(at: root) }
            #expect(cache.load(root: root) != nil)
            try Self.editKeepingSizeAndTime(root.appendingPathComponent(file).path)
            #expect(cache.load(root: root) == nil, "\(file)")
        }
    }

    @Test func addingDeletingOrRenamingAFileMisses() throws {
        let fm = FileManager.default
        let (root, cache) = try Self.cached(trustStamps: true)
        defer { try? fm.removeItem(at: root) }
        let scenario = root.appendingPathComponent("Scenarios/mini.yaml")

        // Added anywhere under Content/ or Scenarios/, even in a new subfolder.
        for added in ["Scenarios/extra.yaml", "Content/quiz/extra.yml", "Scenarios/flows/deep/extra.yaml"] {
            let url = root.appendingPathComponent(added)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try "id: extra\n".write(to: url, atomically: true, encoding: .utf8)
            #expect(cache.load(root: root) == nil, "\(added)")
            try fm.removeItem(at: url)
            #expect(cache.load(root: root) != nil, "\(added) removed again")
        }
        // Deleted.
        let kept = try Data(contentsOf: scenario)
        try fm.removeItem(at: scenario)
        #expect(cache.load(root: root) == nil)
        try kept.write(to: scenario)
        #expect(cache.load(root: root) != nil)
        // Renamed (same bytes, same inode).
        try fm.moveItem(at: scenario, to: root.appendingPathComponent("Scenarios/mini2.yaml"))
        #expect(cache.load(root: root) == nil)
        try fm.moveItem(at: root.appendingPathComponent("Scenarios/mini2.yaml"), to: scenario)
        #expect(cache.load(root: root) != nil)
        // Another content root with the same files.
        let other = try Self.copyOfMini()
        defer { try? fm.removeItem(at: other) }
        #expect(cache.load(root: other) == nil)
    }

    @Test func aDamagedOrTruncatedIndexIsIgnoredAndRebuilt() throws {
        let (root, cache) = try Self.cached(trustStamps: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let good = try Data(contentsOf: cache.indexFile)
        #expect(ContentCacheIndex(Array(good)) != nil)
        for length in stride(from: 0, to: good.count, by: max(1, good.count / 300)) + [good.count - 1] {
            try good.prefix(length).write(to: cache.indexFile)
            #expect(cache.load(root: root) == nil, "truncated to \(length) bytes")
        }
        // Any single changed byte (a digit, a string, the checksum) is caught.
        for offset in stride(from: 0, to: good.count, by: max(1, good.count / 300)) {
            var damaged = good
            damaged[offset] ^= 0x01
            try damaged.write(to: cache.indexFile)
            #expect(cache.load(root: root) == nil, "byte \(offset) changed")
        }
        try Data("{not json".utf8).write(to: cache.indexFile)
        #expect(cache.load(root: root) == nil)
        // Written again, it serves again.
        let fresh = try ContentLoader(root: root).load()
        cache.store(fresh)
        try Self.expectSame(try #require(cache.load(root: root)), fresh)
    }

    @Test(arguments: ["meta", "rules", "scenarios", "flows"])
    func aDamagedPartIsReadFromTheYAMLAndTheCacheRebuilt(kind: String) throws {
        for damage in ["truncate", "flip", "delete"] {
            let (root, cache) = try Self.cached(trustStamps: true)
            defer { try? FileManager.default.removeItem(at: root) }
            let index = try #require(cache.check(root: root)).index
            let part = cache.partFile(index.key, kind)
            let good = try Data(contentsOf: part)
            switch damage {
            case "truncate": try good.prefix(good.count / 2).write(to: part)
            case "flip":
                var bytes = good
                bytes[bytes.count / 2] ^= 0x01
                try bytes.write(to: part)
            default: try FileManager.default.removeItem(at: part)
            }
            let cached = try #require(cache.load(root: root), "the index is intact")
            try Self.expectSame(cached, try ContentLoader(root: root).load())
            #expect(cache.load(root: root) == nil, "\(kind) \(damage): dropped, so the next start rebuilds it")
        }
    }

    @Test func aFileChangedWhileLoadingIsNotCached() throws {
        let root = try Self.copyOfMini()
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = ContentCache(folder: root.appendingPathComponent(".cache"), programVersion: "test")
        let library = try ContentLoader(root: root).load()
        try "hello: \"Hi {name}\"\n".write(to: root.appendingPathComponent("Content/strings/en.yaml"), atomically: true, encoding: .utf8)
        cache.store(library)
        #expect(cache.load(root: root) == nil)
    }

    @Test func theIndexRoundTrips() throws {
        let index = ContentCacheIndex(
            schema: 3, programVersion: "1.0", root: "/r", key: "k", written: 123,
            files: [.init(stamp: ContentFileStamp(path: "Content/a b.yaml", size: 5, modified: -1, changed: 7, inode: .max, device: 0),
                          sha256: "ab")],
            parts: ["rules": "cd"], scenarioIDs: ["x", "y:z\n2"],
            strings: [.en: ["a": "line\nbreak 12:", "": ""], .zh: ["a": "中文"]])
        #expect(ContentCacheIndex(index.encoded()) == index)
    }
}
