import Foundation
import Testing

@testable import AfterSalesKit

/// Answer checking for every type, with English and Chinese input, tolerance edges and bad input.
@Suite("Quiz answer checking")
struct QuizCheckTests {
    typealias F = QuizFixtures
    let en = AnswerChecker(vocabulary: F.vocabulary, language: .en)
    let zh = AnswerChecker(vocabulary: F.vocabulary, language: .zh)

    func retryKey(_ outcome: AnswerOutcome) -> String? {
        if case .needsRetry(let key, _) = outcome { return key }
        return nil
    }

    @Test func vocabularyLoaded() {
        #expect(F.vocabulary.violations.count == 12)
        #expect(F.vocabulary.violations.first?.id == "blame_buyer")
        #expect(F.vocabulary.unit(alias: "小时")?.id == "hours")
        #expect(F.vocabulary.words.yes.contains("true") && F.vocabulary.words.no.contains("错"))
        #expect(!F.vocabulary.words.none.isEmpty && !F.vocabulary.words.catchAll.isEmpty && !F.vocabulary.words.filler.isEmpty)
    }

    // MARK: single

    /// File order A, B, C, D (B right); shown as C, A, D, B → the right option is number 4 on screen.
    var single: PresentedQuestion {
        PresentedQuestion(question: F.question("s", .single(options: F.options([("Alpha", "甲"), ("Bravo", "乙"), ("Charlie", "丙"), ("Delta", "丁")]), answer: 1)),
                          order: [2, 0, 3, 1])
    }

    @Test func singleChoiceByDisplayNumber() {
        #expect(en.check("4", for: single) == .correct)
        #expect(en.check(" 4. ", for: single) == .correct)
        #expect(en.check("４", for: single) == .correct, "full-width digit")
        #expect(en.check("2", for: single) == .incorrect, "number 2 on screen is Alpha")
    }

    @Test func singleChoiceByOptionTextInEitherLanguage() {
        #expect(en.check("bravo", for: single) == .correct)
        #expect(en.check("乙", for: single) == .correct)
        #expect(zh.check("Bravo!", for: single) == .correct)
        #expect(en.check("Delta", for: single) == .incorrect)
    }

