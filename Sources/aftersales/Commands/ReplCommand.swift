import AfterSalesKit
import ArgumentParser
import Foundation
import Terminal

/// The interactive trainer (what `aftersales` with no arguments runs).
struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "repl", abstract: "Open the interactive trainer (the default).")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let context = try AppContext.load(global)
        let progress = try ProgressSession(context: context, options: global)
        Repl(context: context, reader: makeReader(context), grader: LazyGrader(library: context.library), seed: global.seed ?? 0,
             progress: progress).run()
    }
}

/// Readline on a terminal; plain lines from a pipe, so scripts can drive the trainer.
func makeReader(_ context: AppContext) -> LineReader {
    guard isatty(0) == 1 else { return PlainReader() }
    TerminalLocale.configure(environment: context.environment)
    return ReadlineReader(historyPath: DataFolder.historyFile(context.environment))
}

/// Where the trainer keeps its own files: `$XDG_DATA_HOME/aftersales`, else `~/.local/share/aftersales`.
enum DataFolder {
    static func url(_ environment: [String: String]) -> URL {
        let base: URL
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            base = URL(fileURLWithPath: xdg)
        } else {
            base = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share")
        }
        return base.appendingPathComponent("aftersales")
    }

    /// The command history file, in a folder created 0700 on first use; nil if it cannot be created.
    static func historyFile(_ environment: [String: String]) -> String? {
        let folder = url(environment)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            return nil
        }
        return folder.appendingPathComponent("history").path
    }
}
