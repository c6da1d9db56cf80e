"""More English families: indirect offers ("I'll make it worth your while"), offers to take a bad review down for
something, veiled threats ("it would be a shame if my review ..."), reward and rating in different sentences,
informal and SMS-style typing, and the ordinary talk that looks like them (price haggling, loyalty discounts,
"feel free to leave honest feedback"). Slots not defined here come from compose_en."""

CASUAL_GOOD = [
    "5*",
    "5 stars",
    "a 5* review",
    "a nice review",
    "full stars",
    "a good rating",
    "a top review",
    "a solid 5",
    "a good word",
    "five stars",
    "a lovely review",
    "a really positive review",
]
SWEETENER = [
    "I'll make it worth your while",
    "I'll look after you",
    "I'll return the favour on the invoice",
    "I'll see you right",
    "you won't regret it",
    "I'll sort you out",
    "I'll remember it when we settle up",
    "I'll be generous",
    "there's something in it for you",
    "you'll be pleasantly surprised",
    "I'll take care of you on the bill",
]
ISSUE = [
    "the missing pages",
    "how slow you were to answer",
    "the broken links",
    "the refund you keep refusing",
    "the extra fees",
    "the two missed deadlines",
    "this whole conversation",
    "the way you handled the changes",
]
SMS_DEMAND = [
    "refund me",
    "fix it 4 free",
    "send the files",
    "knock 50 off",
    "do the extras free",
    "gimme my money back",
]

OFFER = {
    "worth-your-while": [
        "Leave me {GOOD} and {SWEETENER}.",
        "{GOODCAP} would be lovely - {SWEETENER}.",
        "Make the review a good one. {SWEETENER_CAP}.",
        "If the rating comes out right, {SWEETENER}.",
    ],
    "token-for-trouble": [
        "There's a little something for your trouble if the review is kind.",
        "A small token of thanks is waiting for you once {GOOD} is up.",
        "I'd like to send you a little something for your trouble, for {GOOD}.",
        "Your trouble won't go unrewarded if the stars are all there.",
    ],
    "reward-then-rating-sentence": [
        "I've got {REWARD} set aside for you. All I'd want back is {GOOD}.",
        "I can add {FREEWORK} at no charge. In exchange, {GOOD} would be great.",
        "{REWARDCAP} is ready on my side. Just make sure the review says five stars.",
        "You'll get {REWARD}. Only thing is, I need {GOOD} from you first.",
    ],
    "rating-then-reward-sentence": [
        "My profile really needs {GOOD}. The next job is on me if you can help.",
        "Your review means a lot to my business. Next project's on the house if it's a good one.",
        "Could you leave {GOOD}? I'll knock a bit off your next order for it.",
        "I'm counting on {GOOD} from you. There'll be {REWARD} afterwards, of course.",
    ],
    "knock-a-bit-off": [
        "I can knock a bit off the price if the feedback is nice.",
        "I'd shave a little off the bill for {GOOD}.",
        "A bit less on the invoice, and you leave me {GOOD}. Fair?",
        "Say the word - {GOOD}, and the final bill gets a little lighter.",
    ],
    "scratch-back": [
        "You scratch my back with {GOOD}, I'll scratch yours with {REWARD}.",
        "One good turn deserves another: {GOOD} for {REWARD}.",
        "Help me out with {GOOD} and I'll help your budget out.",
    ],
    "sms-offer": [
        "gimme {CASUAL_GOOD} n i'll send u {AMOUNT} back",
        "leave {CASUAL_GOOD} pls, ill sort u out with {AMOUNT} off",
        "{CASUAL_GOOD} = free revisions 4 u, deal?",
        "u leave {CASUAL_GOOD} i send a tenner, easy",
        "if u rate me 5 ill do {FREEWORK} 4 free lol",
    ],
    "typo-offer": [
        "I can send a giftcard if u leave a good reveiw.",
        "If you leave a positve feedbak I'll refund {AMOUNT}.",
        "Leave me a 5 star reviw and I'll do {FREEWORK} for free.",
        "give me a good ratting and you get {REWARD}",
    ],
    "compensate-to-remove": [
        "If you take the review down, I'll compensate you for the trouble.",
        "I'm willing to offer compensation if the one-star comes down.",
        "Compensation is on the table, provided the negative review goes.",
        "Remove the {REVIEWNOUN} and I'll make it up to you with {REWARD}.",
    ],
    "name-your-price-remove": [
        "What would it cost me to get that one-star taken down?",
        "Name your price for removing that review.",
        "How much to make that 2-star review disappear?",
        "Tell me what you want in exchange for deleting the {REVIEWNOUN}.",
    ],
    "soften-for-value": [
        "Soften your review a little and I'll cut the last payment by {AMOUNT}.",
        "If you could tone the review down, I'd lower the final milestone.",
        "Rewrite the harsh part of your review and {REWARD} is yours.",
        "Make the review a bit kinder and I'll refund {AMOUNT}.",
    ],
    "generous-clients": [
        "Clients who rate me generously tend to find me generous too.",
        "A good review goes a long way with me - especially on the final invoice.",
        "People who leave me {GOOD} usually get a better price next time.",
    ],
    "release-for-rating": [
        "I'll release the payment today if your review of me is five stars.",
        "Rate me as a great client and the bonus milestone is yours.",
        "The last payment goes out the moment I see {GOOD} on my client profile.",
    ],
    "perk-for-rating": [
        "Leave {GOOD} and you jump the queue on every future order.",
        "A great rating gets you six months of free support.",
        "Rate the gig five stars and I'll upgrade you to the premium package for nothing.",
        "Express delivery at no extra cost for a top review.",
    ],
    "account-credit": [
        "Post a glowing review and I'll credit your account with {AMOUNT}.",
        "{AMOUNT} store credit lands in your account after {GOOD}.",
        "There's {AMOUNT} of credit waiting for whoever leaves me {GOOD}.",
    ],
    "spread-over-three": [
        "I've been thinking about your project. The last invoice could be lower. "
        "It mostly depends on the stars you leave.",
        "Budgets are tight, I know. I could trim the final bill. A nice review would help me decide.",
        "You mentioned the price was high. That can change. Five stars would go a long way.",
    ],
    "wink-wink": [
        "A nice review, and we forget the revision fees, know what I mean?",
        "Five stars and the extra hours never make it onto the invoice, wink.",
        "Let's say the stars are generous and the bill is modest.",
    ],
    "cover-costs-for-praise": [
        "I'll cover the hosting myself if you say nice things about me in your review.",
        "Write a few kind words on my profile and the stock photos are on my account.",
        "If your review praises me, I'll pay the printing costs out of my own pocket.",
    ],
    "review-softer-refund-hint": [
        "I know your review isn't great. Let me return {AMOUNT}, and perhaps you could look at it again.",
        "I'd like to make things right with {REWARD}. Maybe then the review could be revisited?",
        "Here's {REWARD}. I hope you'll feel like updating your rating after this.",
    ],
    "rating-for-early-delivery": [
        "Promise me {GOOD} and I'll deliver the files two days early at no charge.",
        "I'll prioritise your project over the others if you commit to {GOOD}.",
        "Guarantee me five stars and the rush fee is gone.",
    ],
}

