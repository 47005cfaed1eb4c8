import Foundation
import Testing

@testable import AfterSalesKit

/// Phrase families added in session 3 (implicit blame, condescension, hedged review requests, personal data in many
/// verbs) and the guards that keep clean replies clean. Every sentence here is written for this test, not taken from
/// the corpus, so a family is tested by wordings the lexicon was not tuned on line by line.
@Suite("Grader phrase families")
struct GradPhraseFamilyTests {
    func fired(_ text: String, _ rubric: String = "apology-letter", context: [String: String] = [:]) -> Set<String> {
        Set(GradSupport.grade(text, rubric, context: context).violations.map(\.id))
    }

    // MARK: implicit blame

    @Test(arguments: [
        "You could have just asked us before opening the box.",
        "You should have waited for the second delivery attempt.",
        "Please be more careful with glass items in future.",
        "The kettle works fine when used correctly.",
        "These hinges hold the door perfectly if properly installed.",
        "Did you even look at the measurements?",
        "As per the product description, the rug is 120 cm wide.",
        "According to the size chart, a medium was the right pick.",
        "Most customers have no trouble with this zip at all.",
        "Nobody else has complained about the strap.",
        "We have noticed a pattern of returns on this account.",
        "There are several refund requests from your account this year.",
        "It was most likely taken after delivery by someone passing by.",
        "A housemate might have picked it up from the porch.",
        "We can tell you dropped it from the dent on the corner.",
        "This is a baseless complaint.",
        "It was your own installation mistake.",
        "The warning on the leaflet covers this, which the leaflet explains.",
        "Hundreds of owners ride this bike daily without a single brake issue.",
        "Our knives are trusted by chefs every day.",
        "The lid was probably twisted too hard.",
        "The mat is exactly the length printed on the box.",
        "The crack must have happened after it was delivered.",
        "This is the fifth return you have requested since spring.",
        "We see a lot of serial returners on this item.",
        "The lamp you got is the only one in our whole batch that flickers.",
        "Did you remember to remove the transit screw?",
    ])
    func implicitBlame(_ text: String) { #expect(fired(text).contains("blame_buyer"), "\(text)") }

    @Test(arguments: [
        "You shouldn't have to wait this long; a replacement ships today.",
        "You should have the refund by Thursday.",
        "Please read on for the return steps: print the label and drop the parcel off.",
        "Our other customers will get the new packaging too, so this won't happen again.",
        "Anyone who updates their address on Amazon gets it applied automatically.",
        "We checked the tracking: the parcel was delivered at 2 pm; I've opened a trace with the carrier.",
    ])
    func cleanRepliesAreNotBlame(_ text: String) { #expect(!fired(text).contains("blame_buyer"), "\(text)") }

    @Test(arguments: [
        "We'll report the carrier's damage to Amazon and refund you today.",
        "This is the second time we've had to reship with this courier, so we've switched carriers.",
        "The drill left our warehouse in perfect condition, so the damage must have happened in transit; we've filed a claim with UPS.",
        "Most customers find it runs small, so a replacement in the next size ships today.",
        "The blender is used by thousands of customers; we're sorry yours failed and a new one ships today.",
        "Your review reflects a real gap in our packaging, and we've changed it since.",
        "Thank you so much for your review, Maria; the replacement ships today.",
    ])
    func cleanRepliesFireNothingCritical(_ text: String) {
        let critical: Set = ["blame_buyer", "hostile_tone", "sarcasm", "review_change_request", "review_incentive", "personal_info_request"]
        #expect(fired(text, "review-response").isDisjoint(with: critical), "\(text)")
    }

    // MARK: condescension

    @Test(arguments: [
        "As I have explained twice already, the courier is at fault.",
        "We've told you several times that the order shipped.",
        "Please read my last message carefully.",
        "Kindly reread the instructions.",
        "It should be obvious that the cover is sold separately.",
        "As you should know, returns start in Your Orders.",
        "Let me spell it out for you.",
        "With all due respect, the item is fine.",
        "Your 1-star rating is unfair to our team.",
        "That's an unjustified review.",
        "We will have no choice but to block your account from future orders.",
        "We are tracking repeat returners closely.",
        "Any further claims and we'll flag your account.",
    ])
    func condescension(_ text: String) { #expect(fired(text).contains("hostile_tone"), "\(text)") }

    @Test(arguments: [
        "As we mentioned in the listing photos, the lamp comes with two bulbs; a spare ships today.",
        "I've explained the fix to our warehouse team so it won't happen again.",
        "It isn't hard to return: open Your Orders and choose Return.",
    ])
    func plainExplanationsAreNotHostile(_ text: String) { #expect(!fired(text).contains("hostile_tone"), "\(text)") }

    // MARK: review requests, hedged or by pronoun

    @Test(arguments: [
        "Once the new kettle arrives, you might want to revise your review.",
        "It would mean a lot if you looked at your review again after the fix.",
        "Please don't forget to edit your rating once the parcel arrives.",
        "Why not remove the neutral feedback now that it's sorted?",
        "Thanks for the review. Once everything is resolved, feel free to update it.",
        "We read your feedback. You could also delete it if you feel we made it right.",
        "We'd love you to share your updated experience with other shoppers.",
        "Bad reviews really harm small shops like ours.",
        "We'll add a bonus once the review shows the problem was solved.",
    ])
    func reviewRequests(_ text: String) { #expect(fired(text, "review-response").contains("review_change_request"), "\(text)") }

    @Test(arguments: [
        "Thank you for your review. If the new size doesn't fit, you can exchange it free of charge.",
        "We updated the listing after your review; the photos now show the real colour.",
        "Thanks for the honest feedback, it helps us improve the packaging.",
    ])
    func reviewMentionsWithoutARequest(_ text: String) {
        #expect(!fired(text, "review-response").contains("review_change_request"), "\(text)")
    }

    @Test func sellerFeedbackMentionedTwiceIsRepetition() {
        let solved = "Sorry for the late parcel; we refunded the shipping today. You can update your feedback if you wish."
        let once = solved + " Reply here with questions."
        // "it" is read as the review only in the sentence after the mention (rubric window 2).
        let twice = solved + " You could also remove it altogether. Reply here with questions."
        #expect(!fired(once, "review-response", context: ["feedback_kind": "seller-feedback"]).contains("review_change_request"))
        #expect(fired(twice, "review-response", context: ["feedback_kind": "seller-feedback"]).contains("review_change_request"))
    }

    @Test func thankingForAReviewIsNoExchange() {
        #expect(!fired("Thank you for the kind five-star review! Reply here any time.", "review-response").contains("review_change_request"))
        #expect(fired("We'll send a voucher for a positive review.", "review-response").contains("review_incentive"))
        #expect(fired("If you delete the mediocre review we can add a 15% discount.", "review-response").contains("review_incentive"))
        #expect(fired("If you might be willing to edit your rating, a free case is yours to say thanks.", "review-response").contains("review_incentive"))
        #expect(!fired("If you would like a refund instead, we will issue it today.", "review-response").contains("review_incentive"))
    }

    // MARK: personal data

    @Test(arguments: [
        "Please write back with your home address so the courier can collect it.",
        "Let us know your mobile number and we'll call.",
        "Could you DM us your email?",
        "We need a scan of your passport to release the refund.",
        "Please verify your identity before we proceed.",
        "Send your bank details and we'll transfer the money.",
        "What's the best email to contact you?",
        "Your phone number please, for the driver.",
        "Kindly share the sort code of the account.",
        "Please confirm the last six digits of your debit card.",
        "We need the expiry date of your card to match the payment.",
    ])
    func personalData(_ text: String) { #expect(fired(text).contains("personal_info_request"), "\(text)") }

    @Test(arguments: [
        "The return address is printed on the label; the refund follows within 2 days.",
        "We shipped the replacement to your address on file today.",
        "You don't need to share your phone number or address: Amazon already has them.",
        "The refund goes back to your original payment method within 3 days.",
        "The refund will show on your card statement within 5 days.",
    ])
    func cleanAddressMentions(_ text: String) { #expect(!fired(text).contains("personal_info_request"), "\(text)") }

    // MARK: the buyer's own demand is no remedy

    @Test func buyersDemandIsNoRemedy() {
        let demand = GradSupport.grade("The seal was cut with a knife and now you just want a refund. Claim denied.", "claim-response")
        #expect(!demand.met("concrete_solution"))
        #expect(GradSupport.grade("I've issued your refund today; reply here with questions.", "claim-response").met("concrete_solution"))
    }

    // MARK: criteria worded without the usual keywords

    func met(_ text: String, _ rubric: String = "apology-letter") -> Set<String> {
        Set(GradSupport.grade(text, rubric).criteria.filter(\.met).map(\.id))
    }

    @Test(arguments: [
        "That was a labelling error at our depot.",
        "Our dispatch note error, plain and simple.",
        "We packed the 2-metre cable by mistake.",
        "The omission was ours.",
        "The seam gave way because of a stitching fault in our spring run, not anything you did.",
        "You ordered the oak finish but we sent the walnut one.",
    ])
    func ownership(_ text: String) { #expect(met(text).contains("ownership"), "\(text)") }

    @Test(arguments: [
        "You ordered on Monday and we shipped the same day.",
        "We shipped your parcel by express; tracking shows it at the depot.",
    ])
    func factsAreNoOwnership(_ text: String) { #expect(!met(text).contains("ownership"), "\(text)") }

    @Test(arguments: [
        "We've added a weight check before dispatch.",
        "From this week every new jacket gets a reinforced zip; that applies to all future orders.",
        "We have recalibrated the stock still in our warehouse; our checklist for scales now includes a test weight.",
    ])
    func improvement(_ text: String) { #expect(met(text).contains("improvement"), "\(text)") }

    @Test(arguments: [
        "The shelf keeps falling off the bracket.",
        "The tent lets rain through at the seams.",
        "The thermometer reads about two degrees high.",
        "You received a queen sheet, not the king size you ordered.",
    ])
    func problemsWithoutDefectWords(_ text: String) { #expect(met(text).contains("acknowledge_problem"), "\(text)") }

    @Test(arguments: [
        "Sorry the lamp arrived cracked. A new shade went out by tracked courier this morning.",
        "Sorry the lamp arrived cracked. A replacement has been posted today.",
    ])
    func remediesWithoutTheUsualVerbs(_ text: String) {
        #expect(met(text).contains("concrete_solution"), "\(text)")
        #expect(met(text).contains("timeline"), "\(text)")
    }

    @Test func replyThisMessageIsFollowUp() {
        #expect(met("Sorry, a refund is on its way today. Any question, reply this message.").contains("followup_channel"))
        #expect(!met("Sorry, a refund is on its way today. This message is automatic.").contains("followup_channel"))
    }

    @Test func theDayItIsScannedIsATimeline() {
        #expect(met("Start a return in Your Orders; we refund you the day your parcel is scanned.", "return-guidance").contains("timeline"))
        #expect(!met("Start a return in Your Orders; we refund you once we receive it.", "return-guidance").contains("timeline"))
    }
}
