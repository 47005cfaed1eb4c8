import AfterSalesKit
import ArgumentParser

/// Options every subcommand understands.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Interface language: zh or en (default: from LANG/LC_ALL).")
    var lang: Language?

    @Option(name: .long, help: "Folder holding Content/ and Scenarios/.")
    var content: String?

    @Option(name: .long, help: "Whose progress to record (default: the login name). No path separators or control characters.")
    var trainee: String?

    @Option(name: .long, help: "The progress file (default: $XDG_DATA_HOME/aftersales/<trainee>.jsonl).")
    var progress: String?

    @Option(name: .long, help: "Fix any randomness (buyer line variants, quiz order) so a run replays exactly.")
    var seed: UInt64?
}

extension Language: ExpressibleByArgument {}