    @Test func singleChoiceBadInputGetsASecondTry() {
        #expect(en.check("", for: single) == .retry("empty"))
        #expect(en.check("   ", for: single) == .retry("empty"))
        #expect(en.check("5", for: single) == .retry("out_of_range", ["number": "5", "max": "4"]))
        #expect(en.check("0", for: single) == .retry("out_of_range", ["number": "0", "max": "4"]))
        #expect(en.check("1 4", for: single) == .retry("one_number", ["max": "4"]))
        #expect(en.check("the second one", for: single) == .retry("not_a_choice", ["max": "4"]))
        #expect(en.check("第四个", for: single) == .needsRetry(key: "quiz.retry.other_language_choice", args: ["typed_language": "zh", "max": "4"]),
                "Chinese typed in the English interface")
        #expect(zh.check("fourth", for: single) == .needsRetry(key: "quiz.retry.other_language_choice", args: ["typed_language": "en", "max": "4"]))
    }

    // MARK: multi

    var multi: PresentedQuestion {
        // File order: A (right), B, C (right), D; shown as-is.
        PresentedQuestion(question: F.question("m", .multi(options: F.options([("A", "甲"), ("B", "乙"), ("C", "丙"), ("D", "丁")]), answers: [0, 2])),
                          order: [0, 1, 2, 3])
    }

    @Test func multipleSelect() {
        for input in ["1 3", "1,3", "3, 1", "1，3", "1、3", "1;3", "3 1 1"] {
            #expect(en.check(input, for: multi) == .correct, "\(input)")
        }
        #expect(en.check("1", for: multi) == .partial)
        #expect(en.check("1 2 3", for: multi) == .partial)
        #expect(en.check("2 4", for: multi) == .incorrect)
        #expect(en.check("A, C", for: multi) == .correct, "option texts separated by commas")
        #expect(en.check("1 5", for: multi) == .retry("out_of_range", ["number": "5", "max": "4"]))
    }

    // MARK: true/false

    @Test func trueFalseInBothLanguages() {
        let statement = PresentedQuestion(question: F.question("t", .trueFalse(false)), order: [])
        for input in ["false", "F", "FALSE.", "no", "错", "否", "错误", "不对", "×"] {
            #expect(en.check(input, for: statement) == .correct, "\(input)")
            #expect(zh.check(input, for: statement) == .correct, "\(input) in the zh interface")
        }
        for input in ["true", "t", "对", "正确", "yes"] {
            #expect(en.check(input, for: statement) == .incorrect, "\(input)")
        }
        #expect(en.check("maybe", for: statement) == .retry("truefalse"))
        #expect(en.check("也许", for: statement) == .retry("truefalse"))
    }

    // MARK: numeric

    var hours48: PresentedQuestion {
        PresentedQuestion(question: F.question("n", .numeric(value: 48, unit: F.unit("hours"), tolerance: 0)), order: [])
    }

    @Test func numericAcceptsUnitsInBothLanguages() {
        for input in ["48", "48h", "48 h", "48 hours", "48 Hours.", "48小时", "48 小时", "４８小时", "48-hour", "within 48 hours", "48小时内", "2 days", "2天"] {
            #expect(en.check(input, for: hours48) == .correct, "\(input)")
        }
        #expect(en.check("47", for: hours48) == .incorrect)
        #expect(en.check("3 days", for: hours48) == .incorrect, "72 hours")
        #expect(en.check("72h", for: hours48) == .incorrect)
    }

    @Test func numericBadInputGetsASecondTry() {
        #expect(retryKey(en.check("forty-eight", for: hours48)) == "quiz.retry.not_a_number")
        #expect(retryKey(en.check("四十八小时", for: hours48)) == "quiz.retry.not_a_number")
        #expect(retryKey(en.check("48 dollars", for: hours48)) == "quiz.retry.wrong_unit")
        #expect(retryKey(en.check("48%", for: hours48)) == "quiz.retry.wrong_unit")
        #expect(retryKey(en.check("2 business days", for: hours48)) == "quiz.retry.wrong_unit", "business days do not convert to hours")
        #expect(retryKey(en.check("48 parsecs", for: hours48)) == "quiz.retry.unknown_unit")
        #expect(retryKey(en.check("24 or 48", for: hours48)) == "quiz.retry.one_quantity")
        #expect(en.check("", for: hours48) == .retry("empty"))
    }

    @Test func numericToleranceEdgesAreInclusive() {
        let percent = PresentedQuestion(question: F.question("p", .numeric(value: 80, unit: F.unit("percent"), tolerance: 5)), order: [])
        #expect(en.check("75", for: percent) == .correct)
        #expect(en.check("85%", for: percent) == .correct)
        #expect(en.check("８５％", for: percent) == .correct)
        #expect(en.check("74.9", for: percent) == .incorrect)
        #expect(en.check("85.01 %", for: percent) == .incorrect)
        let exact = PresentedQuestion(question: F.question("d", .numeric(value: 7, unit: F.unit("days"), tolerance: 0)), order: [])
        #expect(en.check("7 days", for: exact) == .correct)
        #expect(en.check("168 hours", for: exact) == .correct, "converted within the time dimension")
        #expect(en.check("7.01", for: exact) == .incorrect)
        #expect(en.check("6.99", for: exact) == .incorrect)
    }

    @Test func numericMoney() {
        let money = PresentedQuestion(question: F.question("u", .numeric(value: 1000, unit: F.unit("usd"), tolerance: 0)), order: [])
        for input in ["1000", "$1,000", "$1000", "1,000 dollars", "1000 USD", "US$1,000", "1000美元", "1,000 美元", "up to $1,000"] {
            #expect(en.check(input, for: money) == .correct, "\(input)")
        }
        #expect(en.check("$1,001", for: money) == .incorrect)
        #expect(en.check("$10,000", for: money) == .incorrect)
    }

    // MARK: ordering

    /// Steps A, B, C, D shown as B, D, A, C: the right order on screen is 3 1 4 2.
    var ordering: PresentedQuestion {
        PresentedQuestion(question: F.question("o", .ordering(steps: F.options([("A", "甲"), ("B", "乙"), ("C", "丙"), ("D", "丁")]))),
                          order: [1, 3, 0, 2])
    }

    @Test func orderingFormats() {
        #expect(ordering.correctDisplayNumbers == [3, 1, 4, 2])
        for input in ["3 1 4 2", "3,1,4,2", "3, 1, 4, 2", "3142", "3 → 1 → 4 → 2", "3-1-4-2", "３，１，４，２", "3、1、4、2"] {
            #expect(en.check(input, for: ordering) == .correct, "\(input)")
        }
        #expect(en.check("3 1 2 4", for: ordering) == .partial, "half the steps in place")
        #expect(en.check("2 4 1 3", for: ordering) == .incorrect)
    }

    @Test func orderingBadInput() {
        #expect(retryKey(en.check("3 1 4", for: ordering)) == "quiz.retry.order_count")
        #expect(en.check("3 1 4 4", for: ordering) == .retry("order_duplicate", ["number": "4"]))
        #expect(en.check("3 1 4 5", for: ordering) == .retry("out_of_range", ["number": "5", "max": "4"]))
        #expect(retryKey(en.check("first the apology", for: ordering)) == "quiz.retry.order_format")
        #expect(retryKey(en.check("先道歉", for: ordering)) == "quiz.retry.other_language_choice")
    }

    // MARK: short text

    var channel: PresentedQuestion {
        PresentedQuestion(question: F.question("x", .text(accept: AcceptedAnswers(en: ["Buyer-Seller Messaging"], zh: ["买家与卖家消息"]))), order: [])
    }

    @Test func shortTextNormalisation() {
        for input in ["Buyer-Seller Messaging", "buyer seller messaging", "BUYER-SELLER MESSAGING!", "  buyer  seller   messaging. ",
                      "Ｂｕｙｅｒ－Ｓｅｌｌｅｒ　Ｍｅｓｓａｇｉｎｇ", "“buyer–seller messaging”", "buyersellermessaging", "买家与卖家消息", "买家与卖家消息。", " 买家 与 卖家 消息 "] {
            #expect(en.check(input, for: channel) == .correct, "\(input)")
            #expect(zh.check(input, for: channel) == .correct, "\(input) in the zh interface")
        }
        #expect(en.check("e-mail", for: channel) == .incorrect)
        #expect(en.check("邮件", for: channel) == .incorrect)
    }

    @Test func shortTextInALanguageTheItemCannotJudge() {
        let term = PresentedQuestion(question: F.question("y", .text(accept: AcceptedAnswers(en: ["SAFE-T"], zh: []))), order: [])
        #expect(en.check("safe t", for: term) == .correct)
        #expect(en.check("SafeT claim", for: term) == .incorrect)
        #expect(zh.check("安全索赔", for: term) == .needsRetry(key: "quiz.retry.other_language",
                                                          args: ["typed_language": "zh", "expected_language": "en"]))
    }

    // MARK: spot the problem

    var spot: PresentedQuestion {
        PresentedQuestion(question: F.question("z", .spot(reply: "You are wrong. Calm down.", violations: ["blame_buyer", "hostile_tone"])), order: [])
    }

    @Test func spotTheProblem() {
        // blame_buyer is 1 and hostile_tone 7 in the vocabulary's list.
        for input in ["1 7", "7,1", "7，1", "blame_buyer hostile_tone", "blame buyer, hostile tone", "指责买家，7"] {
            #expect(en.check(input, for: spot) == .correct, "\(input)")
        }
        #expect(en.check("1", for: spot) == .partial)
        #expect(en.check("1 7 8", for: spot) == .partial)
        #expect(en.check("2", for: spot) == .incorrect)
        #expect(en.check("0", for: spot) == .incorrect, "there is a problem")
        #expect(en.check("13", for: spot) == .retry("spot_out_of_range", ["number": "13", "max": "12"]))
        #expect(en.check("0 1", for: spot) == .retry("spot_none_and_more", ["max": "12"]))
        #expect(en.check("rude", for: spot) == .retry("spot_unknown", ["typed": "rude", "max": "12"]))
    }

    @Test func spotAFineReply() {
        let fine = PresentedQuestion(question: F.question("f", .spot(reply: "Hi Dana, I've refunded you today.", violations: [])), order: [])
        for input in ["0", "none", "None.", "没有问题", "无"] {
            #expect(en.check(input, for: fine) == .correct, "\(input)")
        }
        #expect(en.check("3", for: fine) == .incorrect)
    }

    // MARK: messages

    @Test func retryMessagesAreFilledInBothLanguages() {
        let english = QuestionRenderer(strings: F.strings(.en), vocabulary: F.vocabulary)
        let chinese = QuestionRenderer(strings: F.strings(.zh), vocabulary: F.vocabulary)
        let line = english.retry(key: "quiz.retry.other_language", args: ["typed_language": "zh", "expected_language": "en"])
        #expect(line.text.contains("Chinese") && line.text.contains("English"))
        #expect(line.style == .retry)
        let zhLine = chinese.retry(key: "quiz.retry.out_of_range", args: ["number": "5", "max": "4"])
        #expect(zhLine.text == "没有编号 5：请输入 1 到 4。")
        for key in F.strings(.en).entries.keys where key.hasPrefix("quiz.") || key.hasPrefix("review.") {
            #expect(F.strings(.zh).entries[key] != nil, "\(key) has no zh text")
        }
    }
}
