import Foundation
import Testing

@testable import AfterSalesKit

/// Session 4: mechanisms rather than wordings. Held-out batch 2 showed that phrases copied from misses do not carry
/// over, so each family here is a construction (an offer tied to any review act, ironic praise before a complaint,
/// a list of personal data after a request verb…) tested with sentences written for this file, never corpus lines,
/// together with clean near-misses that share the words but not the construction.
@Suite("Grader mechanisms")
struct GradMechanismTests {
    // MARK: review incentive: anything of value tied to a review act, same sentence or the next, either order

    @Test(arguments: [
        "If you change your rating to five stars we will refund the shipping fee.",
        "Once your review is updated, we'll send over a $15 gift card.",
        "We can offer a partial refund in return for removing the one-star review.",
        "Leave us a 5-star review and get 20% off your next purchase.",
        "After you post a positive review, just message us for a free phone case.",
        "As a thank-you for your honest review, we'd like to send you a free sample.",
        "We'd love it if you could revise your review. We'll include a little gift with the replacement as thanks.",
        "Would you consider editing your feedback? In exchange we'll refund half the price.",
        "For your 5 stars we will add a bonus cable to the parcel.",
        "We'll send you something special once you've updated your rating.",
        "Post a photo review and we'll give you cashback of $10.",
        "A full refund is yours if you take the review down.",
    ])
    func incentiveTiedToReviewAct(_ text: String) { #expect(GradSupport.fired(text).contains("review_incentive"), "\(text)") }

    @Test(arguments: [
        "Your refund has been issued today; thank you for your review, it helps us improve.",
        "We have refunded the full amount. Thank you for taking the time to write a review.",
        "We read your review and have sent a free replacement today.",
        "Thank you for your review. We have issued a refund of $20 today.",
        "Please accept a $10 voucher as a token of our apology. Your review helps other shoppers, and we read every one.",
        "We've refunded you today, and thank you for leaving a review about the strap.",
        "As a goodwill gesture we added a free cable to the replacement. We also read your review and fixed the listing.",
    ])
    func refundAndReviewInSeparateContextsIsNoIncentive(_ text: String) { #expect(!GradSupport.fired(text).contains("review_incentive"), "\(text)") }

    // MARK: sarcasm: ironic praise, mock apology, mock thanks, rhetorical questions, mocking quotes

    @Test(arguments: [
        "Great, another customer who can't read a size chart. A refund is on its way today.",
        "Wonderful, so the lamp works for everyone except you. We'll send a new bulb today.",
        "Thanks for the lecture on customer service. Your refund was issued today.",
        "Clearly the twenty warning stickers weren't enough. We'll refund you today.",
        "Oh, so now the charger is our problem too? We'll send another today.",
        "Did you think the kettle would boil water by itself? Anyway, a refund is issued today.",
        "We're so sorry the two-metre cable wasn't long enough for you, what a tragedy. Refund issued today.",
        "Thank you SO much for filing a claim before we could even reply. A refund is issued today.",
        "I see you've decided the sofa cover is \"too grey\". We'll refund you once it's back.",
        "Well, that's a first! We'll refund you once the jacket is back.",
    ])
    func sarcasticConstructions(_ text: String) { #expect(GradSupport.fired(text).contains("sarcasm"), "\(text)") }

    @Test(arguments: [
        "Great news: your replacement ships today and arrives Friday.",
        "Thanks for the photos, they made it clear the lid cracked in transit; a new one ships today.",
        "Sorry that the setup was so confusing; we've rewritten the guide and a refund is issued today.",
        "Oh no, I'm so sorry the vase arrived broken. A replacement ships today.",
        "Clearly this is our mistake, and a refund is issued today.",
        "I'm sure this was frustrating, and I'm sorry. A refund is issued today.",
        "Wonderful to hear the replacement fits. Let us know if you need anything else.",
        "You chose \"Item defective\" as the return reason, so the return is free; refund within 2 days of receipt.",
    ])
    func sincereLookalikesAreNotSarcasm(_ text: String) { #expect(!GradSupport.fired(text).contains("sarcasm"), "\(text)") }

    @Test func mockingQuoteOfTheBuyersJudgementIsSarcasmNotBlame() {
        let found = GradSupport.fired("So you find the blanket \"too warm\". Send it back via Your Orders and we refund you within 2 days of receipt.")
        #expect(found.contains("sarcasm"))
        #expect(!found.contains("blame_buyer"))
    }

    // MARK: personal data: a request verb (or a polite ask) + a data noun, lists of data, the contact purpose

    @Test(arguments: [
        "Please send us your full name, home address, phone number and a copy of the invoice.",
        "Could you let us know your mobile number so our courier can call you?",
        "May I have your email address so that we can contact you directly?",
        "We need your street address and phone to rebook the delivery.",
        "Tell us the best number to reach you on.",
        "Please add your Facebook profile link so we can verify you.",
        "We require a scan of your driver's licence before we can process this.",
        "Could you send us your name, street address, e-mail and phone so that we can book the pickup?",
        "We need a phone number to contact you about the delivery.",
        "What number can our driver call you on?",
        "Write to help at shopname dot com with your mobile number and our technician will ring you.",
    ])
    func personalDataRequests(_ text: String) { #expect(GradSupport.fired(text).contains("personal_info_request"), "\(text)") }

    @Test(arguments: [
        "Please send us a photo of the damaged box through this message thread.",
        "There is no need to send your address; Amazon already has it.",
        "The replacement will go to the address on your order, arriving Friday.",
        "We'll never ask for your card details or password.",
        "Our return address is printed on the label.",
        "We've added your address to the courier booking; no need to do anything.",
        "Your name and address will be printed on the label automatically.",
        "May I have a photo of the serial number sticker?",
        "Please send us the tracking number from your return label.",
    ])
    func noPersonalDataAsked(_ text: String) { #expect(!GradSupport.fired(text).contains("personal_info_request"), "\(text)") }

    @Test(arguments: [
        "We can refund you by PayPal within the hour.",
        "Pay the difference via Venmo and we ship today.",
        "Reach our support team at help at gadgetco dot com for a faster answer.",
        "Search for GadgetCo on Google and use the chat on our website.",
    ])
    func paymentAppsAndObfuscationsAreExternal(_ text: String) { #expect(GradSupport.fired(text).contains("external_contact"), "\(text)") }

    // MARK: implicit blame: the seller's checks set against the buyer's report, damage placed after delivery, doubt

    @Test(arguments: [
        "Each lamp is tested before shipping, so the fault most likely occurred after delivery.",
        "The glass probably broke when the parcel was opened with a knife.",
        "Strange that the box has no dent at all while the screen is cracked.",
        "We find it hard to believe the item arrived like this.",
        "Every unit passes a quality check before it leaves us.",
        "The seal is intact, yet the outer box shows no damage whatsoever, although the parcel had no dents.",
    ])
    func sellerChecksAgainstTheBuyer(_ text: String) { #expect(GradSupport.fired(text).contains("blame_buyer"), "\(text)") }

    @Test(arguments: [
        "Every unit will now pass an extra quality check before it leaves us.",
        "We've pulled the batch, and from now on every mixer is load-tested before it leaves our warehouse; a new one ships today.",
        "We added a second check so each parcel is weighed before it ships; the missing part goes out today.",
        "It most likely happened during shipping, so we've filed a claim with the carrier and a new one ships today.",
        "The box had no dents, so the crack must be a factory defect; a replacement ships today.",
        "It is hard to believe we missed this, and we're sorry; a new one ships today.",
        "It was in perfect condition when it left us, so the carrier must have damaged it; we've opened a claim and a replacement ships today.",
    ])
    func checksThatSideWithTheBuyerAreNotBlame(_ text: String) { #expect(!GradSupport.fired(text).contains("blame_buyer"), "\(text)") }

    // MARK: vague: a flat refusal with nothing offered, even when a policy window names a time

    @Test(arguments: ["claim-response", "return-guidance", "apology-letter"])
    func flatRefusalIsEmpty(_ rubric: String) {
        #expect(GradSupport.fired("Sorry, Ben. Our returns window is 14 days and yours ended last week, so we are unable to help with this.", rubric).contains("vague_no_action"))
        #expect(!GradSupport.fired("Sorry, Ben. We can't offer a refund after 14 days, but we can send a free replacement part today; reply here to confirm.", rubric).contains("vague_no_action"))
    }

    // MARK: other voices: non-native templates, postscripts, conditional gifts

    @Test(arguments: [
        "Dear customer, we will refund 30% of the price to you, only need you to modify the comment to 5 star. Thanks.",
        "If you are satisfied now, please remove the negative feedback, and we will send you one more set for free.",
        "We've refunded you in full today. We'd also love to send you a complimentary travel pouch if you're willing to update your review.",
        "A good review would really help us, and of course there's a small gift waiting for you afterwards.",
        "Give us 5 stars and receive a mystery gift with your next order.",
    ])
    func incentivesInOtherVoices(_ text: String) { #expect(GradSupport.fired(text, "claim-response").contains("review_incentive"), "\(text)") }

    @Test(arguments: [
        ("Could you share the email linked to your Amazon account so we can check the order?", "personal_info_request"),
        ("Please confirm your mailing address and a number where we can reach you.", "personal_info_request"),
        ("We're thrilled you took the time to write an entire essay about a $9 spatula. Refund issued today.", "sarcasm"),
        ("Well, I'm glad our cheap little clip caused such drama. Refund issued today.", "sarcasm"),
        ("Please understand this damage is not something that happens in normal use.", "blame_buyer"),
        ("Our records show the item was delivered and signed for by you.", "blame_buyer"),
        ("The photos suggest the lid was forced open.", "blame_buyer"),
        ("Contact us on our official page for instant help.", "external_contact"),
    ])
    func otherVoices(_ text: String, _ violation: String) { #expect(GradSupport.fired(text, "claim-response").contains(violation), "\(text)") }

    // MARK: whole replies: a polite violation inside an otherwise good reply

    @Test(arguments: [
        ("claim-response", "Hi Raj, your refund is done today. Would you be open to withdrawing the claim? We'd happily cover your next order's shipping for the trouble.", "review_incentive"),
        ("apology-letter", "Dear Mia, sorry for the faded print. Replacement ships today. If you have a moment to leave us some stars, a surprise will be in your next parcel.", "review_incentive"),
        ("apology-letter", "Hi Lee, sorry the charger died. To register the replacement we just need your first and last name plus the postcode and phone you use. Ships within 24 hours after that.", "personal_info_request"),
        ("claim-response", "Hi Eva, sorry the parcel is missing. Our courier asks for a number they can ring on arrival. Reply here and the new parcel ships today.", "personal_info_request"),
        ("return-guidance", "Hi Kai, sorry the kettle leaks. Please return it via Your Orders. For the refund please also let me know which card you paid with and its expiry.", "personal_info_request"),
        ("claim-response", "Hi Ben, I understand that waiting two whole days for a free replacement must have been unbearable. It arrives tomorrow. Reply here if needed.", "sarcasm"),
        ("claim-response", "Hi Dan, sorry for the trouble. The courier's photo shows the parcel at your front door, so it was delivered as promised. Reply here with questions.", "blame_buyer"),
        ("return-guidance", "Hi Pat, the shoes you sent back look worn outdoors, so we can only refund part of the price. Refund within 2 days. Reply here with questions.", "blame_buyer"),
        ("claim-response", "Hi Ali, sorry for the delay. For quicker help our team is on WA at plus four four seven seven zero zero, nine double-zero one two three. A refund is issued today.", "external_contact"),
        ("apology-letter", "Hi Lou, sorry the drill failed. Our repair video is on our YouTube channel, it may help. Replacement ships today. Reply here.", "external_contact"),
    ])
    func politeViolationsInGoodReplies(_ rubric: String, _ text: String, _ violation: String) {
        #expect(GradSupport.fired(text, rubric).contains(violation), "\(text)")
    }

    @Test(arguments: [
        ("apology-letter", "Hi Mark, I'm so sorry the coffee grinder arrived with a cracked hopper. That's our packing fault. A new grinder ships today and arrives by Thursday; we've added corner protectors for every grinder from now on. Just reply here if anything else comes up."),
        ("claim-response", "Hi Lena, thank you for your patience. Great news: the replacement left our warehouse this morning and will arrive by Friday. As a small apology for the wait, we've also refunded the shipping cost. Just reply here if you need anything."),
        ("apology-letter", "Hello Sam, we are really sorry that the vacuum stopped working after two weeks. It is hard for us to accept that this passed our checks. We have sent a new one today, it will be with you in 2 days, and we have added a second test for every unit. Please reply here if you need help."),
        ("return-guidance", "Hi Ana, no problem at all. Please return the jacket through Your Orders; there is no need to send us your address or any details, the label is prepaid. Your refund is issued within 2 days of the parcel being scanned. Reply here any time."),
        ("review-response", "We're sorry the lamp flickered. That was a faulty driver in one batch, and we've changed supplier. Please message us through Buyer-Seller Messaging and we'll send a replacement or a full refund, whichever you prefer. Thank you for your honest review; it helped us find the fault."),
        ("apology-letter", "Dear Kim, sorry for the missing screws. That's our mistake. A full screw kit ships today, arriving Wednesday, and we now weigh every box before it leaves us. If you'd like, you can also tell us how the assembly went, just reply here."),
    ])
    func goodRepliesStayClean(_ rubric: String, _ text: String) {
        let critical = GradSupport.grade(text, rubric).violations.filter(\.critical).map(\.id)
        #expect(critical.isEmpty, "\(critical): \(text)")
    }

    // MARK: a third set of voices (favours, reviewer perks, selfies with ID, "our own store", "done our part")

    @Test(arguments: [
        ("review-response", "Sorry the mat curled at the edges. Message us on Amazon for a free replacement, and once your review reflects the fix we will also refund the original order.", "review_incentive"),
        ("apology-letter", "Hi Greg, sorry for the late parcel, a refund of the shipping is done today. Honest feedback helps us a lot, and reviewers get early access to our new range plus a discount.", "review_incentive"),
        ("claim-response", "Hi Nora, we've refunded you today. Could you kindly switch your rating to something more positive? A $5 credit is yours for doing that.", "review_incentive"),
        ("apology-letter", "Dear Tim, sorry the pan warped. A new pan ships today. Small favour: a kinder review, and a free lid comes your way.", "review_incentive"),
        ("claim-response", "Hello, sorry the shipment is delayed. Please drop your contact info in the reply so the warehouse can coordinate with you.", "personal_info_request"),
        ("apology-letter", "Hi Ola, sorry about the defect. We need to verify the purchase: a selfie holding your ID will do. Replacement ships once verified.", "personal_info_request"),
        ("return-guidance", "Hi Max, sorry it didn't fit. Before we process the return, kindly furnish your residential address and a reachable phone line.", "personal_info_request"),
        ("claim-response", "Hi Jill, how shocking that a parcel left on an open porch for six hours went missing. We've opened a claim.", "sarcasm"),
        ("apology-letter", "Hi Len, apologies that our lamp does not also make coffee. Refund issued today. Reply here if needed.", "sarcasm"),
        ("review-response", "We're touched you felt a $12 toaster deserved a 600-word critique. Please message us via Amazon for a refund.", "sarcasm"),
        ("return-guidance", "Hi Dee, sure, return it, since apparently a sweater should also be bulletproof. Refund within 2 days of receipt.", "sarcasm"),
        ("claim-response", "Hi Carl, the neighbour who signed for it may still have it, please ask around; we have done our part.", "blame_buyer"),
        ("apology-letter", "Hi Fay, sorry for the trouble. Perhaps the adapter was plugged into the wrong voltage. We'll send a new one today.", "blame_buyer"),
        ("apology-letter", "Hi Ray, for a quicker fix ping our tech guy on Telegram, handle is fixitray. New part ships today.", "external_contact"),
        ("claim-response", "Hi Amy, refunds are faster through our own store, homegoods-shop, just search it. Sorry again.", "external_contact"),
        ("review-response", "Thank you for your feedback. We take all comments seriously and strive for excellence.", "vague_no_action"),
        ("apology-letter", "Hi Bo, we're sorry to hear this. Rest assured the matter is in hand. Thank you.", "vague_no_action"),
    ])
    func thirdSetOfVoices(_ rubric: String, _ text: String, _ violation: String) {
        #expect(GradSupport.fired(text, rubric).contains(violation), "\(text)")
    }

    @Test func reviewerPerksAreAnIncentiveButNoChangeRequest() {
        let found = GradSupport.fired("Sorry for the late parcel; the shipping is refunded today. Reviewers get early access to our new range plus a discount.")
        #expect(found.contains("review_incentive"))
        #expect(!found.contains("review_change_request"))
    }
}
