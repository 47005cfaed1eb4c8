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
        let progress = try ProgressSession(context: context, options: global)
        let reader = makeReader(context)
        let player = ScenarioPlayer(context: context, reader: reader, grader: LazyGrader(library: context.library))
        player.progress = progress
        player.play(scenario, seed: global.seed ?? 0)
        reader.close()
    }
}