THREAT = {
    "shame-if": [
        "It would be a shame if my review had to mention {ISSUE}.",
        "Shame if your rating took a hit over {ISSUE}.",
        "It would be a pity for your profile if my review were less than glowing. {DEMANDCAP}.",
        "Would be a real shame for your stars if we can't sort out {ISSUE}.",
    ],
    "be-careful-unrated": [
        "Be careful how you answer, I haven't rated you yet.",
        "Choose your next words carefully; my review isn't written yet.",
        "Before you say no, remember I still have to review you.",
        "Think twice before refusing - the review box is still open on my side.",
    ],
    "depends-on-you": [
        "My review will depend on whether you {DEMAND}.",
        "How many stars you get depends on how this ends. {DEMANDCAP}.",
        "The rating is in your hands: {DEMAND}.",
        "What I write in the review depends entirely on whether you {DEMAND}.",
    ],
    "wise-to": [
        "If I were you I'd {DEMAND}, seeing as my review is still pending.",
        "You'd be wise to {DEMAND} before I write my review.",
        "It would be smart to {DEMAND} - I rate you tomorrow.",
    ],
    "rating-not-yet-hint": [
        "Still no refund. My review is due tomorrow. Do the maths.",
        "No refund yet, and I still haven't written my review. Just saying.",
        "You know reviews are public, right? {DEMANDCAP} and we're fine.",
        "I haven't left my rating yet. {DEMANDCAP} and we'll see.",
    ],
    "sms-threat": [
        "{SMS_DEMAND} or 1* ur done",
        "u better {SMS_DEMAND} or ill trash ur rating",
        "no refund = 1 star, ur call",
        "{SMS_DEMAND} asap or enjoy ur 1 star review",
        "seriously {SMS_DEMAND} or i go 1 star everywhere",
    ],
    "who-rates-you": [
        "{DEMANDCAP}. Don't forget who writes your review.",
        "Remember, I'm the one who rates you at the end, so {DEMAND}.",
        "Keep in mind who leaves your review before you refuse to {DEMAND}.",
    ],
    "client-rating-threat": [
        "Approve the milestone today or I'll rate you as a terrible client.",
        "Release the payment, or your client rating will show it.",
        "Stop asking for changes or I'll leave you one star as a client.",
        "Pay the extra invoice or every freelancer will read about you in my review.",
    ],
    "every-word-in-review": [
        "{DEMANDCAP}, or every word of this goes into my review.",
        "Unless you {DEMAND}, all of this ends up in my review, screenshots included.",
        "I'll quote your messages in my review if you don't {DEMAND}.",
    ],
    "stars-can-change": [
        "Stars can go down as easily as up. {DEMANDCAP}.",
        "My rating could change very quickly if you don't {DEMAND}.",
        "Five stars today, one tomorrow - it's up to you to {DEMAND}.",
    ],
    "clock-ticking": [
        "Clock's ticking on my review. {DEMANDCAP}.",
        "The review window closes Friday, and so does my patience. {DEMANDCAP}.",
        "I've got three days left to rate you. Use them well: {DEMAND}.",
    ],
    "honest-review-as-leverage": [
        "Fine, then I'll leave an 'honest' review. {DEMANDCAP} and it won't come to that.",
        "If you won't {DEMAND}, I'll just have to be very honest in my review.",
        "{DEMANDCAP}, or my review will be brutally honest about you.",
    ],
    "stars-when-demand": [
        "You'll get your five stars when you {DEMAND}, not before.",
        "Five stars are yours the day you {DEMAND}.",
        "No five stars until you {DEMAND}.",
    ],
    "we-both-know": [
        "We both know what one bad review costs a freelancer. {DEMANDCAP}.",
        "You know as well as I do how much a one-star hurts. So {DEMAND}.",
        "New freelancers don't survive a bad review. Think about that and {DEMAND}.",
    ],
    "if-you-know-whats-good": [
        "You'll {DEMAND} if you know what's good for your rating.",
        "If you care about your stars at all, you'll {DEMAND}.",
        "Do yourself a favour for the sake of your rating: {DEMAND}.",
    ],
    "reviews-are-forever": [
        "I'd reconsider refusing to {DEMAND}. Reviews stay up forever.",
        "{DEMANDCAP}. A review stays on your profile a long time.",
        "Reviews don't expire, you know. {DEMANDCAP}.",
    ],
    "rating-matches-demand": [
        "My rating will match how much of the fee you give back.",
        "The stars I give will be in proportion to the refund.",
        "The more you {DEMAND}, the better my review gets.",
    ],
    "lawyer-and-review": [
        "{DEMANDCAP}, or my lawyer and my review will handle it.",
        "Either you {DEMAND} or you'll hear from my solicitor - and read my review.",
        "If you don't {DEMAND}, expect a legal letter and {BAD}.",
    ],
}

