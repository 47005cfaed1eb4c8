import Testing

@testable import AfterSalesKit

@Suite("Branch conditions")
struct ConditionTests {
    struct Context: ConditionContext {
        var values: [String: Double] = [:]
        var calls: Set<String> = []
        func value(of name: String) -> Double { values[name] ?? 0 }
        func call(_ function: String, _ argument: String) -> Double { calls.contains("\(function)(\(argument))") ? 1 : 0 }
    }

    @Test(arguments: [
        ("grade >= 70", true), ("grade > 80", false), ("mood < 50 and grade == 75", true),
        ("not fired(blame_buyer)", false), ("fired(blame_buyer) or mood > 90", true),
        ("clock >= 2d", false), ("clock >= 30h", true), ("(mood < 10 or grade >= 75) and not met(apology)", true),
        ("visits(open) != 0", false),
    ])
    func evaluates(_ text: String, _ expected: Bool) throws {
        let context = Context(values: ["grade": 75, "mood": 40, "clock": 30], calls: ["fired(blame_buyer)"])
        #expect(try Condition.parse(text).isTrue(in: context) == expected)
    }

    @Test(arguments: ["grade >=", "mood = 5", "unknown > 3", "frobnicate(x)", "(grade > 1", "grade > 1 extra", "", "fired()"])
    func rejectsMalformedConditions(_ text: String) {
        #expect(throws: Condition.ParseError.self) { try Condition.parse(text) }
    }

    @Test func listsItsCallsForTheLinter() throws {
        let condition = try Condition.parse("fired(a) and (chose(b) or not met(c))")
        #expect(condition.calls.map { "\($0.0)(\($0.1))" } == ["fired(a)", "chose(b)", "met(c)"])
    }
}
