import AfterSalesKit
import ArgumentParser
import Foundation

/// The trainee's progress file for this run of the program. Every event is written (locked, whole,
/// synced) before the trainer moves on; when writing fails the trainee is told once and the session goes on.
final class ProgressSession {
    let trainee: String
    let log: ProgressLog?
    private let context: AppContext
    private var reportedFailure = false

    /// Opens (or creates, 0600) the file for `--trainee`/`--progress`; a bad name or path is a usage error.
    init(context: AppContext, options: GlobalOptions) throws {
        self.context = context
        let environment = context.environment
        signal(SIGXFSZ, SIG_IGN)  // a file-size limit becomes an error to report, not a killed program
        let name: TraineeName
        do {
            if let given = options.trainee {
                name = try TraineeName(given)
            } else if let login = TraineeName.login(environment: environment) {
                name = login
            } else {
                name = try TraineeName("trainee")
            }
        } catch {
            standardError(Self.message(error, context))
            throw ExitCode(2)
        }
        trainee = name.value
        let path: String
        if let given = options.progress {
            path = given
        } else {
            do {
                path = try ProgressLocation.defaultFile(for: name, environment: environment)
            } catch {
                standardError(Self.message(error, context))
                throw ExitCode(2)
            }
        }
        do {
            let opened = try ProgressLog(path: path, program: "aftersales \(AfterSalesCommand.version)")
            log = opened
            for warning in opened.openingWarnings { standardError(context.strings(warning.key, warning.arguments)) }
            if let reason = opened.readOnlyReason { standardError(Self.message(.readOnly(path: path, reason: reason), context)) }
        } catch {
            // The session still runs; nothing can be recorded, and the trainee knows why.
            standardError(Self.message(error, context))
            log = nil
            reportedFailure = true
        }
    }

    /// Appends one event; failures are reported once per session, never fatal, never silent.
    func record(_ event: ProgressEvent) {
        guard let log, log.isWritable else { return }
        do {
            for warning in try log.append(event) { standardError(context.strings(warning.key, warning.arguments)) }
        } catch {
            if !reportedFailure { standardError(Self.message(error, context)) }
            reportedFailure = true
        }
    }

    /// The trainee's state, replayed from the file.
    func state() -> TraineeState {
        guard let log, let replayed = try? log.replay(options: .init(timeZone: .current)) else { return TraineeState() }
        return replayed.state
    }

    /// Every event in file order (for review history and charts).
    func events() -> [ProgressEvent] {
        guard let log, let all = try? log.records() else { return [] }
        return all.records.map(\.event)
    }

    static func message(_ error: ProgressError, _ context: AppContext) -> String {
        let text = context.strings(error.key, error.arguments)
        return text == error.key ? error.description : text
    }
}

