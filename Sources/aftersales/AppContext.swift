import AfterSalesKit
import ArgumentParser
import Foundation
import Terminal

/// What every command needs: the loaded content, the interface language and strings, the console.
struct AppContext {
    let library: ContentLibrary
    let language: Language
    let strings: StringTable
    let console: Console
    let environment: [String: String]

    /// Loads and checks the content; on any error prints file:line:column diagnostics to stderr and exits 1.
    /// `cachedIfAny` (with `checked: false`): a clean cached library may stand in for parsing, for callers that
    /// need only the strings (linting other content roots).
    static func load(_ options: GlobalOptions, checked: Bool = true, cachedIfAny: Bool = false) throws -> AppContext {
        let environment = ProcessInfo.processInfo.environment
        let language = options.lang ?? Language.fromEnvironment(environment)
        let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        let root: URL
        do {
            root = try ContentRoot.locate(
                option: options.content, environment: environment, executable: executable,
                workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            .url
        } catch {
            // Without content there are no strings yet; this one message is in English and Chinese.
            standardError("aftersales: \(error)\n找不到训练内容：请使用 --content 目录 或设置 AFTERSALES_CONTENT。")
            throw ExitCode(1)
        }
        let library = try loadLibrary(root: root, language: language, environment: environment, checked: checked,
                                      cachedIfAny: cachedIfAny)
        return AppContext(library: library, language: language, strings: library.strings(for: language),
                          console: Console(environment: environment), environment: environment)
    }

    /// Content that loaded and linted cleanly is cached; `checked: false` (for `lint`) always parses the YAML
    /// and leaves judging it to the caller.
    private static func loadLibrary(root: URL, language: Language, environment: [String: String], checked: Bool,
                                    cachedIfAny: Bool) throws -> ContentLibrary {
        let cache = ContentCache(folder: ContentCache.defaultFolder(environment: environment), programVersion: AfterSalesCommand.version)
        let useCache = checked && environment["AFTERSALES_NO_CACHE"] == nil
        if useCache || (cachedIfAny && environment["AFTERSALES_NO_CACHE"] == nil), let cached = cache.load(root: root) { return cached }
        let problemsTitle = language == .zh ? "训练内容有错误，请修正后重新启动：" : "The training content has errors; fix them and start again:"
        let library: ContentLibrary
        do {
            library = try ContentLoader(root: root).load()
        } catch {
            standardError(problemsTitle + "\n" + error.diagnostics.map { Sanitize.line($0.description) }.joined(separator: "\n"))
            throw ExitCode(1)
        }
        guard checked else { return library }
        let errors = ContentLinter(library: library, context: ContentChecks.lintContext(library)).run().errors
        guard errors.isEmpty else {
            standardError(problemsTitle + "\n" + errors.map { Sanitize.line($0.description) }.joined(separator: "\n"))
            throw ExitCode(1)
        }
        if useCache { cache.store(library) }
        return library
    }
}

func standardError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Control sequences never reach the terminal from data, even on error paths.
enum Sanitize {
    static func line(_ text: String) -> String { Sanitizer.clean(text) }
}
