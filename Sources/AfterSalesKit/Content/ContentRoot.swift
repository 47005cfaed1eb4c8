import Foundation

/// Finds the folder that holds `Content/` and `Scenarios/`.
public enum ContentRoot {
    public enum Origin: String, Sendable { case option = "--content", environment = "AFTERSALES_CONTENT", executable, workingDirectory }

    public struct NotFound: Error, Sendable, CustomStringConvertible {
        public var tried: [String]
        public var description: String {
            "no content folder found (a folder holding Content/ and Scenarios/); tried: \(tried.joined(separator: ", "))"
        }
    }

    /// Order: `--content DIR`, `AFTERSALES_CONTENT`, then walking up from the executable and from the current directory.
    public static func locate(option: String?, environment: [String: String], executable: URL?, workingDirectory: URL)
        throws -> (url: URL, origin: Origin)
    {
        var tried: [String] = []
        if let option {
            let url = URL(fileURLWithPath: option, relativeTo: workingDirectory).standardizedFileURL
            guard isRoot(url) else { throw NotFound(tried: ["--content \(option)"]) }
            return (url, .option)
        }
        if let value = environment["AFTERSALES_CONTENT"], !value.isEmpty {
            let url = URL(fileURLWithPath: value, relativeTo: workingDirectory).standardizedFileURL
            guard isRoot(url) else { throw NotFound(tried: ["AFTERSALES_CONTENT=\(value)"]) }
            return (url, .environment)
        }
        let starts: [(URL?, Origin)] = [
            (executable?.resolvingSymlinksInPath().deletingLastPathComponent(), .executable),
            (workingDirectory, .workingDirectory),
        ]
        for case let (start?, origin) in starts {
            var url = start.standardizedFileURL
            while true {
                if isRoot(url) { return (url, origin) }
                tried.append(url.path)
                let parent = url.deletingLastPathComponent()
                if parent.path == url.path { break }
                url = parent
            }
        }
        throw NotFound(tried: [tried.first, tried.last].compactMap { $0 } + ["…"])
    }

    public static func isRoot(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        let fm = FileManager.default
        return fm.fileExists(atPath: url.appendingPathComponent("Content").path, isDirectory: &isDirectory)
            && isDirectory.boolValue
            && fm.fileExists(atPath: url.appendingPathComponent("Scenarios").path, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }
}
