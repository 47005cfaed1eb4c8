import Foundation
import Testing

@testable import AfterSalesKit

/// The negation and context guards the issue names, and the phrasings support agents actually use.
@Suite("Grader guards and phrasings")
struct GradGuardTests {
    func met(_ text: String, _ rubric: String = "apology-letter") -> Set<String> {
        Set(GradSupport.grade(text, rubric).criteria.filter(\.met).map(\.id))
    }

    // MARK: the guards

    @Test func notSorryIsNoApologyAndHostile() {
        let report = GradSupport.grade("I'm not sorry. The refund was issued today; reply here with questions.")
        #expect(!report.met("apology"))
        #expect(report.fired("hostile_tone"))
        #expect(GradSupport.grade("I'm so sorry. The refund was issued today; reply here with questions.").met("apology"))
    }

    @Test func noRefundWillBeIssuedIsNoRemedy() {
        #expect(!met("Sorry, no refund will be issued for this order.").contains("concrete_solution"))
        #expect(!met("Sorry, a refund is not possible.").contains("concrete_solution"))
        #expect(!met("We cannot offer a replacement.").contains("concrete_solution"))
        #expect(met("Sorry, a full refund will be issued today.").contains("concrete_solution"))
        // "don't hesitate", "no extra cost" negate nothing.
        #expect(met("Don't hesitate to ask: I'll send a replacement at no extra cost.").contains("concrete_solution"))
    }

    @Test func sorryYouFeelThatWayIsANonApology() {
        #expect(!met("We're sorry you feel that way.").contains("apology"))
        #expect(!met("I'm sorry if you were disappointed.").contains("apology"))
        #expect(met("We're sorry your order arrived late.").contains("apology"))
        #expect(met("I can't apologize enough for this.").contains("apology"))
    }

    @Test func aStatusOrClaimNamedInQuotesIsNoScareQuote() {
        // The buyer's word doubted in quotes is; a status, claim type or option named by its label is not.
        #expect(GradSupport.live("Your \"broken\" blender works fine on our bench.", "scare_quote") == ["\"broken\""])
        #expect(GradSupport.live("So the \"missing\" parcel turned up after all.", "scare_quote") == ["\"missing\""])
        #expect(GradSupport.live("A \"delivered\" status with no box on the porch is infuriating.", "scare_quote").isEmpty)
        #expect(GradSupport.live("I see the \"item not received\" claim you opened yesterday.", "scare_quote").isEmpty)
        #expect(GradSupport.live("The tracking shows a \"delivered\" scan at 2 pm.", "scare_quote").isEmpty)
        // The label word must follow the quote at once and in the same sentence.
        #expect(GradSupport.live("Your \"damaged\" lamp, the claim says, works.", "scare_quote") == ["\"damaged\""])
        #expect(!GradSupport.fired("A \"delivered\" status with no box on the porch is infuriating; I am sending a new one today.").contains("blame_buyer"))
    }

    @Test func conditionalBlameWithoutTheWordFault() {
        #expect(GradSupport.fired("If you had read the listing you would know it runs small.").contains("blame_buyer"))
        #expect(GradSupport.fired("As clearly stated in the listing, it is hand wash only.").contains("blame_buyer"))
        #expect(GradSupport.fired("You must have dropped it.").contains("blame_buyer"))
        #expect(GradSupport.fired("This looks like customer error.").contains("blame_buyer"))
        #expect(GradSupport.fired("You should have measured first.").contains("blame_buyer"))
        #expect(!GradSupport.fired("It's not your fault at all. A replacement ships today.").contains("blame_buyer"))
        #expect(!GradSupport.fired("You should have it by Friday. A replacement ships today.").contains("blame_buyer"))
        #expect(!GradSupport.fired("If you'd prefer a refund, choose that option.").contains("blame_buyer"))
    }

    @Test func politeReviewChangeRequestIsCaught() {
        for text in ["Kindly update your review once resolved.", "Would you consider revising your rating?",
                     "Could you please remove your 1-star review?", "We hope you'll change your 1-star to 5 stars.",
                     "Once it arrives, we'd be grateful if you updated this review.", "It would mean a lot if your review could reflect our service."] {
            #expect(GradSupport.fired(text, "review-response").contains("review_change_request"), "\(text)")
        }
        #expect(!GradSupport.fired("We will never ask you to change your review.", "review-response").contains("review_change_request"))
        #expect(!GradSupport.fired("We've updated the listing after reading your review.", "review-response").contains("review_change_request"))
    }

    @Test func obfuscatedContactIsExternal() {
        for text in ["Reach us at support [at] shop [dot] com.", "Email help@shop-direct.com", "Call +1 (415) 555-0132.",
                     "Visit www.shop-direct.com", "Add us on WhatsApp.", "write to support at shop dot com", "find us at bit.ly/abc"] {
            #expect(GradSupport.fired(text).contains("external_contact"), "\(text)")
        }
        for text in ["Your order 113-4829301-2210837 is on its way.", "Refund within 2 business days.", "Track it on amazon.com.",
                     "Reply to this message.", "The package weighs 3.2 lb and shipped 2024-05-12."] {
            #expect(!GradSupport.fired(text).contains("external_contact"), "\(text)")
        }
    }

    // MARK: seller feedback vs product review

