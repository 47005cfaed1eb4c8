import ArgumentParser

struct ScenariosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scenarios", abstract: "List the scenarios by topic and difficulty.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        ScenarioList(context: try AppContext.load(global)).show()
    }
}
