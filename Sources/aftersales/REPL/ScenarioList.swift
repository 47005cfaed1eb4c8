import AfterSalesKit
import Terminal

/// The `scenarios` listing: by topic, then difficulty.
struct ScenarioList {
    let context: AppContext

    func show() {
        let s = context.strings
        let scenarios = context.library.sortedScenarios
        guard !scenarios.isEmpty else { return context.console.line(s("scenarios.none")) }
        context.console.line(s("scenarios.title", ["count": "\(scenarios.count)"]), .bold)
        let idWidth = scenarios.map { DisplayWidth.of($0.id) }.max() ?? 0
        let topicWidth = scenarios.map { DisplayWidth.of(s("topic.\($0.topic)")) }.max() ?? 0
        for scenario in scenarios {
            let topic = s("topic.\(scenario.topic)")
            let stars = String(repeating: "★", count: scenario.difficulty) + String(repeating: "☆", count: max(0, 3 - scenario.difficulty))
            context.console.line(
                s("scenarios.row", [
                    "topic": pad(topic, topicWidth), "stars": stars, "id": pad(scenario.id, idWidth),
                    "title": scenario.title.text(context.language),
                ]), indent: String(repeating: " ", count: topicWidth + idWidth + 9))
        }
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - DisplayWidth.of(text)))
    }
}
