import ArgumentParser

/// `aftersales play ID`: one scenario straight away, without the command prompt.
struct PlayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "play", abstract: "Play one scenario.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Scenario id (see `aftersales scenarios`).")
    var id: String

    func run() throws {
        let context = try AppContext.load(global)
        guard let scenario = ScenarioLookup.find(id, in: context) else { throw ExitCode(2) }
        let reader = makeReader(context)
        ReviewLog.record(ScenarioPlayer(context: context, reader: reader, grader: LazyGrader(library: context.library)).play(scenario, seed: global.seed ?? 0),
                         context: context)
        reader.close()
    }
}
