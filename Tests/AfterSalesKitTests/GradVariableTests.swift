import Testing

@testable import AfterSalesKit

/// Scenario variables in replies: a buyer's full name is found from one part of it written as a name.
@Suite("Grader scenario variables")
struct GradVariableTests {
    static let reply = "%@, I'm sorry the kettle leaks. A replacement ships today; reply here if you need anything."

    func personalized(_ greeting: String, buyer: String) -> Bool {
        let text = Self.reply.replacingOccurrences(of: "%@", with: greeting)
        let report = GradSupport.grade(text, "apology-letter", vars: ["buyer": buyer])
        return report.criteria.first { $0.id == "personalization" }?.met ?? false
    }

    @Test(arguments: ["Hi Henrik", "Dear Mr Dahl", "Dear Henrik Dahl", "HENRIK", "hey henrik"])
    func onePartOfAFullNameIsEnough(_ greeting: String) {
        #expect(personalized(greeting, buyer: "Henrik Dahl"), "\(greeting)")
    }

    @Test func theEvidenceQuotesTheNameAsWritten() {
        let report = GradSupport.grade("Dear Ms Kowalczyk, sorry about the delay.", "apology-letter", vars: ["buyer": "Ewa Kowalczyk"])
        let evidence = report.criteria.first { $0.id == "personalization" }?.evidence.map(\.text)
        #expect(evidence == ["Kowalczyk"])
    }

    @Test func aNamePartThatIsAlsoAWordCountsOnlyWrittenAsAName() {
        #expect(!personalized("I hope this helps", buyer: "Hope Lee"))
        #expect(personalized("Dear Hope", buyer: "Hope Lee"))
    }

    @Test func anotherNameIsNotTheBuyers() {
        #expect(!personalized("Hi Maria", buyer: "Henrik Dahl"))
        #expect(!personalized("Hi there", buyer: "Henrik Dahl"))
        // A one-word name is still matched as a whole word, in any case, as before.
        #expect(personalized("hi dana", buyer: "Dana"))
        #expect(!personalized("Hi Danae", buyer: "Dana"))
    }
}
