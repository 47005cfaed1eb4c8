import Foundation
import Testing

@testable import AfterSalesKit

@Suite("Content cache")
struct ContentCacheTests {
    static func copyOfMini() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("aftersales-cache-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: LoaderTests.fixtures.appendingPathComponent("mini"), to: root)
        return root
    }

    @Test func aStoredLibraryComesBackEqualUntilAFileChanges() throws {
        let root = try Self.copyOfMini()
        let folder = root.appendingPathComponent(".cache")
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = ContentCache(folder: folder, programVersion: "test")
        #expect(cache.load(root: root) == nil, "nothing cached yet")
        let fresh = try ContentLoader(root: root).load()
        cache.store(fresh)
        let cached = try #require(cache.load(root: root))
        #expect(cached.ruleOrder == fresh.ruleOrder)
        #expect(cached.rules == fresh.rules)
        #expect(cached.contentVersion == fresh.contentVersion)
        #expect(cached.strings == fresh.strings)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let a = try encoder.encode(cached.scenarios["mini"]!.value)
        let b = try encoder.encode(fresh.scenarios["mini"]!.value)
        #expect(a == b, "the scenario survives the round trip unchanged")
        #expect(cached.scenarios["mini"]?.file == "Scenarios/mini.yaml")

        // Any edit to any content file misses the cache.
        let strings = root.appendingPathComponent("Content/strings/en.yaml")
        try "hello: \"Hi {name}\"\n".write(to: strings, atomically: true, encoding: .utf8)
        #expect(cache.load(root: root) == nil)
        // A new program version misses it too.
        try "hello: \"Hello {name}\"\n".write(to: strings, atomically: true, encoding: .utf8)
        #expect(cache.load(root: root) != nil)
        #expect(ContentCache(folder: folder, programVersion: "other").load(root: root) == nil)
    }

    @Test func aDamagedCacheIsIgnored() throws {
        let root = try Self.copyOfMini()
        let folder = root.appendingPathComponent(".cache")
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = ContentCache(folder: folder, programVersion: "test")
        cache.store(try ContentLoader(root: root).load())
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            try Data("{not json".utf8).write(to: folder.appendingPathComponent(name))
        }
        #expect(cache.load(root: root) == nil)
    }
}
