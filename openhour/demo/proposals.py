"""Demo proposals: freelancers bidding on the demo projects, and what the clients made of their offers.

`seed_proposals()` sends only the proposals that are missing, through the same services as the web pages, then
plays out the answer: the client read it, shortlisted it, declined it with a reason or hired its freelancer (which
starts a contract and closes the other offers), or the freelancer withdrew it. A proposal is known by its project and
freelancer, so a second run sends nothing and leaves what people did while trying the demo alone.

Every freelancer sends only a few, far below the monthly allowance, so the demo freelancers can still propose.
Prices are in major units of the project's currency here, and in minor units in the database.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from openhour.accounts.models import User
from openhour.contracts.models import Contract, ContractEvent
from openhour.demo.people.people import EMAIL_DOMAIN
from openhour.jobs.models import Project, ProjectEvent, Proposal, ProposalEvent
from openhour.jobs.services.proposals import (
    proposal_accept,
    proposal_decline,
    proposal_mark_viewed,
    proposal_send,
    proposal_shortlist,
    proposal_withdraw,
)
from openhour.lib.errors import DomainError
from openhour.lib.money import MINOR_UNITS

# What became of a proposal. `viewed`: the client opened it and has not answered yet.
SUBMITTED, VIEWED, SHORTLISTED, DECLINED, WITHDRAWN, ACCEPTED = (
    "submitted",
    "viewed",
    "shortlisted",
    "declined",
    "withdrawn",
    "accepted",
)
READ_BY_CLIENT = (VIEWED, SHORTLISTED, DECLINED, ACCEPTED)

Milestone = tuple[str, int, int]  # title, amount in major units, due in days


@dataclass(frozen=True)
class DemoProposal:
    freelancer: str  # username of a demo freelancer
    price: int  # major units in the project's currency
    days: int  # delivery time
    letter: str
    milestones: tuple[Milestone, ...]  # adding up to the price
    sent: float  # when it was sent, as a fraction of the time between the project's posting and now
    state: str = SUBMITTED
    note: str = ""  # the client's reason for declining, or the freelancer's for withdrawing


@dataclass(frozen=True)
class DemoBids:
    client: str
    title: str  # of a project in `openhour.demo.jobs.PROJECTS`
    proposals: tuple[DemoProposal, ...]


@dataclass(frozen=True)
class Seeded:
    present: int  # demo proposals in the database after this run
    created: int  # sent by this run


B, P = DemoBids, DemoProposal
BIDS: tuple[DemoBids, ...] = (
    B(
        "ollie-grant",
        "Packaging for a new single-origin coffee range",
        (
            P(
                "amara-okafor",
                1650,
                30,
                "Hi Ollie, it's Amara: I designed the bag labels you use now, so I know the kraft stock, your "
                "printer's "
                "quirks and where a new range could clash with the house blends. My idea is to keep the house "
                "layout and "
                "give each origin its own colour and a small engraving-style drawing of the farm's landscape, so the "
                "single origins feel like a special edition rather than a new brand.\n\n"
                "You'd see three rough routes within a week; I'd refine the one you choose and hand over PDF/X-4 files "
                "for both bag sizes. Happy to come to the roastery for the kick-off.",
                (
                    ("Three rough routes", 500, 8),
                    ("Chosen route for all three labels", 750, 20),
                    ("Print-ready files for 250 g and 1 kg bags", 400, 30),
                ),
                sent=0.35,
                state=VIEWED,
            ),
            P(
                "sofia-marin",
                1400,
                28,
                "Hello Ollie! I illustrate packaging and picture books from my studio in Valencia, and I drink far too "
                "much coffee while doing it. For three origins I'd paint one scene each (the washing station, the "
                "co-operative's drying beds, the patio in Brazil) in a limited palette that prints well on "
                "kraft, and set "
                "them in your existing label layout.\n\n"
                "You'd see pencil sketches before I start on colour. The tea tins in my portfolio are the closest "
                "example of this kind of work.",
                (
                    ("Pencil sketches for three origins", 400, 7),
                    ("Final illustrations in colour", 700, 20),
                    ("Labels set up for print", 300, 28),
                ),
                sent=0.6,
            ),
        ),
    ),
    B(
        "katrin-vogel",
        "English documentation for our carrier API",
        (
            P(
                "tom-hughes",
                1600,
                21,
                "Hi Katrin, I was a developer for eight years before I started writing, so I'm comfortable "
                "reading your "
                "API and asking your team the right questions. My German is good enough for a developers' wiki, with a "
                "dictionary for the odd compound noun.\n\n"
                "I'd start with the getting-started guide and authentication, because that's where partners get stuck, "
                "and send both to one Swedish carrier for feedback before writing the endpoint pages. You'd "
                "get Markdown "
                "in a Git repository, with every example tested against your sandbox.",
                (
                    ("Outline and getting-started guide", 450, 7),
                    ("Authentication and the eight endpoints", 850, 16),
                    ("Errors, sandbox page and final edit", 300, 21),
                ),
                sent=0.2,
                state=SHORTLISTED,
            ),
            P(
                "claire-dubois",
                1350,
                18,
                "Hello Katrin, I translate technical documentation from German every week, mostly for software "
                "companies, and I'd be glad to turn your wiki into clear documentation for your partners. I'd "
                "also keep "
                "a glossary of your terms, so later versions in Swedish or French stay consistent with the English.",
                (
                    ("Glossary and the first three pages", 450, 6),
                    ("Endpoint reference", 600, 14),
                    ("Review with your developers", 300, 18),
                ),
                sent=0.3,
                state=DECLINED,
                note="Thank you, Claire. We've chosen a writer whose first language is English, since this will be "
                "the reference our partners read.",
            ),
        ),
    ),
    B(
        "jordan-ellis",
        "UX research: why patients stop exercising in week two",
        (
            P(
                "lukas-brandt",
                4200,
                28,
                "Hi Jordan, a week-two drop-off is a pattern I saw in a payroll app too: the novelty has gone and the "
                "habit isn't there yet. I'd start with your analytics to see where sessions break off, then "
                "run 10 to 12 "
                "remote interviews with patients in that window and a few who kept going. Older participants often "
                "need a phone call before the video call, and I plan time for that.\n\n"
                "You'd get a findings report with quotes and clips, a prioritised list of problems pinned to "
                "your Figma "
                "screens, and a half-day workshop with your team.",
                (
                    ("Analytics review and interview guide", 900, 7),
                    ("Interviews and usability review", 2200, 21),
                    ("Report and workshop", 1100, 28),
                ),
                sent=0.5,
            ),
        ),
    ),
    B(
        "jordan-ellis",
        "20 short animated demos of rehab exercises",
        (
            P(
                "kenji-ito",
                5800,
                40,
                "Hi Jordan, the point about people copying the presenter's camera angle rings true. In "
                "animation we can "
                "hold the view exactly side-on and highlight the joint, which live action can't. I'd design "
                "one simple, "
                "friendly figure without age or gender cues, so every patient can see themselves in it, and animate a "
                "pilot exercise for your therapists to check before I make the other 19 in batches of five.\n\n"
                "Loops are built in from the start, so the WebM files repeat without a jump. A calm voice "
                "artist I work "
                "with would record the counting; that's included.",
                (
                    ("Character design and a pilot exercise", 1300, 10),
                    ("Exercises 2 to 10", 2200, 24),
                    ("Exercises 11 to 20, voice-over and project files", 2300, 40),
                ),
                sent=0.15,
                state=ACCEPTED,
            ),
        ),
    ),
    B(
        "maya-thompson",
        "Woodland animal prints for a baby clothing collection",
        (
            P(
                "sofia-marin",
                900,
                21,
                "Hi Maya! Woodland animals are my favourite thing to draw; my last picture book is full of "
                "hedgehogs. I'd "
                "sketch all six animals in pencil first so you can choose their expressions (gently funny, as "
                "you say), "
                "then finish them as clean vectors in your four screen colours.\n\n"
                "The repeat would be a proper seamless tile, checked on a bodysuit mock-up at real size. Full "
                "rights to "
                "use the artwork on your products are included.",
                (
                    ("Pencil sketches of six animals", 250, 6),
                    ("Final illustrations in four colours", 400, 14),
                    ("Repeat pattern and print files", 250, 21),
                ),
                sent=0.2,
                state=SHORTLISTED,
            ),
            P(
                "kenji-ito",
                950,
                25,
                "Hi Maya, these days I mostly animate, but I started as an illustrator and still love drawing animals. "
                "I'd draw the six with a soft, rounded line, and I could animate two of them for your launch posts at "
                "no extra cost.",
                (("Six animal illustrations", 600, 15), ("Repeat pattern and files", 350, 25)),
                sent=0.3,
                state=WITHDRAWN,
                note="Sorry, Maya: a trailer I'm animating has moved its deadline forward, and I can't give this the "
                "time it deserves.",
            ),
            P(
                "amara-okafor",
                780,
                24,
                "Hi Maya, most of my work ends up in print, so four-colour screen printing and seamless repeats are "
                "familiar ground. I'd suggest a slightly bolder, more graphic take on the animals, which reads well on "
                "small garments and survives the wash. Happy to send you a rough fox before you decide.",
                (
                    ("Sketches and a sample fox", 200, 7),
                    ("Six animals and the repeat", 450, 18),
                    ("Print-ready files", 130, 24),
                ),
                sent=0.45,
                state=VIEWED,
            ),
        ),
    ),
    B(
        "lucia-fernandez",
        "Table booking pages for our two restaurants",
        (
            P(
                "mateo-ruiz",
                2900,
                30,
                "¡Hola Lucía! I've built booking and checkout pages that run on cheap phones over patchy connections, "
                "which is exactly where your guests will book from. I'd make a small, fast page for each "
                "restaurant that "
                "reads real availability from your table management system, handles allergies and party sizes, "
                "and sends "
                "the confirmation in Spanish or English.\n\n"
                "If your system is one I haven't used, I'll read its API documentation before we start and tell you "
                "honestly what it can and can't do. We'd finish with an hour's handover so your manager can change the "
                "texts herself.",
                (
                    ("API check and booking flow", 600, 7),
                    ("Booking pages for both restaurants", 1700, 24),
                    ("Confirmation e-mails, testing and handover", 600, 30),
                ),
                sent=0.1,
                state=SHORTLISTED,
            ),
            P(
                "priya-nair",
                3200,
                28,
                "Hi Lucía, I'm a back-end developer first, so the part I'd be strongest at is the integration: caching "
                "availability so the page stays quick on a Friday night, coping when the API has a bad moment, "
                "and making "
                "sure no booking is ever lost. The pages themselves would be simple, accessible HTML with a little "
                "JavaScript, in both languages from the start.",
                (
                    ("Integration with your table system", 1400, 12),
                    ("Booking pages and e-mails", 1400, 24),
                    ("Testing on real phones and handover", 400, 28),
                ),
                sent=0.25,
                state=VIEWED,
            ),
            P(
                "ben-carter",
                3400,
                35,
                "Hi Lucía, we build booking and shop front ends for hospitality clients and would love a project in "
                "Spain. We'd build both pages on one code base with your branding, and send the confirmations "
                "from your "
                "own domain so they don't land in spam.",
                (("Design and integration plan", 800, 10), ("Build and test", 2600, 35)),
                sent=0.4,
                state=WITHDRAWN,
                note="We've just taken on a migration that fills our next two months; better to step back now than "
                "keep you waiting.",
            ),
        ),
    ),
    B(
        "julien-moreau",
        "Grant application to a European ocean fund",
        (
            P(
                "grace-mwangi",
                3600,
                21,
                "Dear Julien, I have written funded proposals for environmental and community programmes for eight "
                "years, including a three-year irrigation pilot with 400 farmers. Seagrass restoration with local "
                "fishermen is the kind of story reviewers remember, as long as the logic is tight.\n\n"
                "I'd start with the logical framework and the indicators, because everything else hangs off them, then "
                "draft the narrative and edit your team's sections into one voice. I read French well enough for your "
                "internal documents and will check anything subtle with you. Given the deadline, I suggest two drafts "
                "and a final read-through three days before submission.",
                (
                    ("Logical framework and indicators", 1000, 6),
                    ("First full draft", 1600, 14),
                    ("Final draft and submission check", 1000, 21),
                ),
                sent=0.2,
                state=SHORTLISTED,
            ),
        ),
    ),
    B(
        "julien-moreau",
        "Subtitles in four languages for a seagrass documentary",
        (
            P(
                "claire-dubois",
                950,
                12,
                "Bonjour Julien, last year I subtitled a six-part series about the North Sea, so the mix of scientific "
                "vocabulary and fishermen's speech is familiar. I'd do the French and English subtitles myself "
                "from your "
                "transcript and glossary, and work with two colleagues I trust for Spanish and Italian, checking their "
                "files for timing and reading speed.\n\n"
                "You'd get SRT files timed to the final cut, and burned-in versions for social media in square and "
                "vertical formats.",
                (
                    ("French and English subtitles", 450, 6),
                    ("Spanish and Italian subtitles", 350, 10),
                    ("Burned-in versions for social media", 150, 12),
                ),
                sent=0.1,
                state=ACCEPTED,
            ),
            P(
                "dan-whitaker",
                800,
                10,
                "Hi Julien, I subtitle podcasts and short films, and I can time SRT files in all four languages from "
                "translations you provide, plus burned-in versions in any format you need.",
                (
                    ("English subtitles and a timing template", 350, 5),
                    ("Three more languages, burned-in versions", 450, 10),
                ),
                sent=0.2,
                state=DECLINED,
                note="Thanks, Dan. We need someone who translates as well as times the subtitles.",
            ),
        ),
    ),
    B(
        "ravi-patel",
        "Original soundtrack for a cosy puzzle game",
        (
            P(
                "dan-whitaker",
                4400,
                60,
                "Hi Ravi, I played the Tidepool demo and loved how quiet it lets you be. I'd build the score from felt "
                "piano, nylon guitar, soft pads and hydrophone recordings I made in rock pools in Cornwall "
                "last summer. "
                "Each area theme would come in three layers in FMOD, so instruments join as the player progresses, and "
                "I'd check the loops in your build rather than only in my studio.\n\n"
                "You'd hear a sketch of the main theme in two weeks, before I commit to the rest.",
                (
                    ("Main theme sketch", 900, 14),
                    ("Six layered area themes", 2600, 45),
                    ("Stingers, FMOD set-up and final mix", 900, 60),
                ),
                sent=0.3,
                state=SHORTLISTED,
            ),
        ),
    ),
    B(
        "zoe-clarke",
        "Refresh of my coaching website on WordPress",
        (
            P(
                "ben-carter",
                1250,
                21,
                "Hi Zoe, we refresh WordPress sites for one-person businesses all the time, and a refresh "
                "rather than a "
                "rebuild is usually the right call. I'd move your pages from the old page builder to the block "
                "editor so "
                "you can edit them yourself, build the new home and services pages, embed Calendly properly and get "
                "every page loading in under two seconds.\n\n"
                "A light edit of your copy is included, and you'd get a short video showing how to update everything.",
                (
                    ("Home and services page designs", 400, 7),
                    ("Build, Calendly and speed work", 650, 17),
                    ("Copy edit, handover and video guide", 200, 21),
                ),
                sent=0.15,
                state=SHORTLISTED,
            ),
            P(
                "mateo-ruiz",
                1100,
                25,
                "Hi Zoe, I'm a front-end developer who cares a lot about fast, accessible pages. I'd design the new "
                "home and services pages in Figma first, then build them as a lightweight WordPress theme you can edit "
                "with the block editor.",
                (
                    ("Designs in Figma", 350, 8),
                    ("Theme build and booking flow", 600, 20),
                    ("Launch and handover", 150, 25),
                ),
                sent=0.35,
                state=VIEWED,
            ),
        ),
    ),
    B(
        "zoe-clarke",
        "Year-end records tidy-up for a sole trader",
        (
            P(
                "ines-costa",
                380,
                10,
                "Hi Zoe, 300 transactions is a comfortable size. I'd reconcile the year against your bank statements, "
                "sort everything into the categories HMRC uses for Self Assessment and send you a short list "
                "of anything "
                "I can't match. Your accountant gets a clean summary and the working spreadsheet.\n\n"
                "For next year I'd set up a simple monthly sheet (or free accounting software, if you prefer) "
                "that takes "
                "ten minutes a month.",
                (
                    ("Reconciliation and categories", 250, 6),
                    ("Summary for your accountant, next year's set-up", 130, 10),
                ),
                sent=0.4,
            ),
        ),
    ),
    B(
        "ben-carter",
        "Product descriptions for a 300-item kitchenware shop",
        (
            P(
                "tom-hughes",
                1650,
                28,
                "Hi Ben, I write product copy alongside my B2B work, and kitchenware is a pleasure: people genuinely "
                "want to know whether a pan works on induction. At this length I can write about 80 "
                "descriptions a week, "
                "so all 300 in four weeks including your paid test, with the keywords worked in where they read "
                "naturally. I can start the five-product test this week.",
                (
                    ("Paid test: five products", 50, 3),
                    ("First 150 descriptions", 800, 15),
                    ("Remaining 145 descriptions", 800, 28),
                ),
                sent=0.3,
            ),
            P(
                "chloe-byrne",
                1500,
                30,
                "Hi Ben, unique product copy is one of the quickest SEO wins after a migration. I'd write each "
                "description around the keyword you've mapped, add a meta title and description for every "
                "product at no "
                "extra cost, and check the lot for duplication before launch.",
                (
                    ("Paid test: five products", 50, 3),
                    ("Descriptions 6 to 150", 725, 16),
                    ("Descriptions 151 to 300 and meta data", 725, 30),
                ),
                sent=0.6,
            ),
        ),
    ),
    B(
        "ollie-grant",
        "Wholesale price list and brochure for cafés and delis",
        (
            P(
                "amara-okafor",
                850,
                21,
                "Hi Ollie, a brochure is a lovely next step after the labels, and I already have your brand files. I'd "
                "lay out the eight pages around your photos in the same type and colours as the bags, tighten the copy "
                "as I go, and set the price list up as a separate insert with a template your team can update each "
                "quarter.\n\n"
                "I'll check the proof with your printer so the kraft-coloured background doesn't come out muddy.",
                (
                    ("Layout and copy edit", 400, 10),
                    ("Final design", 300, 17),
                    ("Print files and price-list template", 150, 21),
                ),
                sent=0.1,
                state=SHORTLISTED,
            ),
        ),
    ),
    B(
        "katrin-vogel",
        "Android app for warehouse pallet scanning",
        (
            P(
                "jonas-berg",
                12500,
                70,
                "Hej Katrin, offline-first is what I do: my last big project was an inspection app for a water utility "
                "whose engineers spend half the day underground. I've shipped apps to Zebra devices before and "
                "would use "
                "their scanning SDK rather than the camera; it's faster and works with gloves on.\n\n"
                "Every scan would be stored on the device and synced in the background with proper conflict handling, "
                "and the screen would always show what is still waiting to sync. I'd plan two visits to the "
                "cross-dock: "
                "one to watch a shift at the start, one for the pilot week.",
                (
                    ("Shift visit, flows and a clickable prototype", 2000, 14),
                    ("Scanning, offline storage and sync", 5500, 45),
                    ("Damage photos, dock doors and testing", 3000, 60),
                    ("Pilot week and handover", 2000, 70),
                ),
                sent=0.15,
                state=SHORTLISTED,
            ),
            P(
                "priya-nair",
                9800,
                70,
                "Hi Katrin, I know the API side of freight portals well. Rather than a native app, I'd suggest an "
                "offline-capable web app on the Zebra devices: one code base, updates without an app store, "
                "and scanning "
                "through the devices' keyboard input. If it has to be native, I'd rather tell you now than "
                "learn Kotlin "
                "on your budget.",
                (
                    ("Prototype on one handheld", 2300, 14),
                    ("Offline app and sync", 5500, 50),
                    ("Pilot and handover", 2000, 70),
                ),
                sent=0.3,
                state=DECLINED,
                note="Thank you, Priya. We need a native app from someone who has built for scanners before.",
            ),
        ),
    ),
    B(
        "katrin-vogel",
        "Delay report from two years of shipment data",
        (
            P(
                "aisha-bello",
                3300,
                21,
                "Hello Katrin, this is the kind of question I enjoy: the answer is almost certainly in your data, just "
                "spread over five kinds of event. I'd rebuild each consignment's journey from the events, measure the "
                "time spent at each stage and compare Norway with Sweden by route, carrier, weekday and season. Missed "
                "ferries are easy to spot once the scans are lined up with the sailing times, which I'd ask "
                "you for.\n\n"
                "You'd get a short report in plain language, eight to ten charts and Jupyter notebooks your team can "
                "rerun every quarter.",
                (
                    ("Data check and journey model", 900, 6),
                    ("Delays by route, carrier and season", 1600, 15),
                    ("Report, charts and notebooks", 800, 21),
                ),
                sent=0.4,
            ),
        ),
    ),
    B(
        "jordan-ellis",
        "Plain-language rewrite of 60 exercise instructions",
        (
            P(
                "tom-hughes",
                2000,
                18,
                "Hi Jordan, I've spent years turning engineers' writing into sentences other people finish, and the "
                "rules carry over: the safety warning first, one action per line, the words patients actually use. I'd "
                "rewrite ten instructions first so your therapists can tell me where I've simplified too far, then do "
                "the other fifty in two batches.\n\n"
                "Besides a readability check, I'd test a sample on two people over seventy I know well.",
                (
                    ("First ten instructions", 400, 5),
                    ("Instructions 11 to 35", 800, 12),
                    ("Instructions 36 to 60 and final review", 800, 18),
                ),
                sent=0.2,
                state=SHORTLISTED,
            ),
            P(
                "grace-mwangi",
                1700,
                20,
                "Hello Jordan, I edit reports and donor materials for readers with very different reading levels, and "
                "plain language is at the heart of that work. I'd rewrite the instructions in three batches, with your "
                "therapists' review in between.",
                (
                    ("First 20 instructions", 550, 7),
                    ("Next 20 instructions", 550, 14),
                    ("Last 20 and final review", 600, 20),
                ),
                sent=0.35,
                state=WITHDRAWN,
                note="I've realised this needs someone who writes patient information every day, so I'm stepping back.",
            ),
        ),
    ),
    B(
        "jordan-ellis",
        "Pre-surgery e-mail series for new patients",
        (
            P(
                "hannah-fischer",
                1800,
                21,
                "Hi Jordan, I've built welcome and onboarding flows for years, and the lesson that carries over is "
                "timing: the right e-mail on the right day beats a clever one. I'd time the series from the date of "
                "surgery rather than the sign-up date, so a patient three days out gets the packing list, not the "
                "introduction to prehab.\n\n"
                "I'd write all eight e-mails in a calm, practical voice, send them to your clinicians for "
                "approval, then "
                "build the flow in Customer.io and test every branch.",
                (
                    ("Series plan and timing", 400, 5),
                    ("Eight e-mails written and approved", 900, 15),
                    ("Built in Customer.io and tested", 500, 21),
                ),
                sent=0.25,
                state=VIEWED,
            ),
        ),
    ),
    B(
        "sanne-de-vries",
        "12 illustrated repair cards for tents and packs",
        (
            P(
                "sofia-marin",
                2400,
                35,
                "Hola Sanne! Instructional drawing is a quiet passion of mine, and the rules are simple: one "
                "action per "
                "picture, hands always visible, arrows that can't be misread. I'd spend a day in your Utrecht workshop "
                "sketching the repair team at work (or work from video, if that's easier), then draw all "
                "twelve cards in "
                "a clean line style in your colours, with numbers instead of words wherever I can.\n\n"
                "Print-ready PDFs in both card sizes and the vector files are included.",
                (
                    ("Workshop day and sketches for all twelve", 700, 10),
                    ("First six cards", 850, 22),
                    ("Last six cards and print files", 850, 35),
                ),
                sent=0.12,
                state=ACCEPTED,
            ),
            P(
                "kenji-ito",
                2600,
                30,
                "Hi Sanne, I draw clear technical illustrations for explainer videos, and I could also turn each card "
                "into a short looping animation for your website at cost.",
                (("Style frame and the first card", 600, 8), ("All twelve cards", 2000, 30)),
                sent=0.2,
            ),
            P(
                "amara-okafor",
                2000,
                28,
                "Hi Sanne, cards that travel in a tent bag need to survive rain and folding, so I'd print them on a "
                "synthetic paper that does. I'd illustrate the steps in a bold graphic style that matches your brand.",
                (("Style sample and the first card", 500, 7), ("Eleven cards and print files", 1500, 28)),
                sent=0.3,
                state=DECLINED,
                note="Thank you, Amara. Lovely work, but we're after a more technical drawing style for these.",
            ),
        ),
    ),
    B(
        "niamh-walsh",
        "Local SEO and Google Business Profile for a Galway agency",
        (
            P(
                "chloe-byrne",
                900,
                90,
                "Hi Niamh, I'm based in Ireland and do a lot of local SEO for small businesses here; a family garden "
                "centre's organic visits tripled in a year. For a letting agent the quick wins are usually the "
                "Business "
                "Profile (categories, services, photos and a steady flow of reviews), consistent listings in the Irish "
                "directories and a page for each area you let in.\n\n"
                "I'd do the audit and fixes in the first fortnight, give your developer a short list of what the new "
                "site needs, then report monthly for three months.",
                (
                    ("Audit and Business Profile clean-up", 400, 14),
                    ("Directory listings and content plan", 300, 30),
                    ("Three monthly reports", 200, 90),
                ),
                sent=0.3,
            ),
            P(
                "ben-carter",
                950,
                60,
                "Hi Niamh, besides building Shopify and WordPress sites we look after technical and local SEO for our "
                "clients. As you're rebuilding the site at the same time, we'd make sure nothing you've earned "
                "in search "
                "is lost in the move, with redirects and a clean sitemap.",
                (("Audit and migration plan", 450, 14), ("Business Profile and listings", 500, 60)),
                sent=0.6,
            ),
        ),
    ),
    B(
        "lucia-fernandez",
        "Food photography for our autumn menu",
        (
            P(
                "elena-popescu",
                1200,
                14,
                "Hola Lucía, food in natural light is one of my favourite things to shoot, and a terrace in Ruzafa in "
                "autumn sounds like a gift. I'd plan the morning with your chefs so each dish goes from the "
                "pass to the "
                "table in under a minute, shoot every plate in landscape and square, and photograph the team between "
                "dishes.\n\n"
                "Edited photos within five days, colour-matched so the whole menu looks like one set. I'd fly in from "
                "Bucharest the day before; travel is included.",
                (
                    ("Shot list with the kitchen", 200, 3),
                    ("Shoot day", 600, 8),
                    ("Edited photos in both crops", 400, 14),
                ),
                sent=0.2,
                state=SHORTLISTED,
            ),
        ),
    ),
    B(
        "julien-moreau",
        "Volunteer database clean-up and a simple CRM",
        (
            P(
                "marta-kowalska",
                850,
                21,
                "Bonjour Julien, I've merged messy contact lists before, and the trick is agreeing the rules before "
                "touching the data: which record wins, how consent is recorded, what counts as a duplicate. "
                "I'd propose "
                "those rules to you first, then merge the spreadsheets and Mailchimp lists, type up the paper "
                "forms and "
                "build the Airtable base with views for your volunteer coordinator.\n\n"
                "My French is practical rather than perfect: plenty for names, addresses and consent forms.",
                (
                    ("Rules for merging and consent", 150, 4),
                    ("Merged and de-duplicated data", 450, 14),
                    ("Airtable base and handover", 250, 21),
                ),
                sent=0.1,
                state=SHORTLISTED,
            ),
        ),
    ),
    B(
        "zoe-clarke",
        "Client contract and privacy notice for my coaching practice",
        (
            P(
                "rebecca-adeyemi",
                650,
                14,
                "Hi Zoe, coaching agreements come up often in my practice, and the employer-funded one is where people "
                "usually slip: who owns the notes, what the employer is told, and what happens if the coachee leaves. "
                "I'd draft both agreements and a privacy notice in plain English, plus a one-page note on keeping "
                "session notes: what counts as special category data, how long to keep it and a sensible set-up for a "
                "one-person practice.\n\n"
                "Fixed fee, with one round of changes included.",
                (("Two coaching agreements", 350, 7), ("Privacy notice and a note on session records", 300, 14)),
                sent=0.15,
                state=ACCEPTED,
            ),
        ),
    ),
    # In French and in German, as the people involved read the site.
    B(
        "helene-marchand",
        "Développeur Django pour la boutique en ligne de nos luminaires",
        (
            P(
                "theo-lambert",
                4200,
                40,
                "Bonjour Hélène, je suis développeur Django à Lyon et j'ai déjà refait deux boutiques d'artisans. Je "
                "commencerais par reprendre votre catalogue et les variantes de finition, puis la commande sur mesure "
                "avec son délai de fabrication, et enfin la liaison avec votre logiciel de facturation.\n\n"
                "Les adresses actuelles seraient redirigées une à une pour garder votre référencement. Je peux passer "
                "à l'atelier pour en parler.",
                (
                    ("Catalogue et variantes de finition", 1600, 15),
                    ("Commandes sur mesure et paiement", 1600, 30),
                    ("Liaison avec la facturation et mise en ligne", 1000, 40),
                ),
                sent=0.4,
                state=VIEWED,
            ),
        ),
    ),
    B(
        "greta-hoffmann",
        "Übersetzung unseres Online-Shops ins Englische (ca. 9.000 Wörter)",
        (
            P(
                "jonas-becker",
                1200,
                21,
                "Hallo Frau Hoffmann, ich übersetze seit zehn Jahren zwischen Deutsch und Englisch, oft für "
                "Handwerksbetriebe, und arbeite mit einer britischen Lektorin zusammen, die jeden Text gegenliest. "
                "Für Begriffe wie geölt, gewachst oder Eiche astig lege ich zuerst ein Glossar an, das Sie "
                "freigeben.\n\n"
                "Die Produkttexte liefere ich in zwei Teilen, die Versand- und Rückgabebedingungen zum Schluss.",
                (("Glossar und Produkttexte", 800, 14), ("Pflegehinweise, Versand und Rückgabe", 400, 21)),
                sent=0.3,
            ),
        ),
    ),
)


def seed_proposals() -> Seeded:
    """Send the demo proposals that are missing, on demo projects that are still open, and play out the answers."""
    projects = {
        (project.client.username, project.title): project
        for project in Project.objects.filter(
            client__username__in={bids.client for bids in BIDS},
            client__email__iendswith="@" + EMAIL_DOMAIN,
            title__in={bids.title for bids in BIDS},
        ).select_related("client")
    }
    usernames = {demo.freelancer for bids in BIDS for demo in bids.proposals}
    freelancers = {
        user.username: user
        for user in User.objects.filter(username__in=usernames, email__iendswith="@" + EMAIL_DOMAIN, is_freelancer=True)
    }
    existing = set(
        Proposal.objects.filter(project__in=list(projects.values())).values_list("project_id", "freelancer_id")
    )
    present = created = 0
    now = timezone.now()
    for bids in BIDS:
        project = projects.get((bids.client, bids.title))
        if project is None:
            continue  # not posted: the client is not a demo account, or the title was edited
        missing = []
        for demo in bids.proposals:
            freelancer = freelancers.get(demo.freelancer)
            if freelancer is None:
                continue  # the username belongs to someone outside the demo, or is not a freelancer any more
            if (project.pk, freelancer.pk) in existing:
                present += 1
            else:
                missing.append((demo, freelancer))
        if missing and project.status == Project.Status.OPEN:
            sent = _bid(project, missing, now)
            present, created = present + sent, created + sent
    return Seeded(present=present, created=created)


@transaction.atomic
def _bid(project: Project, missing: list[tuple[DemoProposal, User]], now: datetime) -> int:
    """Send the missing proposals on one project and answer them; returns how many were sent."""
    unit = MINOR_UNITS[project.currency]
    sent: list[tuple[DemoProposal, Proposal]] = []
    for demo, freelancer in sorted(missing, key=lambda pair: pair[0].sent):
        try:
            proposal = proposal_send(
                project_id=project.pk,
                freelancer=freelancer,
                cover_letter=demo.letter,
                price=demo.price * unit,
                delivery_days=demo.days,
                milestones=[
                    {"title": title, "amount": amount * unit, "due_in_days": days}
                    for title, amount, days in demo.milestones
                ],
            )
        except DomainError:
            continue  # e.g. someone trying the demo used up this freelancer's allowance, or the project is full
        sent.append((demo, proposal))
    client = project.client
    for demo, proposal in sent:
        _answer(demo, proposal, client)
    hired = next((proposal for demo, proposal in sent if demo.state == ACCEPTED), None)
    if hired is not None:
        try:
            proposal_accept(proposal_id=hired.pk, by=client)
        except DomainError:
            hired = None
    _backdate(project, sent, hired, now)
    return len(sent)


def _answer(demo: DemoProposal, proposal: Proposal, client: User) -> None:
    try:
        if demo.state in READ_BY_CLIENT:
            proposal_mark_viewed(proposal=proposal, by=client)
        if demo.state in (SHORTLISTED, ACCEPTED):
            proposal_shortlist(proposal_id=proposal.pk, by=client)
        elif demo.state == DECLINED:
            proposal_decline(proposal_id=proposal.pk, by=client, reason=demo.note)
        elif demo.state == WITHDRAWN:
            proposal_withdraw(proposal_id=proposal.pk, by=proposal.freelancer, note=demo.note)
    except DomainError:
        pass  # leave it as it is: the demo still works with a proposal in an earlier state


def _backdate(
    project: Project, sent: list[tuple[DemoProposal, Proposal]], hired: Proposal | None, now: datetime
) -> None:
    """Demo data only: spread the proposals and the answers between the project's posting and now, as if
    they had come in over the days since, and hire at the end of it."""
    posted = project.created_at
    answered: dict[int, datetime] = {}
    for demo, proposal in sent:
        at = posted + (now - posted) * demo.sent
        answer = at + (now - at) * 0.4
        answered[proposal.pk] = answer
        Proposal.objects.filter(pk=proposal.pk).update(
            created_at=at, updated_at=at if demo.state in (SUBMITTED, VIEWED) else answer
        )  # reading a proposal does not change it
        Proposal.objects.filter(pk=proposal.pk, viewed_at__isnull=False).update(viewed_at=answer)
        ProposalEvent.objects.filter(proposal=proposal, action="send").update(created_at=at)
        ProposalEvent.objects.filter(proposal=proposal).exclude(action__in=("send", "accept", "close")).update(
            created_at=answer
        )
    if hired is None:
        return
    at = Proposal.objects.filter(pk=hired.pk).values_list("created_at", flat=True).get()
    hire = max(at + (now - at) * 0.75, *answered.values())
    ids = [proposal.pk for _demo, proposal in sent]
    ProposalEvent.objects.filter(proposal_id__in=ids, action__in=("accept", "close")).update(created_at=hire)
    Proposal.objects.filter(pk__in=ids, status__in=(Proposal.Status.ACCEPTED, Proposal.Status.CLOSED)).update(
        updated_at=hire
    )
    ProjectEvent.objects.filter(project=project, action="hire").update(created_at=hire)
    Project.objects.filter(pk=project.pk).update(updated_at=hire)
    Contract.objects.filter(proposal_id=hired.pk).update(created_at=hire, updated_at=hire)
    ContractEvent.objects.filter(contract__proposal_id=hired.pk).update(created_at=hire)
