@preconcurrency import CReadline

#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Line editing on a terminal through GNU readline: arrows, history across runs, tab completion,
/// Ctrl-C cancelling the current line, Ctrl-D on an empty line ending input.
public final class ReadlineReader: LineReader {
    public var completions: (@Sendable (String) -> [String])? {
        didSet { completionProvider = completions }
    }
    public var interruptNotice: String {
        get { interruptNoticeText }
        set { interruptNoticeText = newValue }
    }
    private let historyPath: String?

    /// `historyPath` is where command history is kept across runs (created 0600); nil keeps none.
    public init(historyPath: String?) {
        self.historyPath = historyPath
        rl_readline_name = UnsafePointer(strdup("aftersales"))
        rl_catch_signals = 0
        rl_instream = stdin
        // Prompts go where the trainee sees them even when stdout is redirected to a file.
        rl_outstream = isatty(fileno(stdout)) == 1 ? stdout : stderr
        rl_attempted_completion_function = attemptedCompletion
        rl_signal_event_hook = signalEventHook
        rl_completion_append_character = 32
        using_history()
        stifle_history(1000)
        if let historyPath {
            if access(historyPath, F_OK) != 0 {
                let fd = open(historyPath, O_WRONLY | O_CREAT | O_EXCL, 0o600)
                if fd >= 0 { Glibc.close(fd) }
            }
            read_history(historyPath)
        }
        var action = sigaction()
        action.__sigaction_handler.sa_handler = sigintHandler
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0  // no SA_RESTART: read() must return EINTR so readline calls the hook
        sigaction(SIGINT, &action, nil)
    }

    public func read(prompt: String, history: Bool) -> LineInput {
        interruptRequested.store(false, ordering: .relaxed)
        guard let raw = readline(prompt) else {
            fputs("\n", rl_outstream)
            return .endOfInput
        }
        defer { free(raw) }
        let line = String(cString: raw)
        if history, !line.trimmingCharacters(in: .whitespaces).isEmpty {
            add_history(raw)
            // Appended line by line, so history survives a closed terminal (SIGHUP) too.
            if let historyPath { append_history(1, historyPath) }
        }
        return .line(line)
    }

    public func close() {
        if let historyPath { history_truncate_file(historyPath, 1000) }
    }
}

import Foundation
