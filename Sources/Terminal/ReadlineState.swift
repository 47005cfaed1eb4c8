@preconcurrency import CReadline
import Synchronization

#if canImport(Glibc)
@preconcurrency import Glibc
#endif

// Readline calls back through plain C function pointers, so the state those callbacks use has to be
// global. It is touched only on the thread that runs readline, except the SIGINT flag, which is atomic.

nonisolated(unsafe) var completionProvider: (@Sendable (String) -> [String])?
nonisolated(unsafe) var completionCandidates: [String] = []
nonisolated(unsafe) var completionNext = 0
nonisolated(unsafe) var interruptNoticeText = ""

/// Set by the SIGINT handler; acted on by `signalEventHook` inside readline.
let interruptRequested = Atomic<Bool>(false)

/// Only sets a flag: anything else is unsafe in a signal handler.
let sigintHandler: @convention(c) (Int32) -> Void = { _ in
    interruptRequested.store(true, ordering: .relaxed)
}

/// Called by readline when `read` was interrupted by a signal: Ctrl-C cancels the line in place, like bash.
let signalEventHook: @convention(c) () -> Int32 = {
    guard interruptRequested.exchange(false, ordering: .relaxed) else { return 0 }
    let wasEmpty = rl_end == 0
    rl_replace_line("", 0)
    fputs("^C\n", rl_outstream)
    if wasEmpty, !interruptNoticeText.isEmpty { fputs(interruptNoticeText + "\n", rl_outstream) }
    rl_on_new_line()
    rl_redisplay()
    return 0
}

/// Completes commands as the first word and their arguments after it.
let attemptedCompletion: @convention(c) (UnsafePointer<CChar>?, Int32, Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = {
    text, start, _ in
    rl_attempted_completion_over = 1
    guard let text, let provider = completionProvider, let buffer = rl_line_buffer else { return nil }
    let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: Int(start))
    let before = String(decoding: bytes, as: UTF8.self)
    let word = String(cString: text)
    completionCandidates = provider(before).filter { $0.hasPrefix(word) }
    completionNext = 0
    return rl_completion_matches(text, completionGenerator)
}

let completionGenerator: @convention(c) (UnsafePointer<CChar>?, Int32) -> UnsafeMutablePointer<CChar>? = { _, state in
    if state == 0 { completionNext = 0 }
    guard completionNext < completionCandidates.count else { return nil }
    defer { completionNext += 1 }
    return strdup(completionCandidates[completionNext])
}