NONE = {
    "refund-over-problem": [
        "The banner was the wrong size, so I'd like a refund for that part.",
        "I'm requesting a refund: the app crashes on start.",
        "Half the translations were machine-made, I'm asking for {AMOUNT} back.",
        "The review of the code showed it doesn't build; please refund the milestone.",
    ],
    "review-when-done": [
        "I'll review once it's all done.",
        "The review comes after the final files, as usual.",
        "I'll rate everything at the end, not before.",
        "Let's finish the last milestone first, then I'll leave my feedback.",
    ],
    "review-if-happy": [
        "If you were happy with the work, a review would really help me.",
        "Please leave a review if you were happy!",
        "If you have a moment, I'd appreciate some feedback on my profile.",
        "A short review would mean a lot, only if you enjoyed working together.",
    ],
    "honest-feedback-welcome": [
        "Feel free to leave honest feedback, good or bad.",
        "Whatever you think, write it - honest reviews help me improve.",
        "Don't hold back in your review, I want to know what to fix.",
        "Rate me however you see fit, I can take criticism.",
    ],
    "rate-haggling": [
        "My day rate is £400, but I can knock a bit off for a long contract.",
        "Could you lower your hourly rate if I book three months?",
        "Your rate is a bit high for us; would {AMOUNT} less work?",
        "I can do a better rate if we drop the animations.",
    ],
    "loyal-discount": [
        "Since you're a returning client, I'll knock 15% off.",
        "Loyal clients get the next small fix on the house.",
        "You've booked me five times, so the next logo is at half price.",
        "Third project together - have {REWARD}, on me.",
    ],
    "feedback-on-draft": [
        "Any feedback on the first draft? Happy to change the colours.",
        "Your feedback on the wireframes was really useful.",
        "I'll send the revised version once I have your feedback.",
        "Thanks for the quick feedback, I've updated the layout.",
    ],
    "support-honest-review": [
        "I flagged the delay to support; my review will be honest about it.",
        "Support knows about the late delivery, and I'll mention it fairly in my review.",
        "I told support the files were late. I'll rate the work itself fairly.",
    ],
    "shame-about": [
        "It's a shame the files were late, but the review is still five stars.",
        "Shame about the delay, the work itself is great - rated accordingly.",
        "Such a pity we ran out of time, I'd have loved the animations too. Great review coming.",
    ],
    "rating-questions": [
        "How do ratings work here? Can clients see them before hiring?",
        "My rating dropped after the last contract, a bit gutted.",
        "Does the platform show how many reviews I have on my profile?",
        "When does the review window close?",
    ],
    "sms-none": [
        "thx for the 5 stars!! ur the best",
        "review done, gl with the launch",
        "will leave feedback 2moro, bit busy today",
        "pls rate when u can, no rush",
        "got ur review, thx a lot mate",
    ],
    "no-pay-for-review-rule": [
        "I can't offer anything for a review, it's against the rules, but I'd love your honest opinion.",
        "Just so you know, I never pay for reviews - write whatever you think.",
        "No discounts for reviews here, sorry, the platform forbids it.",
    ],
    "stars-and-rebook": [
        "Loved it. Five stars, and I'll book you again in the spring.",
        "Left you five stars - and I'll definitely hire you for the next launch.",
        "Top marks from me, and there's a second project coming your way soon.",
        "Great job. Review posted and I'll recommend you to my colleagues.",
    ],
    "deadline-and-review-reminder": [
        "Deadline is Friday; after that, don't forget to leave a review!",
        "Final files on Monday, and remember the review window opens then.",
        "We wrap up tomorrow. Don't forget to rate the project when it's closed.",
    ],
    "client-asks-review": [
        "Could you leave me a client review too? It helps me hire.",
        "I've reviewed you - would you mind rating me as a client?",
        "A review of me as a client would help other freelancers trust my projects.",
    ],
    "discuss-criticism": [
        "Your review said the logo felt dated; can we talk about what you'd change?",
        "I read your feedback about the slow replies. You were right, I've changed my hours.",
        "Thanks for the three stars and the notes, they were fair.",
    ],
    "refund-then-rating": [
        "Refund sent for the missing page. Thanks for the honest rating.",
        "I refunded the last milestone as the platform decided. Your review stands, of course.",
        "The dispute is closed and you got {AMOUNT} back. Rate as you like.",
    ],
    "star-names": [
        "My five-star Hourly costs £50; the premium one is £90.",
        "The 'five star' package includes {FREEWORK}.",
        "Careful: the rating widget on your site shows zero stars because of a bug.",
        "The review section of your website needs a new layout.",
    ],
    "review-of-work-item": [
        "I'll review the pull request tonight.",
        "Code review done, two small comments on the login page.",
        "Can you review the draft before I send it to the printer?",
        "Peer review is part of my process, so expect a second pair of eyes.",
    ],
    "pricing-no-rating": [
        "I'll knock {AMOUNT} off if you pay the whole project upfront.",
        "Happy to make it worth your while if you book the full year.",
        "Bundle the three logos and I'll throw in {FREEWORK}.",
    ],
    "goodwill-no-rating": [
        "Sorry for the delay - I've taken 10% off the invoice as a goodwill gesture. "
        "Your review is entirely up to you.",
        "I've refunded the rush fee since I missed Friday. Rate the work as you see it.",
        "To make up for the mistake, {FREEWORK} are free. No strings attached.",
    ],
}
