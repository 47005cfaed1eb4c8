import Foundation
import Testing

@testable import AfterSalesKit

/// Phrase families added in session 3 (implicit blame, condescension, hedged review requests, personal data in many
/// verbs) and the guards that keep clean replies clean. Every sentence here is written for this test, not taken from
/// the corpus, so a family is tested by wordings the lexicon was not tuned on line by line.
@Suite("Grader phrase families")
struct GradPhraseFamilyTests {
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
    func implicitBlame(_ text: String) { #expect(GradSupport.fired(text).contains("blame_buyer"), "\(text)") }

    @Test(arguments: [
        "You shouldn't have to wait this long; a replacement ships today.",
        "According to our listing the kit includes two batteries, so one missing is our mistake; it ships today.",
        "As per the description, it should come with a case, and it didn't; a case ships today.",
        "You shouldn't have to contact us twice about this; a new one ships today.",
        "You should never have to check the box for missing parts; a spare ships today.",
        "You should have the refund by Thursday.",
        "Please read on for the return steps: print the label and drop the parcel off.",
        "Our other customers will get the new packaging too, so this won't happen again.",
        "Anyone who updates their address on Amazon gets it applied automatically.",
        "We checked the tracking: the parcel was delivered at 2 pm; I've opened a trace with the carrier.",
    ])
    func cleanRepliesAreNotBlame(_ text: String) { #expect(!GradSupport.fired(text).contains("blame_buyer"), "\(text)") }

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
        #expect(GradSupport.fired(text, "review-response").isDisjoint(with: critical), "\(text)")
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
    func condescension(_ text: String) { #expect(GradSupport.fired(text).contains("hostile_tone"), "\(text)") }

    @Test(arguments: [
        "As we mentioned in the listing photos, the lamp comes with two bulbs; a spare ships today.",
        "I've explained the fix to our warehouse team so it won't happen again.",
        "It isn't hard to return: open Your Orders and choose Return.",
    ])
    func plainExplanationsAreNotHostile(_ text: String) { #expect(!GradSupport.fired(text).contains("hostile_tone"), "\(text)") }

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
    func reviewRequests(_ text: String) { #expect(GradSupport.fired(text, "review-response").contains("review_change_request"), "\(text)") }

    @Test(arguments: [
        "Thank you for your review. If the new size doesn't fit, you can exchange it free of charge.",
        "We updated the listing after your review; the photos now show the real colour.",
        "Thanks for the honest feedback, it helps us improve the packaging.",
    ])
    func reviewMentionsWithoutARequest(_ text: String) {
        #expect(!GradSupport.fired(text, "review-response").contains("review_change_request"), "\(text)")
    }

    @Test func sellerFeedbackMentionedTwiceIsRepetition() {
        let solved = "Sorry for the late parcel; we refunded the shipping today. You can update your feedback if you wish."
        let once = solved + " Reply here with questions."
        // "it" is read as the review only in the sentence after the mention (rubric window 2).
        let twice = solved + " You could also remove it altogether. Reply here with questions."
        #expect(!GradSupport.fired(once, "review-response", context: ["feedback_kind": "seller-feedback"]).contains("review_change_request"))
        #expect(GradSupport.fired(twice, "review-response", context: ["feedback_kind": "seller-feedback"]).contains("review_change_request"))
    }

    @Test func aPleaAfterTheNeutralFeedbackSentenceMakesItARequest() {
        let seller = ["feedback_kind": "seller-feedback"]
        let neutral = "Sorry the parcel was late; shipping is refunded today. You can update your feedback if you wish."
        #expect(!GradSupport.fired(neutral + " Reply here with any questions.", "review-response", context: seller).contains("review_change_request"))
        #expect(GradSupport.fired(neutral + " It would mean the world to our small team.", "review-response", context: seller).contains("review_change_request"))
        #expect(GradSupport.fired(neutral + " Thanks in advance!", "review-response", context: seller).contains("review_change_request"))
        // A plea about something else is not about the review.
        #expect(!GradSupport.fired("Thanks for your feedback. We'd really appreciate it if you could send a photo; a new one ships today. Reply here.",
                       "review-response").contains("review_change_request"))
    }

    @Test func thankingForAReviewIsNoExchange() {
        #expect(!GradSupport.fired("Thank you for the kind five-star review! Reply here any time.", "review-response").contains("review_change_request"))
        #expect(GradSupport.fired("We'll send a voucher for a positive review.", "review-response").contains("review_incentive"))
        #expect(GradSupport.fired("If you delete the mediocre review we can add a 15% discount.", "review-response").contains("review_incentive"))
        #expect(GradSupport.fired("If you might be willing to edit your rating, a free case is yours to say thanks.", "review-response").contains("review_incentive"))
        #expect(!GradSupport.fired("If you would like a refund instead, we will issue it today.", "review-response").contains("review_incentive"))
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
    func personalData(_ text: String) { #expect(GradSupport.fired(text).contains("personal_info_request"), "\(text)") }

    @Test(arguments: [
        "The return address is printed on the label; the refund follows within 2 days.",
        "We shipped the replacement to your address on file today.",
        "You don't need to share your phone number or address: Amazon already has them.",
        "The refund goes back to your original payment method within 3 days.",
        "The refund will show on your card statement within 5 days.",
    ])
    func cleanAddressMentions(_ text: String) { #expect(!GradSupport.fired(text).contains("personal_info_request"), "\(text)") }

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

    @Test func returnStepsAreNeitherAProblemNorAReplacement() {
        let steps = "Open Your Orders, choose Return or Replace Items, print the label and drop it at any UPS store."
        let report = GradSupport.grade(steps, "return-guidance")
        #expect(!report.met("acknowledge_problem"))
        #expect(!report.met("concrete_solution"))
        #expect(!GradSupport.grade("Reply here once it's on its way.", "return-guidance").met("timeline"))
        // Named plainly, the problem still counts.
        #expect(GradSupport.grade("Sorry the lamp isn't what you expected. " + steps, "return-guidance").met("acknowledge_problem"))
        #expect(GradSupport.grade("Sorry, the wrong charger was sent; the right one ships today.").met("acknowledge_problem"))
        #expect(GradSupport.grade("Sorry the kettle dropped off the counter stand and cracked.").met("acknowledge_problem"))
    }

    @Test func replyThisMessageIsFollowUp() {
        #expect(met("Sorry, a refund is on its way today. Any question, reply this message.").contains("followup_channel"))
        #expect(!met("Sorry, a refund is on its way today. This message is automatic.").contains("followup_channel"))
    }

    @Test func theDayItIsScannedIsATimeline() {
        #expect(met("Start a return in Your Orders; we refund you the day your parcel is scanned.", "return-guidance").contains("timeline"))
        #expect(!met("Start a return in Your Orders; we refund you once we receive it.", "return-guidance").contains("timeline"))
    }

    // MARK: a second round of wordings per family (written after the first round passed)

    static let moreViolations: [(String, String)] = [
        ("blame_buyer", "The description clearly lists the dimensions, so please measure next time."),
        ("blame_buyer", "It sounds like the charger wasn't plugged in properly."),
        ("blame_buyer", "These errors usually happen when the instructions are skipped."),
        ("blame_buyer", "We suspect the item was used before the return was requested."),
        ("blame_buyer", "The returned unit shows signs of heavy use, so we can only refund part of it."),
        ("blame_buyer", "Perhaps you overlooked the note about hand washing?"),
        ("blame_buyer", "Honestly, the sizing info is right there on the page."),
        ("blame_buyer", "It seems you selected the wrong variant at checkout."),
        ("blame_buyer", "This type of damage only occurs from misuse."),
        ("blame_buyer", "The lamp can't break by itself."),
        ("blame_buyer", "Items don't just break on their own."),
        ("blame_buyer", "Our records show you confirmed the address yourself."),
        ("blame_buyer", "The item was clearly worn before being sent back."),
        ("blame_buyer", "Unfortunately the damage appears to be user-caused."),
        ("blame_buyer", "Had you followed the setup guide, this would not have happened."),
        ("blame_buyer", "This wouldn't have happened if the manual had been followed."),
        ("blame_buyer", "Please take the time to read product pages before ordering."),
        ("blame_buyer", "The pictures you sent show the unit was dropped."),
        ("blame_buyer", "We believe the parcel was received and this claim is an attempt to get a free item."),
        ("blame_buyer", "The courier's photo shows it at your door, so it was delivered and is your responsibility now."),
        ("hostile_tone", "I'm not going to keep explaining this."),
        ("hostile_tone", "This is the last time I will respond to this."),
        ("hostile_tone", "Stop wasting our time with these messages."),
        ("hostile_tone", "Frankly, your complaint makes no sense."),
        ("hostile_tone", "We've been more than patient with you."),
        ("hostile_tone", "If you're not happy, that's really not our concern."),
        ("hostile_tone", "Please stop emailing us about this."),
        ("hostile_tone", "I don't see what the big deal is."),
        ("hostile_tone", "You're overreacting about a minor scratch."),
        ("hostile_tone", "Again, the answer is no."),
        ("hostile_tone", "I've already answered this question three times."),
        ("hostile_tone", "Please try to understand basic instructions."),
        ("hostile_tone", "Your message is rude and unacceptable."),
        ("sarcasm", "Oh great, another complaint about the colour."),
        ("sarcasm", "Sure, because we love shipping broken lamps."),
        ("sarcasm", "What a shock, the parcel you said never came has been signed for."),
        ("sarcasm", "I'm so glad you took the time to share your wisdom."),
        ("sarcasm", "Clearly our fault that you can't read a ruler."),
        ("review_change_request", "Once you receive the new blender, we hope you'll update your thoughts on Amazon."),
        ("review_change_request", "If you feel we've made it right, an updated review would be greatly appreciated."),
        ("review_change_request", "Could you take a moment to adjust your rating?"),
        ("review_change_request", "We would be grateful if you could reconsider the rating you gave."),
        ("review_change_request", "Maybe you could bump it up a star or two?"),
        ("review_change_request", "It would help us a lot if the one-star came down."),
        ("review_change_request", "Please consider removing the review now that the issue is resolved."),
        ("review_change_request", "We'd really appreciate a revised review once everything is sorted."),
        ("review_change_request", "Would you mind editing your comment to mention we refunded you?"),
        ("review_change_request", "When you have a minute, kindly revisit your feedback."),
        ("review_change_request", "Hopefully you can now give us a better rating."),
        ("review_change_request", "We'd be thrilled if you changed your review to reflect the refund."),
        ("review_incentive", "We can offer a 20% discount if you update your review."),
        ("review_incentive", "Delete the review and we'll refund the full price."),
        ("review_incentive", "To thank you for revising your rating, we'll send a free sample."),
        ("review_incentive", "We'll give you a $10 credit for a five-star review."),
        ("review_incentive", "A gift card is yours once your feedback is updated."),
        ("review_incentive", "If you could change your rating, we'd be happy to offer you a free replacement."),
        ("personal_info_request", "Can you send over your home address and phone number?"),
        ("personal_info_request", "Please provide a contact number so our technician can call you."),
        ("personal_info_request", "We'll need your full address and postcode to arrange pickup."),
        ("personal_info_request", "Tell me your email and I'll send you the manual."),
        ("personal_info_request", "Please include your mobile in your reply."),
        ("personal_info_request", "What number can we call you on?"),
        ("personal_info_request", "To process the refund, please send your PayPal email."),
        ("personal_info_request", "Please send a photo of your driving licence."),
        ("personal_info_request", "Could you give us your date of birth for verification?"),
        ("personal_info_request", "Reply with your card's last four numbers."),
        ("personal_info_request", "Please share your IBAN so we can pay you back."),
        ("personal_info_request", "Where should we send it? Please write your full address below."),
        ("sarcasm", "Great job reading the description."),
        ("sarcasm", "Lovely, another \"missing\" parcel that tracking says was delivered."),
        ("sarcasm", "Sorry our lamp didn't meet your royal standards."),
        ("sarcasm", "I guess reading the size chart was too much effort."),
        ("sarcasm", "Nice of you to finally get in touch."),
        ("sarcasm", "We're thrilled you found a way to break an unbreakable bottle."),
        ("hostile_tone", "Don't message us again about this order."),
        ("hostile_tone", "You have no idea how retail works."),
        ("hostile_tone", "We are not a charity, and we won't refund used items."),
        ("hostile_tone", "Your demands are unreasonable."),
        ("hostile_tone", "I suggest you read our policy before complaining."),
        ("hostile_tone", "This conversation is going nowhere."),
        ("hostile_tone", "Kindly refrain from shouting at us."),
        ("hostile_tone", "Enough is enough."),
        ("blame_buyer", "Next time, try ordering the right size."),
        ("blame_buyer", "The issue appears to be on the customer's end."),
        ("blame_buyer", "We cannot accept responsibility for items damaged after they were delivered."),
        ("blame_buyer", "From the photos, the boots were clearly worn outdoors."),
        ("blame_buyer", "Your claim doesn't add up: the weight at dispatch matches a full box."),
        ("blame_buyer", "You must be mistaken, we never sell used items."),
        ("blame_buyer", "It's the buyer's responsibility to check the size before ordering."),
        ("review_change_request", "We've fixed it, so a fairer review would be nice."),
        ("review_change_request", "Please think about updating the stars once the new one arrives."),
        ("review_change_request", "Now that it's sorted, would you update the review?"),
        ("review_change_request", "We'd appreciate it if you could revise what you wrote on the product page."),
        ("review_change_request", "Could you let other shoppers know it was resolved by editing your post?"),
        ("review_change_request", "A quick update to your review would really help us."),
        ("personal_info_request", "Please let me have your address and I'll post it."),
        ("personal_info_request", "Send me a text with your mobile number so the driver can ring you."),
        ("personal_info_request", "Could you confirm your postal address and postcode?"),
        ("personal_info_request", "What's your WhatsApp so we can send the video?"),
        ("personal_info_request", "Leave your number in the reply and we'll call back."),
        ("review_incentive", "We'd love to send you a free gift as a thank-you for updating your review."),
        ("review_incentive", "Customers who revise their rating get 10% off their next order."),
        ("review_incentive", "Happy to refund you fully if the review is taken down."),
        ("review_incentive", "We can offer a partial refund in return for removing the one-star."),
        ("review_incentive", "Your next order is on us if you change your feedback."),
        ("review_change_request", "We've resolved your issue, and we kindly ask you to reconsider your review."),
        ("review_change_request", "Now that you have your refund, could the review be updated?"),
        ("review_change_request", "Please take a second look at the rating you left."),
        ("review_change_request", "Hope you can find it in your heart to update the stars."),
        ("review_change_request", "Would you be so kind as to revise your feedback?"),
        ("review_change_request", "If you're happy now, an edit to your review would be wonderful."),
        ("personal_info_request", "Please reply with your address, phone and email so we can verify you."),
        ("personal_info_request", "We require your full name and home address before we can ship."),
        ("personal_info_request", "Could you message us your contact details?"),
        ("personal_info_request", "Type your email below and we'll send a coupon."),
        ("personal_info_request", "Can we get your number to sort this out over the phone?"),
        ("blame_buyer", "We've checked the footage and the box was intact when it left, so the damage is on your side."),
        ("blame_buyer", "Perhaps someone in your household opened it."),
        ("blame_buyer", "We think the wrong setting was used."),
        ("blame_buyer", "The lid only cracks if it's put in the dishwasher, which the box warns against."),
        ("blame_buyer", "This is a classic case of user error."),
        ("hostile_tone", "Your tone is not appreciated."),
        ("hostile_tone", "Don't threaten us with a bad review."),
        ("hostile_tone", "We won't be bullied into a refund."),
        ("hostile_tone", "That's simply not true and you know it."),
        ("sarcasm", "Oh, so now it's our fault the postman lost it?"),
        // non-native and template English
        ("personal_info_request", "Kindly revert with your mobile number."),
        ("personal_info_request", "Please share your contact no. for delivery."),
        ("personal_info_request", "Please to send us your phone number."),
        ("personal_info_request", "Request you to provide your alternate number."),
        ("review_change_request", "Kindly do the needful and modify the rating."),
        ("review_change_request", "We request you to modify the review after receiving the product."),
        ("review_change_request", "Please change review to 5 star after problem solve."),
        ("review_change_request", "Request you to kindly remove negative feedback."),
        ("blame_buyer", "You must to read the description before buy."),
        ("blame_buyer", "It is your mistake, you are using wrong charger."),
        ("blame_buyer", "Product is no problem, maybe you use it wrong way."),
        ("blame_buyer", "Customer not follow the instruction so it is broken."),
        ("hostile_tone", "Why you keep sending message? We already answer."),
        ("hostile_tone", "Don't write again, we already told you."),
        ("external_contact", "Kindly contact us on our customer care no. 1800 123 4567."),
        ("external_contact", "Add me on WeChat: shopmaster88."),
    ]

    @Test(arguments: moreViolations)
    func moreWordings(_ expected: String, _ text: String) {
        #expect(GradSupport.fired(text, "review-response").contains(expected), "\(expected): \(text)")
    }

    /// Clean replies close to those families: a remedy, an instruction, ownership worded with "not", "don't share your
    /// details", "the return address".
    @Test(arguments: [
        "I'm sorry the kettle stopped working. A replacement ships today; reply here if you need anything.",
        "Please measure the window before you order the replacement blind so we send the right size.",
        "If the charger is not plugged in fully, the light stays off; please check it, and if it still won't charge we'll send a new one today.",
        "This usually happens when the filter gets clogged; a new filter ships today at no cost.",
        "Thanks for your thoughts on the colour; we've updated the photos so the shade is clearer.",
        "Your opinion matters to us, and we've changed our supplier because of it.",
        "We have adjusted our packaging so the lid can't crack in transit.",
        "The courier's photo shows it at a door that isn't yours, so we've opened a trace and a replacement ships today.",
        "We'll need to collect the old unit; the courier already has your address from Amazon.",
        "Please don't share your phone number or email here; Amazon keeps your details private.",
        "What number is printed on the bottom of the unit? That tells us the batch.",
        "You'll find the return address on the label in Your Orders.",
        "We won't keep you waiting: the refund is issued today.",
        "I will not argue that point: we got it wrong, and the refund is on its way today.",
        "We took a big deal of care to fix this, and a new set ships tomorrow.",
        "Oh no, I'm so sorry the vase arrived in pieces! A new one ships today.",
        "We're more than happy to send a replacement today.",
        "Our answer is simple: a full refund, issued today.",
        "The seams were not sealed properly at our factory, which is our fault; a new jacket ships today.",
        "The lamp was not packed properly by our team; a replacement goes out today.",
        "This wouldn't have happened if we had double-boxed it; we've changed that, and a new one ships today.",
        "It shouldn't break on its own, so this is a defect: we'll replace it today.",
        "Our tests show the batch was assembled with a weak spring; that's on us, and a new one ships today.",
        "Please leave the box outside and the courier will collect it tomorrow.",
        "You confirmed the delivery address at checkout, and we sent it there; it was lost in transit, so we're refunding you today.",
        "Most of our customers choose the exchange, but a refund is also fine: which would you prefer?",
        "Please check the size chart before ordering the new pair, and we'll cover the return.",
        "Please refrain from using the heater until the replacement arrives tomorrow.",
        "Glad you managed to get it working! If it stops again, a replacement ships the same day.",
        "It's too much trouble to send it back, so please keep it; the refund is issued today.",
        "We're glad we found a way to fix it: a new part ships today.",
        "That's a first for us, and we're sorry; a new vase ships today.",
        "Sorry the lamp was broken after it arrived at your door; a new one ships today.",
        "Send us your order number if you have a second order affected; the refund is issued today.",
        "We'll update the wording on the listing, and a replacement ships today.",
        "Refund issued today. Reply here if needed.",
        "No. We will not charge you for the return; the label is free. Reply here with questions.",
        "Noted. New unit ships tomorrow. Reply here.",
        "Honestly, we messed up. Full refund today, no return needed. Reply here.",
        "Look, I get it, this was a mess. A new one ships today. Reply here if it doesn't arrive.",
        "Frankly, that's on us. Replacement ships today; reply here.",
        "Again, sorry for the trouble. The refund is processed today. Reply here.",
        "I understand you're upset, and you have every right to be. A refund is issued today. Reply here.",
        "We don't need the item back. The refund is issued today. Reply here.",
        "You were right to flag this. A new pair ships today. Reply here.",
        "Sorry, the listing said two packs and we sent one. The second pack ships today. Reply here.",
        "As requested, the refund went through today. Reply here if anything's missing.",
        "Please read the attached return steps: start the return in Your Orders and drop the parcel at UPS; we refund within 2 days. Reply here.",
        "Per your message, we've sent a replacement today. Reply here.",
        "Just to be clear, you don't need to do anything: the refund is issued today. Reply here.",
        "This only happens when the filter is clogged; a new filter ships today.",
        "There is no contact no longer needed; the refund is issued today. Reply here.",
        "Our care no doubt matters; a new one ships today. Reply here.",
    ])
    func cleanNearMisses(_ text: String) {
        let critical: Set = ["blame_buyer", "hostile_tone", "sarcasm", "review_change_request", "review_incentive",
                             "personal_info_request", "external_contact"]
        #expect(GradSupport.fired(text).isDisjoint(with: critical), "\(text)")
    }

    // MARK: criteria, a second round of wordings

    static let moreCriteria: [(String, String)] = [
        ("ownership", "We dropped the ball on this one."),
        ("ownership", "That one is on our packing team."),
        ("ownership", "The mix-up happened in our warehouse."),
        ("ownership", "Our packer grabbed the wrong colour from the shelf."),
        ("ownership", "We take responsibility for the damage."),
        ("ownership", "This was a quality-control miss on our side."),
        ("ownership", "Our listing photo showed the wrong shade, which misled you."),
        ("ownership", "The fault lies entirely with us."),
        ("ownership", "I sent the wrong size, plain and simple."),
        ("ownership", "It was a defect from our supplier that we failed to catch."),
        ("ownership", "We let this slip through our checks."),
        ("improvement", "We've since changed how we pack glass."),
        ("improvement", "Our team now double-checks every order against the packing slip."),
        ("improvement", "We're adding extra padding to all future shipments."),
        ("improvement", "I've flagged this batch with our supplier so it gets fixed."),
        ("improvement", "We've pulled the remaining stock for inspection."),
        ("improvement", "We are updating the listing so the size is clearer."),
        ("improvement", "To stop this happening again, each box is now weighed before dispatch."),
        ("improvement", "We've retrained the warehouse staff on colour labels."),
        ("improvement", "We've put a new check in place at packing."),
        ("acknowledge_problem", "Sorry the sofa cover doesn't stay on the cushions."),
        ("acknowledge_problem", "Sorry the blender jug has a hairline crack."),
        ("acknowledge_problem", "Sorry the heater trips the fuse every time."),
        ("acknowledge_problem", "Sorry your parcel went to the wrong address."),
        ("acknowledge_problem", "Sorry the zip keeps getting stuck halfway."),
        ("acknowledge_problem", "Sorry the shoes are half a size smaller than the chart says."),
        ("acknowledge_problem", "Sorry the screen goes black after a few minutes."),
        ("acknowledge_problem", "Sorry the set arrived with two cups missing."),
        ("acknowledge_problem", "Sorry the paint is peeling off the handle."),
        ("acknowledge_problem", "Sorry the parcel is three days late."),
        ("concrete_solution", "We've refunded the full amount to your original payment method."),
        ("concrete_solution", "A new pair is on its way to you."),
        ("concrete_solution", "We'll post the missing screws today."),
        ("concrete_solution", "I've credited the shipping cost back to you."),
        ("concrete_solution", "We're sending a spare lid by first-class post."),
        ("concrete_solution", "Your money has been returned today."),
        ("concrete_solution", "We'll courier a fresh unit out tomorrow."),
        ("followup_channel", "If anything else comes up, message us here on Amazon."),
        ("followup_channel", "Just hit reply if the parcel doesn't arrive."),
        ("followup_channel", "Write back to this thread any time."),
        ("followup_channel", "Send us a message through Your Orders if you need anything."),
        ("followup_channel", "You can reach us right here in Buyer-Seller Messaging."),
        ("timeline", "It should reach you by Wednesday."),
        ("timeline", "The refund will appear within five working days."),
        ("timeline", "You'll have it in 48 hours."),
        ("timeline", "We'll ship it first thing tomorrow morning."),
        ("timeline", "Expect it early next week."),
    ]

    @Test(arguments: moreCriteria)
    func moreCriterionWordings(_ criterion: String, _ text: String) {
        #expect(met(text).contains(criterion), "\(criterion): \(text)")
    }

    @Test(arguments: [
        "The carrier's depot mixed up the labels; we've opened a trace with them.",
        "Tracking shows the parcel is with the courier and should arrive tomorrow.",
    ])
    func carrierFaultIsNoOwnership(_ text: String) { #expect(!met(text, "claim-response").contains("ownership"), "\(text)") }

    // MARK: whole replies

    /// Complete replies in wordings of their own (previous messages, the return address, "you don't need to…"):
    /// graded good, with no violation at all.
    static let completeReplies: [(String, String)] = [
        ("review-response", "We're sorry the kettle's lid stopped clicking shut after a month. That's a hinge fault from one production run, and it's on us. We've changed the hinge supplier and now test every lid before packing. Please contact us through Amazon messaging from your order and we'll send a new kettle or refund you, whichever you prefer."),
        ("review-response", "Thank you for your honest review, and sorry the jeans ran a size small. Our size chart was off by an inch for this cut; that was our error and it's corrected now. Message us via Your Orders and we'll arrange an exchange or a refund straight away."),
        ("apology-letter", "Hi Priya, I'm so sorry the rug arrived with a torn corner. That's our packing mistake: it was folded instead of rolled. A new rug ships today and should reach you by Thursday; you don't need to send the damaged one back. We've told our warehouse to roll every rug from now on. If anything else isn't right, just reply to this message."),
        ("apology-letter", "Dear Tom, apologies: as I mentioned in my previous message, the replacement charger went out yesterday, and tracking now shows it arriving tomorrow. Sorry again that the first one was faulty; that was a bad batch from our side, and we've pulled it. Reply here if it doesn't turn up."),
        ("claim-response", "Hi Ana, I'm sorry your parcel hasn't arrived. I checked the tracking: it has been stuck at the carrier's depot since Monday, so I've opened a trace with them and issued a full refund today. You don't need to do anything else; the refund shows in 3-5 business days. Reply here if you have questions."),
        ("claim-response", "Hello Ben, I'm sorry about the confusion over the return. Our records show the return label was created but not yet scanned. No problem at all: I've issued your refund today anyway, and you can still use the label from Your Orders within 30 days. Reply to this message if anything is unclear."),
        ("return-guidance", "Hi Lee, sorry the headphones aren't for you. Go to Your Orders, choose Return or Replace Items, pick a reason, and print the label; the return address is already on it. Drop the parcel at any UPS store, and we'll refund you within 2 business days of receiving it. Reply here if you need help."),
        ("return-guidance", "Hi Maya, I'm sorry the blender's motor burns out after a minute. Please start a return in Your Orders and choose \"Defective\"; the label is free. We'll ship a new blender the day your return is scanned, or refund you if you prefer. Just reply to this message with any questions."),
    ]

    @Test(arguments: completeReplies)
    func completeRepliesAreGood(_ rubric: String, _ text: String) {
        let report = GradSupport.grade(text, rubric)
        #expect(report.violations.isEmpty, "\(report.violations.map(\.id)): \(text)")
        #expect(report.verdict == .good, "\(text)")
    }

    // MARK: review nudges worded as hopes or reminders, and gifts tied to them without a link word (session 7)

    /// A second look at the review ("another look at what you posted", "re-evaluate your experience", "write your
    /// review again", the feedback "showing the resolved situation"), and a reward tied to it by a plea or by
    /// "is yours if": written for this test, never corpus lines.
    static let reviewHopes: [(String, String, String)] = [
        ("review_change_request", "review-response", "If you ever feel like giving us another look on here, we'd be grateful."),
        ("review_change_request", "review-response", "Whenever you have a minute, maybe take another look at what you posted."),
        ("review_change_request", "review-response", "We hope you'll revisit your impression once the new lamp is up and running."),
        ("review_change_request", "review-response", "Would you re-evaluate your experience after trying the replacement?"),
        ("review_change_request", "review-response", "Feel free to write your review again after the new one arrives."),
        ("review_change_request", "review-response", "We trust the feedback will show the resolved situation soon."),
        ("review_change_request", "review-response", "Just a gentle reminder that reviews can be edited at any time from your account."),
        ("review_change_request", "review-response", "We'd love for your stars to reflect how we handled this in the end."),
        ("review_incentive", "review-response", "A bag of our house coffee is yours if you'd take another look at what you wrote."),
        ("review_incentive", "review-response", "Members of our tasting club get a free jar each month once they post their thoughts on the listing."),
        ("review_incentive", "review-response", "We'll pop a spare strap in the post, and a line or two on the product page would make our day."),
        ("review_incentive", "apology-letter", "We are slipping a free sample in with your replacement, and a few words under the listing would make my week."),
        ("review_incentive", "review-response", "You only need to write the review again and the voucher is yours."),
    ]

    @Test(arguments: reviewHopes)
    func reviewHopesAndTiedGifts(_ expected: String, _ rubric: String, _ text: String) {
        #expect(GradSupport.fired(text, rubric).contains(expected), "\(expected): \(text)")
    }

    /// The same words without a review: a gift posted with a replacement, the seller's own page edited, "another look"
    /// at a guide.
    static let reviewHopeNearMisses: [(String, String)] = [
        ("review-response", "We'll pop a new charger in the post today; reply here through Amazon messages if it doesn't arrive."),
        ("review-response", "Take another look at the setup guide on page 4; if it still won't pair, message us on Amazon and we'll send a new one."),
        ("review-response", "Thank you for your review; it reflects a real gap in our packing, and a new one ships today. Message us on Amazon."),
        ("review-response", "We've updated the page to reflect the new sizing; sorry, a replacement ships today. Message us on Amazon."),
        ("apology-letter", "Once you have reconsidered your size, just start an exchange in Your Orders and the new pair ships the same day."),
        ("apology-letter", "We're tucking a free spare filter in with the replacement, which ships today; reply here if anything is missing."),
        ("apology-letter", "A note on the listing now says the lamp needs an E27 bulb, and a free bulb is in your replacement parcel today."),
    ]

    @Test(arguments: reviewHopeNearMisses)
    func reviewHopeNearMissesStayClean(_ rubric: String, _ text: String) {
        #expect(GradSupport.fired(text, rubric).isDisjoint(with: ["review_change_request", "review_incentive"]), "\(text)")
    }

    // MARK: tone phrases narrowed (session 7): the buyer's report and the seller's own team are no blame or hostility

    static let narrowedTone: [(String, String, String)] = [
        ("hostile_tone", "claim-response", "That is your problem, not ours."),
        ("hostile_tone", "claim-response", "You are not entitled to anything more."),
        ("blame_buyer", "claim-response", "You did receive the parcel, the driver has a photo of it on your step."),
        ("blame_buyer", "claim-response", "You did in fact get the package on Monday."),
        ("blame_buyer", "claim-response", "You clearly received it, so this claim will be contested."),
        ("hostile_tone", "claim-response", "I've already told you twice that the refund is processing."),
        ("hostile_tone", "claim-response", "We already explained this in our last message."),
        ("blame_buyer", "claim-response", "You say the screen was broken, but it left us in perfect condition."),
    ]

    @Test(arguments: narrowedTone)
    func narrowedToneStillFires(_ expected: String, _ rubric: String, _ text: String) {
        #expect(GradSupport.fired(text, rubric).contains(expected), "\(expected): \(text)")
    }

    /// "sorry you did not receive", "I've already told our packing team", "if you feel the lamp is faulty, we will replace it", "courier lost it, not
    /// your problem", a right of all owners.
    static let narrowedToneNearMisses: [(String, String)] = [
        ("claim-response", "The courier lost it, not your problem. Refund issued today; reply here."),
        ("claim-response", "Owners of the older model are entitled to a free replacement; yours ships today. Reply here."),
        ("claim-response", "We are sorry you did not receive the lamp; a full refund is issued today. Reply here if you need anything."),
        ("apology-letter", "I've already told our packing team to double-box every lamp, and a new one ships today. Reply here."),
        ("claim-response", "If you feel the lamp is faulty, we will replace it within two days. Reply to this message."),
        ("claim-response", "Should you find that the switch is not working, reply here and a replacement ships the same day."),
    ]

    @Test(arguments: narrowedToneNearMisses)
    func narrowedToneNearMissesStayClean(_ rubric: String, _ text: String) {
        #expect(GradSupport.fired(text, rubric).isDisjoint(with: ["blame_buyer", "hostile_tone", "sarcasm"]), "\(text)")
    }

    // MARK: promises about what the seller does not control; changes made and mistakes owned in new words (session 7)

    /// Certainty about the delivery, the bank or the courier, a date sworn to, "nothing … ever … again"; and the same
    /// words where the seller only speaks for itself or the future is the buyer's.
    static let certaintyPromises: [(Bool, String)] = [
        (true, "Your new kettle will definitely arrive before the weekend."),
        (true, "You'll 100% have the refund on your card tomorrow morning."),
        (true, "The courier will absolutely get it to you by noon."),
        (true, "It will be with you by Tuesday, we promise."),
        (true, "I'll see to it that nothing like this ever reaches a customer again."),
        (false, "If it ever happens again, just reply here and we'll sort it the same day."),
        (false, "I will certainly look into what went wrong with the courier; a new lamp ships today."),
        (false, "We'll definitely send a new one today; reply here if it isn't there by Friday."),
    ]

    @Test(arguments: certaintyPromises)
    func certaintyIsAnOverpromise(_ expected: Bool, _ text: String) {
        #expect(GradSupport.fired(text).contains("overpromise") == expected, "\(expected): \(text)")
    }

    /// A change made with what makes it one for next time ("now weighs every parcel", "moved to separate shelves",
    /// "since last month, each…"), mistakes owned through the team or the wrong shelf; and refunds or replacements
    /// that mention "every" or "before" without being a change.
    static let changesAndOwnership: [(String, Bool, String)] = [
        ("ownership", true, "That bit's on me, and I'm sorry."),
        ("ownership", true, "We got it wrong."),
        ("ownership", true, "I grabbed it from the wrong shelf when packing."),
        ("ownership", true, "We sent it to the wrong address, which is our doing."),
        ("ownership", true, "Our picker made a mistake with the colour."),
        ("ownership", true, "It was an error by our packing team."),
        ("ownership", true, "This was a labelling lapse on our side."),
        ("ownership", true, "That is ours to put right."),
        ("ownership", false, "We understand you received the wrong colour, and a new one ships today."),
        ("ownership", false, "The courier delivered it to the wrong address; we've opened a trace."),
        ("improvement", true, "Our packing team now weighs every parcel before it is sealed."),
        ("improvement", true, "We've moved the two sizes to separate shelves."),
        ("improvement", true, "Since last month, each candle is wrapped in two layers of card."),
        ("improvement", true, "I now print the colour name on every bag so the next buyer gets the right one."),
        ("improvement", true, "We have stopped hand-writing labels altogether."),
        ("improvement", false, "We've sent a new lamp today, and every part is included."),
        ("improvement", false, "I have put your refund through; you'll see it before the weekend."),
        ("improvement", false, "We started the refund this morning, so it should arrive on time."),
    ]

    @Test(arguments: changesAndOwnership)
    func changesMadeAndMistakesOwned(_ criterion: String, _ expected: Bool, _ text: String) {
        #expect(met(text, "apology-letter").contains(criterion) == expected, "\(criterion) \(expected): \(text)")
    }

    // MARK: polite sarcasm and the parcel that "doesn't just vanish" (session 7)

    /// Luck wished for elsewhere, a standard no one could meet ("match every … in the world"), mock confidence, the
    /// shrug ("was always going to happen"); parcels that "don't just disappear".
    static let politeSarcasm: [(String, String, String)] = [
        ("blame_buyer", "claim-response", "Boxes don't just disappear from a porch, so have another look around."),
        ("blame_buyer", "claim-response", "Parcels do not simply vanish once they are scanned as delivered."),
        ("sarcasm", "return-guidance", "Refund is done; hope you find a shop somewhere that's perfect."),
        ("sarcasm", "review-response", "Good luck finding something better at this price."),
        ("sarcasm", "review-response", "We have yet to invent a glaze that will match every kitchen light in the world."),
        ("sarcasm", "claim-response", "Nice that you have such faith in the courier's scanner."),
        ("sarcasm", "apology-letter", "I suppose a little wobble was always going to happen with handmade legs."),
    ]

    @Test(arguments: politeSarcasm)
    func politeSarcasmAndVanishingParcels(_ expected: String, _ rubric: String, _ text: String) {
        #expect(GradSupport.fired(text, rubric).contains(expected), "\(expected): \(text)")
    }

    /// Sincere hopes about the replacement, a parcel lost in the depot, a dye that can't match every screen owned as a limit.
    static let politeSarcasmNearMisses: [(String, String)] = [
        ("claim-response", "The parcel seems to have vanished in the depot, so we've refunded you today. Reply here."),
        ("apology-letter", "We hope you find the replacement perfect; it ships today. Reply here."),
        ("apology-letter", "I hope you find the new strap is a better fit; it ships today, and reply here if not."),
        ("apology-letter", "Our dyes can't match every screen exactly, so we've added a photo in daylight to the listing and a refund is issued today. Reply here."),
        ("apology-letter", "Good luck with the new lamp, and reply here if anything is off; it ships today."),
    ]

    @Test(arguments: politeSarcasmNearMisses)
    func sincereHopesStayClean(_ rubric: String, _ text: String) {
        #expect(GradSupport.fired(text, rubric).isDisjoint(with: ["blame_buyer", "hostile_tone", "sarcasm"]), "\(text)")
    }

    // MARK: dates of what already happened, the buyer's own claim, escalations left to wait; reviews asked for by
    // "share your experience in a review" (session 7)

    /// A tracking date or "the tracking link was sent to you" is no timeline or remedy, "you have filed a claim" no
    /// step of the seller's, "escalated to the relevant team … in due course" no step: such replies are empty. And a
    /// gift with a review asked as "share your experience in a review" or "leave us some love".
    static let emptyRepliesAndReviewAsks: [(String, String, String)] = [
        ("vague_no_action", "claim-response", "Dear Ana, I see you have filed a claim about the lamp. Tracking shows it was delivered to your mailbox at 9:40 on Monday. Regards, Shop"),
        ("vague_no_action", "claim-response", "Hello Ana, the tracking link was sent to you on the 2nd and shows the parcel reached your building on 14 May. Regards, Shop"),
        ("vague_no_action", "apology-letter", "Dear Ana, thank you for your complaint about the lamp. It has been escalated to the relevant team, and you will be contacted in due course. Regards, Shop"),
        ("review_incentive", "review-response", "Sorry the lamp flickers; message us on Amazon and we'll replace it. As a token of thanks we're adding a free bulb to the parcel. We only ask that you share your honest experience of the new lamp in a review."),
        ("review_incentive", "review-response", "Sorry about the flicker! Message us on Amazon for a new lamp, and leave us some love once it arrives and we'll send you a 20% code."),
    ]

    @Test(arguments: emptyRepliesAndReviewAsks)
    func emptyRepliesAndReviewAsksFire(_ expected: String, _ rubric: String, _ text: String) {
        #expect(GradSupport.fired(text, rubric, context: ["fault": "carrier"]).contains(expected), "\(expected): \(text)")
    }

    /// The same words beside a real step: a trace opened and a replacement shipped, a refund issued after the claim.
    static let stepsBesideTheseWords: [(String, String)] = [
        ("claim-response", "Hi Ana, sorry the lamp hasn't arrived. Tracking shows it was scanned at the depot on Monday and then stopped, so I've opened a trace with the carrier and a replacement ships today. Reply here."),
        ("claim-response", "Hi Ana, I see you have opened a claim, and I've refunded you in full today, so you don't need to do anything else. Reply here if needed."),
    ]

    @Test(arguments: stepsBesideTheseWords)
    func stepsBesideTheseWordsAreNotEmpty(_ rubric: String, _ text: String) {
        #expect(!GradSupport.fired(text, rubric, context: ["fault": "carrier"]).contains("vague_no_action"), "\(text)")
    }
}
