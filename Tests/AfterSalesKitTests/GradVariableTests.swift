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

/// A reply partly in another language: a foreign line or sign-off is `wrong_language`, but only a reply wholly in another
/// language hides `no_followup` and `vague_no_action` (there is nothing English to judge).
@Suite("Grader wrong language")
struct GradWrongLanguageTests {
    static let english = "Sorry the teapot lid cracked. A new lid ships today"

    @Test(arguments: ["Saludos cordiales, Marta", "Muito obrigada pela paciência!", "（备注：请仓库尽快补发）", "Merci et bonne journée"])
    func aForeignLineInAnEnglishReply(_ line: String) {
        let report = GradSupport.grade("\(Self.english); reply here with questions.\n\(line)")
        #expect(report.fired("wrong_language"), "\(line)")
    }

    @Test func aForeignSignOffDoesNotHideAMissingFollowUp() {
        let report = GradSupport.grade("\(Self.english).\nSaludos, Marta")
        #expect(report.fired("wrong_language"))
        #expect(report.fired("no_followup"))
    }

    @Test func aReplyWhollyInAnotherLanguageIsJudgedOnlyForIt() {
        let report = GradSupport.grade("Lo sentimos mucho, la tapa de la tetera llegó rota. Le enviamos una tapa nueva hoy mismo sin costo alguno.")
        #expect(report.violations.map(\.id) == ["wrong_language"])
    }

    @Test(arguments: ["Sorry the teapot lid cracked, Olga. A new lid ships today; reply here with questions.",
                      "Sorry the café order was late, Mr Müller. A refund goes out today; reply here with questions."])
    func accentedNamesAreEnglish(_ text: String) {
        #expect(!GradSupport.grade(text).fired("wrong_language"), "\(text)")
    }
}