    @Test func sellerFeedbackAllowsOneNeutralSentenceOnceSolved() {
        let solved = "Sorry the order was late; I've refunded your shipping today. Reply here with any questions. You can update your feedback if you wish."
        #expect(!GradSupport.fired(solved, "review-response", context: ["feedback_kind": "seller-feedback"]).contains("review_change_request"))
        // The same sentence about a product review is a request to change it.
        #expect(GradSupport.fired(solved, "review-response", context: ["feedback_kind": "product-review"]).contains("review_change_request"))
        // Not solved yet, pressure, or something offered: never allowed.
        let unsolved = "Sorry the order was late. We are checking with the carrier. You can update your feedback if you wish."
        #expect(GradSupport.fired(unsolved, "review-response", context: ["feedback_kind": "seller-feedback"]).contains("review_change_request"))
        let pressed = "I've refunded your shipping today. Please update your feedback."
        #expect(GradSupport.fired(pressed, "review-response", context: ["feedback_kind": "seller-feedback"]).contains("review_change_request"))
        let bought = "I've refunded your shipping today. You can update your feedback and we'll send a $10 voucher."
        let violations = GradSupport.fired(bought, "review-response", context: ["feedback_kind": "seller-feedback"])
        #expect(violations.contains("review_change_request") && violations.contains("review_incentive"))
    }

    // MARK: phrasings from real support replies

    @Test(arguments: ["I apologize for the mix-up.", "We're so sorry about this.", "My apologies for the trouble.",
                      "Please accept our apologies.", "We sincerely regret the error.", "Sorry about that!", "I feel terrible about this."])
    func apologies(_ text: String) { #expect(met(text).contains("apology"), "\(text)") }

    @Test(arguments: ["This was our mistake.", "We shipped the wrong size.", "That's on us.", "We messed up your order.",
                      "I take full responsibility.", "The error was ours.", "We dropped the ball here."])
    func ownership(_ text: String) { #expect(met(text).contains("ownership"), "\(text)") }

    @Test(arguments: ["I've issued a full refund.", "A replacement ships today.", "We'll reship it.", "I'm sending you a new one.",
                      "Here is a prepaid return label.", "I've credited your account $10.", "We'll send the missing part."])
    func remedies(_ text: String) { #expect(met(text).contains("concrete_solution"), "\(text)") }

    @Test(arguments: ["It ships within 24 hours.", "You'll have it by Friday.", "Expect it in 3-5 business days.", "It goes out today.",
                      "I've already issued it.", "It arrives tomorrow morning."])
    func timelines(_ text: String) { #expect(met(text).contains("timeline"), "\(text)") }

    @Test(arguments: ["We'll send it soon.", "We will refund you as soon as possible.", "We'll get to it in due course."])
    func vagueTimesAreNoTimeline(_ text: String) { #expect(!met(text).contains("timeline"), "\(text)") }

    @Test(arguments: ["Reply to this message if anything's wrong.", "Just reply here.", "Message us through Amazon messages.",
                      "You can reach us via Buyer-Seller Messaging.", "I'll update you in this thread."])
    func followUp(_ text: String) { #expect(met(text).contains("followup_channel"), "\(text)") }

    @Test(arguments: ["You should have read the description.", "As clearly stated in the listing, it is not waterproof.",
                      "This is customer error.", "You must have dropped it.", "The chair was assembled incorrectly.",
                      "We know you received it.", "Your claim is fraudulent.", "It's not our fault."])
    func blame(_ text: String) { #expect(GradSupport.fired(text).contains("blame_buyer"), "\(text)") }

    @Test(arguments: ["Calm down.", "As I already told you, it shipped.", "Policy is policy.", "This is ridiculous.",
                      "Stop sending the same message.", "WE ALREADY SHIPPED YOUR ORDER YESTERDAY."])
    func hostility(_ text: String) { #expect(GradSupport.fired(text).contains("hostile_tone"), "\(text)") }

    @Test(arguments: ["Obviously you didn't read it, but sure.", "Congratulations on breaking it in a day.", "What a surprise.",
                      "Thanks for the lovely one-star review.", "Your \"broken\" blender works fine."])
    func sarcasm(_ text: String) { #expect(GradSupport.fired(text).contains("sarcasm"), "\(text)") }

    @Test(arguments: ["Would you consider revising your review?", "Please update your rating.", "Could you remove your review?",
                      "Please change your 1-star rating.", "We'd love a few more stars."])
    func reviewChange(_ text: String) { #expect(GradSupport.fired(text, "review-response").contains("review_change_request"), "\(text)") }

    @Test(arguments: ["We'll send a $20 gift card if you remove your review.", "Update your review and we'll refund you in full.",
                      "Get 30% off your next order in exchange for a 5-star review."])
    func incentives(_ text: String) { #expect(GradSupport.fired(text, "review-response").contains("review_incentive"), "\(text)") }

    @Test(arguments: ["Please send us your phone number.", "What is your home address?", "Reply with your card number.",
                      "Could you confirm your email address?"])
    func personalData(_ text: String) { #expect(GradSupport.fired(text).contains("personal_info_request"), "\(text)") }

    @Test func placeholdersAndOverpromises() {
        #expect(GradSupport.fired("Dear [Customer Name], sorry.").contains("unfilled_placeholder"))
        #expect(GradSupport.fired("Hi {buyer_name}, sorry.").contains("unfilled_placeholder"))
        #expect(!GradSupport.fired("Choose [Return or Replace Items]? No: choose Return.").contains("unfilled_placeholder"))
        #expect(GradSupport.fired("I guarantee this will never happen again.").contains("overpromise"))
        #expect(!GradSupport.fired("Your A-to-z Guarantee claim is being handled.").contains("overpromise"))
    }
}
