"""Demo projects: what the demo clients are hiring for, posted over the last three weeks.

`seed_projects()` posts only the projects that are missing, through the same services as the web page.
A project is known by its client and title, so a second run posts nothing and leaves edits alone.
Budgets are in major units (pounds, euros, dollars) here and in minor units in the database.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from openhour.accounts.models import User
from openhour.demo.people.freelancers import FREELANCERS
from openhour.demo.people.people import CLIENTS, EMAIL_DOMAIN
from openhour.jobs.models import BudgetType, Project, Visibility
from openhour.jobs.services.projects import project_close, project_post
from openhour.lib.money import MINOR_UNITS


@dataclass(frozen=True)
class DemoProject:
    client: str  # username of a demo client
    title: str
    category: str  # category slug
    skills: tuple[str, ...]  # skill slugs
    budget: tuple[int, int]  # major units in the client's currency; per hour when `hourly`
    text: tuple[str, ...]  # the description's paragraphs
    posted: float  # days ago
    hourly: bool = False
    deadline_in: int | None = None  # days from the day it is seeded
    invite_only: bool = False
    max_proposals: int | None = None
    closed: str = ""  # the client's reason for closing it; empty while open


@dataclass(frozen=True)
class Seeded:
    present: int  # demo projects in the database after this run
    created: int  # posted by this run


CURRENCIES = {c.username: c.currency for c in CLIENTS} | {f.username: f.currency for f in FREELANCERS if f.hires_as}

P = DemoProject
PROJECTS: tuple[DemoProject, ...] = (
    # Harbour Roast Coffee, Bristol
    P(
        "ollie-grant",
        "Packaging for a new single-origin coffee range",
        "design",
        ("packaging-design", "illustration", "adobe-illustrator", "print-design"),
        (1200, 2000),
        (
            "We're launching three single-origin coffees next season (a washed Ethiopian, a Colombian from a women-run "
            "co-operative and a natural Brazilian) and want packaging that sits beside our house blends without "
            "looking like a copy of them.",
            "We need a label system for our 250 g and 1 kg kraft bags: one layout with a colour and an illustration "
            "per origin, room for tasting notes, roast date and the farm's story, and print-ready files for our "
            "printer (PDF/X-4, CMYK, 3 mm bleed). We have a brand guide and our current bags to work from.",
            "Good looks like: someone who has designed food or drink packaging before, two or three rough routes to "
            "choose from, and labels that still read well at arm's length on a café shelf. Please include packaging "
            "work in your proposal.",
        ),
        posted=1.3,
        deadline_in=35,
        max_proposals=20,
    ),
    P(
        "ollie-grant",
        "Klaviyo e-mail flows for our coffee subscription",
        "marketing",
        ("email-marketing", "copywriting", "conversion-rate-optimisation"),
        (35, 55),
        (
            "About 1,400 people have a Harbour Roast subscription, and most of our e-mails go out by hand when we "
            "remember. We'd like proper automated flows in Klaviyo: welcome, first delivery, \"how's your grind?\", "
            "pause and win-back.",
            "You'd write the copy in our voice (friendly, a bit nerdy about coffee, never pushy), build the flows and "
            "set up reporting so we can see which ones earn their keep. We think it's 20 to 30 hours over a month.",
            "We'd love someone who has done this for a subscription business and can show before-and-after numbers.",
        ),
        posted=16.2,
        hourly=True,
        closed="We hired a freelancer we've worked with before.",
    ),
    P(
        "ollie-grant",
        "Product photos for 12 coffee bags and our brew kit",
        "photography",
        ("product-photography", "photo-retouching"),
        (500, 900),
        (
            "We need clean e-commerce photos of our 12 retail coffees and the pieces in our brew kit (grinder, V60, "
            "kettle, scales) for the new website.",
            "For each bag: a front shot on white, a side angle and a styled shot with beans or a cup, so about 40 "
            "finished images, plus six to eight lifestyle shots of the brew kit. You can shoot at our roastery in "
            "Bristol (lovely light, plenty of props) or in your own studio if we post the products.",
            "We'd like full-resolution JPEGs and web-sized versions, retouched and colour-matched across the set.",
        ),
        posted=4.6,
        deadline_in=21,
    ),
    # Northwind Logistik, Hamburg
    P(
        "katrin-vogel",
        "React developer for our shipment tracking portal",
        "web-software",
        ("react", "typescript", "api-integration"),
        (55, 80),
        (
            "Our customer portal lets shippers book freight and follow consignments between Hamburg, Gothenburg and "
            "Oslo. The front end is React with TypeScript; the back end is an API our own team looks after.",
            "We want help for about three months, two to three days a week: rebuilding the tracking page around live "
            "events from our carriers' APIs, adding a map view, and making the booking form work properly on "
            "tablets, which is what warehouse staff actually use.",
            "You'll work with our product owner and one in-house developer, with a stand-up twice a week in English. "
            "We expect tests (Vitest and Playwright). Please tell us about a data-heavy React app you've worked on.",
        ),
        posted=2.1,
        hourly=True,
    ),
    P(
        "katrin-vogel",
        "Route planning prototype for Nordic groupage freight",
        "web-software",
        ("python", "data-analysis", "machine-learning", "postgresql"),
        (6000, 9000),
        (
            "We consolidate part loads from about 200 shippers into trucks bound for Scandinavia. Today two planners "
            "build the routes every afternoon in Excel, and it takes them three hours.",
            "We'd like a prototype that takes the day's consignments (weights, pallet spaces, delivery windows, "
            "ferry times) and proposes truck loads and routes. Python preferred; we can provide a year of anonymised "
            "history in PostgreSQL. Deliverables: the code, a short report comparing its proposals with what our "
            "planners actually did, and a session with the team.",
            "We're inviting freelancers who have done vehicle routing or load planning before. The result doesn't "
            "have to be perfect: it has to be explainable to a planner and faster than the spreadsheet.",
        ),
        posted=11.4,
        deadline_in=60,
        invite_only=True,
    ),
    P(
        "katrin-vogel",
        "GDPR review of live truck location sharing",
        "legal",
        ("gdpr-compliance", "contract-drafting"),
        (1500, 2500),
        (
            "We want to show customers live truck locations in our portal. The drivers are employed by our "
            "subcontractors, not by us, so we need to get data protection right before we switch it on.",
            "We're looking for a data protection specialist to review the data flow, draft the impact assessment and "
            "update our processing agreements with subcontractors. Experience with German employment and data "
            "protection law is essential; documents in German and English.",
        ),
        posted=19.3,
        closed="Our in-house counsel has taken this on.",
    ),
    P(
        "katrin-vogel",
        "English documentation for our carrier API",
        "writing-translation",
        ("technical-writing", "german-translation", "editing"),
        (1200, 1800),
        (
            "Carriers connect to our booking API to send status updates. The documentation is a German wiki page "
            "written by developers for developers, and partners in Sweden and Norway keep calling us with the same "
            "questions.",
            "We need clear English documentation: a getting-started guide, authentication, the eight endpoints with "
            "example requests and responses, error codes, and a page on testing against our sandbox. The source "
            "material is German, and our developers will answer your questions.",
            "We'd like Markdown we can publish on our docs site. A technical writer who reads German and has "
            "documented a REST API before would be ideal.",
        ),
        posted=6.2,
    ),
    # Brightside Health
    P(
        "jordan-ellis",
        "UX research: why patients stop exercising in week two",
        "design",
        ("ux-research", "ui-design", "figma"),
        (3000, 5000),
        (
            "Brightside gives patients a daily exercise plan after a knee or hip replacement. Our data shows a sharp "
            "drop in completed sessions between days 8 and 14, exactly when physical therapists say consistency "
            "matters most.",
            "We want a researcher to find out why. We imagine 10 to 12 remote interviews with patients (we recruit "
            "through our clinic partners and handle consent), a look at our analytics, and a usability review of the "
            "session screens in Figma.",
            "Deliverables: a findings report with quotes, a prioritised list of problems, and a workshop with our "
            "team to turn them into design changes. Experience with older users or healthcare products matters more "
            "to us than a polished portfolio.",
        ),
        posted=3.2,
        deadline_in=30,
        max_proposals=15,
    ),
    P(
        "jordan-ellis",
        "20 short animated demos of rehab exercises",
        "video-audio",
        ("2d-animation", "motion-graphics", "voice-over"),
        (4000, 6500),
        (
            "Our patients follow their exercises at home, often in pain and without their glasses. Live-action "
            "videos didn't work well: people copied the presenter's camera angle rather than the movement.",
            "We want 20 short 2D animations (15 to 30 seconds each) of a simple figure doing rehab exercises: heel "
            "slides, quad sets, supported squats and so on. Each needs a clear side view, the joint angle "
            "highlighted and a calm voice counting the reps. Our physical therapists will supply reference videos "
            "and check every clip for accuracy.",
            "Deliverables: 1080p MP4 and looping WebM files, plus the project files. Please show us character or "
            "explainer animation you've made.",
        ),
        posted=8.5,
    ),
    P(
        "jordan-ellis",
        "GDPR readiness before our EU hospital pilot",
        "legal",
        ("gdpr-compliance", "contract-drafting"),
        (2000, 3500),
        (
            "Next quarter we start a pilot with a hospital group in Ireland. We're HIPAA-compliant in the US, but "
            "GDPR is new to us and health data is a special category.",
            "We need someone to review our data map and privacy notice, tell us what has to change (lawful basis, "
            "retention, transfers to our US cloud provider) and draft the data processing agreement with the "
            "hospital. Clear written advice that our engineers can act on is what good looks like.",
        ),
        posted=0.8,
        invite_only=True,
    ),
    # Little Fern
    P(
        "maya-thompson",
        "Woodland animal prints for a baby clothing collection",
        "design",
        ("illustration", "adobe-illustrator", "print-design"),
        (600, 1000),
        (
            "Little Fern's next collection is about British woodland: hedgehogs, foxes, owls and badgers. We print "
            "on organic cotton bodysuits, sleepsuits and muslins, and we'd love an illustrator to create the artwork.",
            "We need six animal illustrations and one all-over repeat pattern that uses them, in four colours (our "
            "screen printer's limit). Files as layered AI or vector PDF, with the pattern tile set up to repeat "
            "seamlessly. We need full rights to use the artwork on our products.",
            "Gentle and a little funny rather than cartoon-cute. Please show us any textile or pattern work.",
        ),
        posted=5.4,
        deadline_in=28,
    ),
    P(
        "maya-thompson",
        "Shopify theme fixes: a size guide and a gift bundle builder",
        "web-software",
        ("shopify", "javascript", "web-design"),
        (30, 45),
        (
            "Our shop runs on Shopify's Dawn theme with a few changes from a developer who has since moved on. Two "
            "things need doing.",
            "First, a size guide that opens from every product page and shows age, height and weight for our sizes, "
            'editable from the Shopify admin. Second, a "build a gift bundle" page where customers pick three '
            "items and get 10% off, without an expensive app.",
            "We think it's around 15 hours. Please tell us how you'd approach the bundle, and whether you've worked "
            "with Dawn and theme app extensions.",
        ),
        posted=15.1,
        hourly=True,
    ),
    P(
        "maya-thompson",
        "Instagram management for our woodland collection launch",
        "marketing",
        ("social-media-management", "content-strategy"),
        (18, 28),
        (
            "We post on Instagram when we have time, which is not often. For the woodland collection launch we'd "
            "like someone to plan and post four times a week for eight weeks, reply to comments and messages, and "
            "work with two or three parent creators.",
            "We'll provide product photos and samples; you'd write the captions, cut simple Reels from our clips and "
            "send a short report every week.",
        ),
        posted=17.8,
        hourly=True,
        closed="Thanks, everyone: we've found our person.",
    ),
    # Atlas Outdoor
    P(
        "sanne-de-vries",
        "Launch video for a 1.1 kg trekking tent",
        "video-audio",
        ("videography", "video-editing", "drone-photography"),
        (3500, 5500),
        (
            "Next season we launch the Veld 2, a two-person tent that weighs 1.1 kg. We want a two-minute launch video "
            "and cut-downs for social media.",
            "The shoot is two days on a trail in the Ardennes or the Eifel with one of our ambassadors: pitching the "
            "tent in wind, a night scene, and aerial shots of the route (you'd bring your own drone and the permits "
            "to fly it). We supply the tent, the ambassador and travel costs.",
            "Deliverables: a 2-minute master in 4K, 30- and 15-second cuts, vertical versions, and subtitles in "
            "English, Dutch and German. Outdoor filming experience is a must: show us something you shot outside in "
            "bad weather.",
        ),
        posted=7.3,
        deadline_in=45,
    ),
    P(
        "sanne-de-vries",
        "German translation of our new catalogue (14,000 words)",
        "writing-translation",
        ("german-translation", "proofreading"),
        (1400, 2000),
        (
            "Our new catalogue is about 14,000 words of English product copy: tents, packs, sleeping bags and "
            "repair kits, with specifications and short walking stories from our team.",
            "We need a native German translator who knows outdoor gear, so that Wassersäule and Packmaß read "
            "naturally rather than translated. We have last year's glossary, which you'd update. Please deliver a "
            "Word file ready for layout, proofread by a second person.",
            "Tell us about outdoor, sports or retail catalogues you've translated.",
        ),
        posted=0.5,
        max_proposals=25,
    ),
    P(
        "sanne-de-vries",
        "Meta ads for our tent launch in NL, DE and BE",
        "marketing",
        ("facebook-ads", "google-analytics", "marketing-strategy"),
        (40, 65),
        (
            "We sell online in the Netherlands, Germany and Belgium. Last year an agency ran our paid social and we "
            "could never tell which ads actually sold tents.",
            "We're looking for someone to set up and run Facebook and Instagram ads for the three launch months: "
            "campaign structure, audiences, creative tests with our photos and video, and clean conversion tracking "
            "with the Conversions API and GA4. The media budget is separate, about €15,000 over the three months.",
            "About six to eight hours a week. Good looks like a weekly report that says what's working in plain "
            "language, and a return on ad spend we can defend to our board.",
        ),
        posted=10.2,
        hourly=True,
    ),
    P(
        "sanne-de-vries",
        "EU trade mark search and filing for a new backpack line",
        "legal",
        ("trademark-registration", "contract-drafting"),
        (800, 1500),
        (
            "We're launching a range of backpacks called Kestrel Trail and want to register the name as an EU trade "
            "mark before we announce it.",
            "We need a clearance search, advice on which classes to file in (bags, probably clothing too) and the "
            "filing with the EUIPO. If the search turns something up, we'd like your honest view on whether to pick "
            "another name.",
            "Once it's filed, we also need a short licence letting our Swiss distributor use the name on its website "
            "and in shops.",
        ),
        posted=13.9,
    ),
    # Kite & Key Lettings, Galway
    P(
        "niamh-walsh",
        "WordPress site rebuild with a property listings search",
        "web-software",
        ("wordpress", "php", "web-design", "seo"),
        (2500, 4000),
        (
            "Our website is an old WordPress theme that breaks on phones, and we type every listing twice: once on "
            "our site and once on the property portals. We want a fresh site that's fast, easy for two "
            "non-technical people to update, and shows our rentals properly.",
            "Must have: a listings page with search by area, price and bedrooms; a page per property with photos, a "
            "map and a viewing request form; a page for landlords; and basic local SEO for Galway. Nice to have: "
            "importing listings from a spreadsheet so we only enter them once.",
            "Please share sites you've built for estate or lettings agents, and say how you'd handle the listings.",
        ),
        posted=0.25,
        deadline_in=50,
        max_proposals=30,
    ),
    P(
        "niamh-walsh",
        "Listing photos for eight rentals in Galway",
        "photography",
        ("product-photography", "drone-photography", "photo-retouching"),
        (600, 1000),
        (
            "Eight properties come to market in the next two weeks, from a studio in the city centre to a four-bed "
            "house in Salthill. We need bright, honest photos that show the space without fisheye tricks.",
            "Around 15 edited photos per property, plus drone shots of the two houses with gardens and sea views. "
            "We'll arrange access and have each place tidied before you arrive.",
            "Photos delivered within three days of each shoot, landscape, sized for the portals and our website.",
        ),
        posted=3.9,
        deadline_in=14,
    ),
    P(
        "niamh-walsh",
        "Monthly bookkeeping in Xero for a lettings agency",
        "business-admin",
        ("bookkeeping", "xero", "accounting"),
        (25, 40),
        (
            "We manage about 60 properties for 35 landlords. Rent comes in, fees go out, repairs get paid, and every "
            "month each landlord needs a statement. Right now I do this at night, and it shows.",
            "We want a bookkeeper for 8 to 12 hours a month: reconcile the bank feeds in Xero, code transactions, "
            "chase missing receipts, prepare the landlord statements and keep the client account separate from ours. "
            "We're in Ireland, so experience with Irish VAT is a plus.",
            "This is long-term work for the right person. Tell us about other property or agency clients you've had.",
        ),
        posted=16.9,
        hourly=True,
    ),
    # Higo Cocina, Valencia
    P(
        "lucia-fernandez",
        "Editor and ghostwriter for our restaurant cookbook",
        "writing-translation",
        ("ghostwriting", "editing", "spanish-translation"),
        (5000, 8000),
        (
            "After eight years of Higo we're writing our first cookbook: 70 recipes from our two restaurants, with "
            "stories about the Valencia market, our suppliers and the people in our kitchen. A publisher in Madrid "
            "has offered us a contract for a Spanish and an English edition.",
            "Our chefs have written the recipes (in Spanish, in chef's shorthand) and I have hours of voice notes "
            "with the stories. We need someone to shape all this into a manuscript: make the recipes clear for home "
            "cooks, write the introductions and chapter openers in our voice, then produce the English edition, "
            "adapting measures and ingredients for readers in the UK and the US.",
            "You should write confidently in Spanish and English, and love food. Please send a sample of cookbook or "
            "food writing you're proud of.",
        ),
        posted=1.0,
        deadline_in=90,
        max_proposals=10,
    ),
    P(
        "lucia-fernandez",
        "Table booking pages for our two restaurants",
        "web-software",
        ("javascript", "api-integration", "web-design"),
        (2000, 3500),
        (
            "We take bookings by phone and Instagram messages, and on busy nights we double-book. We'd like a simple "
            "booking page for each restaurant, on our own domain, that shows real availability.",
            "We already pay for a table management system with an API, so we don't want a new system, just a good "
            "front end that talks to it: choose the restaurant, date, party size and time, note allergies and a "
            "phone number, and get a confirmation e-mail in Spanish or English. Above all it must work on phones.",
            "Please say which table management systems you've integrated with. We'd also like a short handover so "
            "our manager can change the texts herself.",
        ),
        posted=12.3,
    ),
    P(
        "lucia-fernandez",
        "Business plan and cash-flow model for a third restaurant",
        "business-admin",
        ("business-planning", "financial-modelling", "excel"),
        (1500, 2500),
        (
            "We're considering a third restaurant in Ruzafa and will be talking to two banks and a private investor. "
            "We have three years of accounts for the existing restaurants and a quote for the fit-out.",
            "We need a business plan of about 15 pages and a three-year monthly cash-flow model in Excel, with "
            "scenarios for a slower and a faster opening. The model should be something we keep using, not a black "
            "box. Hospitality experience is essential; Spanish for the bank meetings would help.",
        ),
        posted=9.1,
        invite_only=True,
    ),
    # Mer Ouverte
    P(
        "julien-moreau",
        "Grant application to a European ocean fund",
        "writing-translation",
        ("grant-writing", "editing", "french-translation"),
        (2500, 4000),
        (
            "Mer Ouverte restores seagrass meadows on the Mediterranean coast with local fishermen and divers. We're "
            "applying to a European fund for a three-year programme of about €900,000, and the deadline is close.",
            "We have the science, the budget and the partner letters. We need a grant writer to turn them into a "
            "strong application in English: the narrative sections, the logical framework, the impact indicators and "
            "a careful edit of everything our team writes. Most of our internal documents are in French.",
            "Please tell us which grants you've written and won, ideally EU programmes or environmental funds. We'll "
            "work closely with you over the next three weeks.",
        ),
        posted=2.4,
        deadline_in=25,
    ),
    P(
        "julien-moreau",
        "Subtitles in four languages for a seagrass documentary",
        "video-audio",
        ("subtitling", "video-editing", "french-translation"),
        (700, 1100),
        (
            "We've finished a 22-minute documentary about a season of seagrass replanting off Corsica. It's in "
            "French, with a few interviews in Italian.",
            "We need accurate subtitles in French, English, Spanish and Italian (SRT files timed to the final cut) "
            "and burned-in versions for social media. Some of the vocabulary is scientific; we'll provide a "
            "transcript and a glossary.",
        ),
        posted=14.2,
    ),
    # Pixelmint Games, Toronto
    P(
        "ravi-patel",
        "Original soundtrack for a cosy puzzle game",
        "video-audio",
        ("music-production", "audio-mixing"),
        (3000, 5000),
        (
            "Tidepool is a puzzle game about rearranging rock pools so their creatures can find each other. It's "
            "calm, a little melancholy and full of small sounds. We release on Steam and Switch in about six months.",
            "We need about 35 minutes of original music: a main theme, six area themes that loop seamlessly, and "
            "short stingers for solving a puzzle and finishing a level. Ideally the area themes come in layers, so "
            "we can add instruments as the player progresses (we use FMOD).",
            "Please link to game music you've composed. We're thinking acoustic instruments, soft synths and "
            "recordings of water, but we're open to ideas.",
        ),
        posted=5.1,
        deadline_in=70,
    ),
    P(
        "ravi-patel",
        "Community manager for our Discord and Steam launch",
        "marketing",
        ("social-media-management", "content-strategy", "customer-support"),
        (25, 40),
        (
            "Our Discord has grown to 6,000 members since the demo came out, and our small team can't keep up with "
            "it while finishing the game.",
            "We're looking for a community manager for 15 to 20 hours a week through launch and three months after: "
            "moderate and grow the Discord, answer questions on the Steam forums, collect bug reports for the team, "
            "run small events (screenshot contests, developer Q&As) and write our weekly update.",
            "You should know the cosy games crowd and be kind but firm as a moderator. Evening and weekend cover in "
            "North American time zones matters.",
        ),
        posted=0.12,
        hourly=True,
    ),
    P(
        "ravi-patel",
        "Key art and Steam store capsules for our next game",
        "design",
        ("illustration", "adobe-photoshop", "brand-identity"),
        (1500, 2500),
        (
            "We need key art for our next game and every Steam capsule size from it: header, small, main, vertical, "
            "library hero and logo.",
            "Painterly, warm and readable at thumbnail size, delivered as layered PSDs. Please show store art you've "
            "made for other games.",
        ),
        posted=20.4,
        closed="We went with the illustrator who painted our last game.",
    ),
    # Zoe Clarke Coaching
    P(
        "zoe-clarke",
        "Refresh of my coaching website on WordPress",
        "web-software",
        ("wordpress", "web-design", "copywriting"),
        (800, 1400),
        (
            "My website was built five years ago on WordPress and still talks about workshops I no longer run. I'd "
            "like a refresh, not a rebuild: a new home page and services pages, a simpler booking flow (I use "
            "Calendly) and faster pages.",
            "I'll write most of the words myself but would welcome a light edit. I need to be able to update the "
            "pages afterwards without calling anyone.",
            "Please show me a couple of sites you've made for coaches, consultants or other one-person businesses.",
        ),
        posted=8.0,
    ),
    P(
        "zoe-clarke",
        "Year-end records tidy-up for a sole trader",
        "business-admin",
        ("bookkeeping", "accounting", "excel"),
        (250, 450),
        (
            "I'm a sole trader with about 300 transactions a year, kept in a spreadsheet and a business bank "
            "account. My Self Assessment is due and my records need tidying before my accountant sees them.",
            "I'd like someone to reconcile the year, put income and expenses into the categories HMRC expects, flag "
            "anything missing and hand over a clean summary. Bonus points for setting up a simple system so next "
            "year is painless.",
        ),
        posted=1.7,
        deadline_in=20,
    ),
    # Carter & Co Commerce: a freelancer who also hires
    P(
        "ben-carter",
        "Product descriptions for a 300-item kitchenware shop",
        "writing-translation",
        ("copywriting", "seo", "editing"),
        (1200, 1800),
        (
            "We're moving a client's kitchenware shop to Shopify, and its product descriptions are copied from the "
            "manufacturers, so search engines see the same text on dozens of sites. We need new ones for about 300 "
            "products before launch.",
            "Each description should be 80 to 120 words: what it's for, what it's made of and how to look after it, "
            "written for home cooks rather than as a spec sheet. We'll supply a spreadsheet with names, specs and "
            "the keywords from our SEO plan, and you write straight into it.",
            "We start with a paid test of five products. Tell us about your e-commerce copywriting and how many "
            "descriptions you can write a week.",
        ),
        posted=0.4,
    ),
    # Later briefs from the same clients
    P(
        "ollie-grant",
        "Wholesale price list and brochure for cafés and delis",
        "design",
        ("print-design", "adobe-illustrator", "copywriting"),
        (600, 1000),
        (
            "About forty cafés and delis in the South West now buy our coffee wholesale, and our price list is a "
            "spreadsheet we export to PDF. It does the job, but it doesn't sell anything.",
            "We'd like an eight-page A5 brochure: who we are, how we source, the blends and single origins with "
            "tasting notes, equipment we lend to cafés, training, and a price list on a separate insert we can "
            "update every quarter without reprinting the rest. We'll supply photos and most of the words; a light "
            "copy edit would be welcome.",
            "Print-ready files and an editable template for the price insert, please. Our bag labels and brand "
            "guide show the look we're after.",
        ),
        posted=9.6,
        deadline_in=30,
    ),
    P(
        "ollie-grant",
        "Barista training videos for our three cafés",
        "video-audio",
        ("videography", "video-editing", "voice-over"),
        (1800, 3000),
        (
            "New baristas spend their first week shadowing our head trainer, and she can't be in three cafés at "
            "once. We'd like six short training videos that new starters can watch on the café iPad.",
            "Topics: dialling in the grinder, pulling a shot, steaming milk for flat whites and oat milk, cleaning "
            "down at close, and two on latte art. Each 3 to 5 minutes, shot in our Harbourside café before opening, "
            "with close-ups of the portafilter and jug and a voice-over our trainer would approve.",
            "We need the edited videos with captions, and the raw footage in case we want to recut them later.",
        ),
        posted=12.8,
    ),
    P(
        "ollie-grant",
        "Stock and wholesale orders dashboard in Google Sheets",
        "business-admin",
        ("excel", "data-analysis", "data-entry"),
        (400, 700),
        (
            "Wholesale orders arrive by e-mail, phone and WhatsApp, and green coffee stock lives in a separate "
            "sheet that only our head roaster understands. Twice this year we've run out of a bean we'd already "
            "promised to a café.",
            "We'd like one Google Sheets workbook: an order log the team fills in from any channel, green and "
            "roasted stock that updates from it, a weekly roast plan, and a warning when a coffee drops below four "
            "weeks of cover. No new software, please: it has to work for people who are busy at a roaster.",
        ),
        posted=3.5,
    ),
    P(
        "katrin-vogel",
        "Android app for warehouse pallet scanning",
        "web-software",
        ("android-development", "api-integration", "ui-design"),
        (9000, 14000),
        (
            "In our Hamburg cross-dock, pallets are still checked in on paper and typed into the system at the end "
            "of each shift. Mistakes surface days later, when a customer asks where their goods are.",
            "We want a native Android app for the rugged Zebra handhelds our staff already carry: scan the pallet "
            "label, confirm the consignment, photograph any damage and record the dock door. It must keep working "
            "offline in the back of the warehouse and sync when the Wi-Fi comes back. Our API already has the "
            "endpoints; our developers will add what's missing.",
            "Deliverables: the app, source code in our GitLab, and a pilot week with one shift. Please tell us "
            "about offline-first apps you've built and how you test them.",
        ),
        posted=7.8,
        deadline_in=75,
    ),
    P(
        "katrin-vogel",
        "Driver handbook in German, Swedish and English",
        "writing-translation",
        ("technical-writing", "german-translation", "editing"),
        (1800, 2800),
        (
            "Drivers from our subcontractors get a 40-page handbook in German about our depots, ferry bookings, "
            "customs paperwork and what to do after an accident. Most of them are not German.",
            "We'd like it rewritten as a shorter, clearer handbook and then translated into Swedish and English, "
            "with the same layout in all three.",
        ),
        posted=18.1,
        closed="We've decided to write it with our operations team first.",
    ),
    P(
        "katrin-vogel",
        "Delay report from two years of shipment data",
        "web-software",
        ("data-analysis", "postgresql", "python"),
        (2500, 4000),
        (
            "Our customers ask why shipments to Norway are late more often than to Sweden, and we don't have a good "
            "answer. We have two years of consignment events in PostgreSQL: bookings, pick-ups, ferry crossings, "
            "depot scans and deliveries.",
            "We'd like an analysis of where delays actually happen (depot dwell time, missed ferries, customs, the "
            "last mile) by route, carrier and season, with a short report and a few charts we can show customers. "
            "Python or SQL is fine; we'd like the notebooks so our team can rerun it every quarter.",
            "Experience with transport or supply chain data would help a lot.",
        ),
        posted=4.2,
    ),
    P(
        "jordan-ellis",
        "Exercise reminders patients don't switch off (iOS and Android)",
        "web-software",
        ("ios-development", "android-development", "ui-design"),
        (8000, 12000),
        (
            "Our reminders are plain push notifications sent at 9 a.m. Most patients turn them off within a week, "
            "and the ones who keep them say they come at the wrong time.",
            "We'd like reminders that fit each patient's day: they pick their exercise times during onboarding, "
            "reminders move if a session is done early, and a gentle nudge comes only if a session is missed. On "
            "iOS and Android, native in both apps (Swift and Kotlin), with a settings screen that makes sense to a "
            "70-year-old.",
            "Please show us native work of yours on both platforms, and tell us how you'd test notification timing "
            "across time zones and daylight saving changes.",
        ),
        posted=10.6,
        deadline_in=60,
    ),
    P(
        "jordan-ellis",
        "Plain-language rewrite of 60 exercise instructions",
        "writing-translation",
        ("copywriting", "editing", "technical-writing"),
        (1500, 2500),
        (
            "Each exercise in our app has a short written instruction, drafted by physical therapists. They are "
            'accurate, but full of words like "dorsiflexion" and sentences that run on for four lines.',
            "We need all 60 rewritten for patients with a reading age of about 11: short sentences, one step per "
            "line, the safety warning first. Our therapists will check every change for accuracy, so you'll work "
            "in a shared sheet with comments.",
            "Experience writing health information for patients would be ideal.",
        ),
        posted=6.6,
    ),
    P(
        "jordan-ellis",
        "Pre-surgery e-mail series for new patients",
        "marketing",
        ("email-marketing", "copywriting"),
        (1200, 2000),
        (
            "Patients usually download Brightside two to four weeks before their operation, and then hear nothing "
            "from us until the day they come home. That's exactly when they're most anxious and most willing to "
            "prepare.",
            "We'd like a series of six to eight e-mails in Customer.io: what to expect, setting up the home, "
            '"prehab" exercises, and what the first week after surgery looks like. Warm and practical, and never '
            "medical advice beyond what our clinicians approve.",
        ),
        posted=13.3,
    ),
    P(
        "maya-thompson",
        "Autumn lookbook shoot with children and parents",
        "photography",
        ("portrait-photography", "product-photography", "photo-retouching"),
        (900, 1500),
        (
            "We're shooting our autumn lookbook in a friend's orchard near Bath: six children from 6 months to 5 "
            "years, a few parents, and about 30 pieces from the collection.",
            "We need someone who is calm and quick with small children (we'll have snacks, a changing space and a "
            "very patient stylist), and who can also take flat-lay product shots of each piece on the day. We'd "
            "like around 60 edited lifestyle photos and 30 product shots.",
            "Please show us family or children's photography you've done.",
        ),
        posted=2.7,
        deadline_in=24,
    ),
    P(
        "maya-thompson",
        "Wholesale line sheet and trade fair banner",
        "design",
        ("print-design", "adobe-illustrator", "brand-identity"),
        (350, 600),
        (
            "We've been accepted to a children's trade fair in Birmingham and need a line sheet for buyers (a "
            "12-page PDF with product codes and wholesale prices) and a roller banner for our stand.",
            "We have product photos and our brand colours and fonts.",
        ),
        posted=19.0,
        closed="My sister is a designer and offered to do it: thank you, all.",
    ),
    P(
        "maya-thompson",
        "Help with customer e-mails over the Christmas rush",
        "business-admin",
        ("customer-support", "virtual-assistance"),
        (14, 20),
        (
            'From mid-November to Christmas our inbox triples: sizing questions, gift messages, "will it arrive '
            'by the 20th?", and the odd parcel that goes missing.',
            "We'd like someone for about 10 hours a week for six weeks to answer customer e-mails in Gorgias using "
            "our saved replies, update orders in Shopify and pass anything tricky to me. Kind, quick and careful "
            "with details matters more than experience with our tools.",
        ),
        posted=0.7,
        hourly=True,
    ),
    P(
        "sanne-de-vries",
        "12 illustrated repair cards for tents and packs",
        "design",
        ("illustration", "adobe-illustrator", "print-design"),
        (1800, 2800),
        (
            "We repair everything we sell, but most small fixes could be done on the trail. We'd like to put a "
            "waterproof repair card in every tent and pack, and publish the same guides on our website.",
            "Twelve cards, each with four to six steps: patching a tent fly, replacing a pole section, fixing a "
            "buckle, re-seam-sealing and so on. Clear line illustrations, very few words (the cards go out in six "
            "countries), in our colours. Our repair team will show you every fix in our workshop in Utrecht or on "
            "video.",
            "Vector files and print-ready PDFs for both card sizes, please. Show us instructional or technical "
            "illustration you've made.",
        ),
        posted=11.1,
    ),
    P(
        "sanne-de-vries",
        "Dutch and German customer service for launch season",
        "business-admin",
        ("customer-support", "virtual-assistance", "data-entry"),
        (22, 30),
        (
            "During the Veld 2 launch we expect twice the usual questions, mostly about sizes, delivery and "
            "warranty claims, in Dutch and German.",
            "We're looking for someone for 15 to 20 hours a week for three months: answer tickets in Zendesk, log "
            "warranty claims, and tell our product team what customers keep asking. Native Dutch or German with "
            "good written English, please.",
        ),
        posted=5.8,
        hourly=True,
    ),
    P(
        "sanne-de-vries",
        "Tent comparison tool for our web shop",
        "web-software",
        ("javascript", "react", "web-design"),
        (3000, 5000),
        (
            'We sell eleven tents, and the question we hear most is "which one should I buy?". The answer is '
            "buried in spec tables on eleven product pages.",
            "We'd like a comparison tool on our Shopify site: choose up to three tents and compare weight, packed "
            "size, floor area, seasons and price side by side, or answer four questions and get a recommendation. "
            "The data should come from our product metafields, so new tents appear without a developer. It must "
            "work well on phones, and in Dutch, German and English.",
        ),
        posted=14.6,
    ),
    P(
        "niamh-walsh",
        "Review of our tenancy agreement and landlord terms",
        "legal",
        ("contract-drafting", "gdpr-compliance"),
        (700, 1200),
        (
            "Our tenancy agreement and the terms we sign with landlords were written in 2016 and patched ever since. "
            "Since then the rules on deposits, rent pressure zones and tenant data have all changed.",
            "We'd like a solicitor who knows Irish residential tenancy law to review both documents, redraft them "
            "in plain English and tell us what to change in how we handle tenants' personal data. We're inviting "
            "two or three people we've been recommended.",
        ),
        posted=9.9,
        invite_only=True,
    ),
    P(
        "niamh-walsh",
        "Local SEO and Google Business Profile for a Galway agency",
        "marketing",
        ("seo", "google-analytics", "content-strategy"),
        (600, 1000),
        (
            'When people search for "letting agent Galway" we\'re on the second page, below agencies that manage '
            "half as many properties. Our Google Business Profile hasn't been touched in years.",
            "We'd like a local SEO audit, a cleaned-up Business Profile with photos and services, consistent "
            "listings in the Irish directories that matter, and a plan for a few pages or articles that landlords "
            "and tenants actually search for. We're rebuilding the website at the same time, so you'd share your "
            "findings with our developer.",
            "A short monthly report for three months afterwards would be great.",
        ),
        posted=1.5,
    ),
    P(
        "lucia-fernandez",
        "Food photography for our autumn menu",
        "photography",
        ("product-photography", "photo-retouching"),
        (900, 1500),
        (
            "Our autumn menu launches in three weeks, and we'd like new photos of about 20 dishes for the website, "
            "Instagram and the printed menu at the door.",
            "The shoot would be one long morning in our Ruzafa kitchen, with the chefs plating as you go. Natural "
            "light from the terrace, honest colours, no fake steam. We'd also love a few shots of the team at work.",
            "Edited photos within a week, in landscape and square crops.",
        ),
        posted=7.0,
        deadline_in=18,
    ),
    P(
        "lucia-fernandez",
        "Brand identity for Higo's catering service",
        "design",
        ("brand-identity", "logo-design", "print-design"),
        (1500, 2500),
        (
            "Our catering kitchen has grown from a side business into a third of our revenue, and it still uses "
            'the restaurant\'s logo with "catering" typed underneath.',
            "We'd like an identity of its own that still feels part of the Higo family: a logo, colours and type, "
            "and designs for menus, boxes, labels and the van. Corporate clients in Valencia are our main "
            "customers, so it should look dependable as well as delicious.",
            "Please show us brand work for restaurants or food businesses.",
        ),
        posted=15.5,
        max_proposals=12,
    ),
    P(
        "lucia-fernandez",
        "Menus and website texts from Spanish into English and French",
        "writing-translation",
        ("spanish-translation", "french-translation", "proofreading"),
        (500, 900),
        (
            'Half of our guests in summer are visitors, and our English menu was translated by a cousin ("fried '
            "squid in his ink\"). We'd like it done properly this time, in English and French.",
            "About 3,500 words: two restaurant menus, the wine list and the main pages of our website. Food "
            "knowledge matters more than anything: the names of Valencian dishes should stay, with a short, "
            "appetising explanation.",
        ),
        posted=0.3,
    ),
    P(
        "julien-moreau",
        "Writing and layout of our 2025 impact report",
        "writing-translation",
        ("editing", "grant-writing", "print-design"),
        (2500, 3800),
        (
            "Every year we send our funders and members an impact report, and every year it's late because our "
            "scientists write it between dives.",
            "This year we'd like a writer to interview four of our team, gather the numbers (hectares replanted, "
            "survival rates, volunteer days), and write a 24-page report in English, then lay it out in our "
            "template. Our translator will produce the French version from your text.",
            "Please show us an annual or impact report you've written for a charity or NGO.",
        ),
        posted=16.5,
    ),
    P(
        "julien-moreau",
        "Interactive map of our seagrass restoration sites",
        "web-software",
        ("javascript", "web-design", "api-integration"),
        (2000, 3500),
        (
            "We restore seagrass at 14 sites between Marseille and Corsica, and donors often ask where their money "
            "goes. We'd like a map on our website that shows every site with photos, the year it was planted and "
            "how it's doing.",
            "Our field team records survey results in a KoBoToolbox form, so the map should read from its API and "
            "update itself. It needs to be light enough for a WordPress page and work in French and English.",
        ),
        posted=6.9,
        deadline_in=40,
    ),
    P(
        "julien-moreau",
        "Volunteer database clean-up and a simple CRM",
        "business-admin",
        ("data-entry", "excel", "project-management"),
        (600, 1000),
        (
            "We have about 2,300 volunteers and donors in four spreadsheets, two Mailchimp lists and a shoebox of "
            "paper sign-up forms from beach clean-ups. Many people are in all of them, spelled differently.",
            "We need someone to merge and de-duplicate everything, type up the paper forms, record consent properly "
            "and move it all into Airtable with a few simple views for our volunteer coordinator. Careful work and "
            "some French are essential.",
        ),
        posted=20.1,
    ),
    P(
        "ravi-patel",
        "Launch trailer for Tidepool",
        "video-audio",
        ("motion-graphics", "video-editing", "2d-animation"),
        (4000, 6000),
        (
            "Tidepool comes out on Steam and Switch in spring, and we need a launch trailer: about 90 seconds, "
            "built from gameplay capture plus a few animated moments (the title card, the creatures reuniting) "
            "that we can't capture in-game.",
            "We'll provide capture from a debug build, our art files and the music. We'd also like a 30-second "
            "cut and a vertical version for social media, plus the format Nintendo asks for.",
            "Please show us game trailers you've cut, and tell us how you'd keep a calm game from looking slow.",
        ),
        posted=9.0,
        deadline_in=50,
        max_proposals=20,
    ),
    P(
        "ravi-patel",
        "Localise Tidepool into French, German and Spanish",
        "writing-translation",
        ("french-translation", "german-translation", "spanish-translation"),
        (3000, 4500),
        (
            "Tidepool has about 9,000 words of text: menus, hints, creature descriptions and a short story told in "
            "postcards. Many of the creature names are puns.",
            "We'd like French, German and Spanish versions, translated by people who play games and will happily "
            "invent new puns instead of explaining the old ones. Strings are in a spreadsheet exported from our "
            "engine, with character limits and screenshots for context.",
            "Please tell us which games you've localised. A team of translators is fine, as long as one person "
            "is responsible for all three.",
        ),
        posted=13.0,
        max_proposals=10,
    ),
    P(
        "zoe-clarke",
        "Client contract and privacy notice for my coaching practice",
        "legal",
        ("contract-drafting", "gdpr-compliance"),
        (400, 700),
        (
            "I coach about 25 managers a year, some paid for by their employers, and I still work from a one-page "
            "agreement I found online. I keep session notes that include some sensitive details.",
            "I'd like a coaching agreement for individuals and one for employers paying on someone's behalf, a "
            "privacy notice, and simple advice on how long to keep notes and how to store them. Plain English, "
            "please: my clients read everything.",
        ),
        posted=18.6,
    ),
    P(
        "zoe-clarke",
        "Newsletter set-up and the first three issues",
        "marketing",
        ("email-marketing", "copywriting", "editing"),
        (500, 900),
        (
            "About 600 people have signed up for my newsletter over two years, and I've sent them exactly two "
            "e-mails. I'd like to start writing every month and need help getting going.",
            "That means choosing a tool (I've looked at Buttondown and Kit), moving the list, a simple template and "
            "a welcome e-mail, and editing my first three issues so they sound like me on a good day.",
        ),
        posted=2.9,
    ),
    P(
        "ben-carter",
        "Product photos for a client's kitchenware shop",
        "photography",
        ("product-photography", "photo-retouching"),
        (1500, 2400),
        (
            "Alongside the new product descriptions, our kitchenware client needs new photos for about 120 "
            "products before the Shopify launch. The manufacturer photos are inconsistent and some are tiny.",
            "Three photos per product on white (front, angle and detail) plus one styled shot for the 30 "
            "best-sellers. The products will be posted to your studio and collected afterwards. Consistent "
            "lighting and colour across the whole catalogue is the point of the job.",
        ),
        posted=5.6,
    ),
    P(
        "ben-carter",
        "Illustrated icons for a gift shop's Shopify theme",
        "design",
        ("illustration", "adobe-illustrator", "web-design"),
        (400, 700),
        (
            "We're building a Shopify theme for a gift shop in Portland and want a set of 24 small illustrated "
            "icons for the navigation, the filters and the free-delivery banner.",
            "Hand-drawn and a little quirky, delivered as SVGs that still look good at 24 pixels. We're inviting "
            "illustrators we've worked with before.",
        ),
        posted=0.9,
        invite_only=True,
    ),
    # Written in French and German by the people who read the site in those languages.
    P(
        "helene-marchand",
        "Développeur Django pour la boutique en ligne de nos luminaires",
        "web-software",
        ("django", "python", "postgresql", "api-integration"),
        (3000, 5000),
        (
            "Notre boutique en ligne tourne sur un vieux site que plus personne ne sait faire évoluer. Nous "
            "cherchons un développeur Django pour la refaire : catalogue de 120 luminaires, variantes de finition "
            "(laiton brut, patiné, noir) et commandes sur mesure avec un délai de fabrication affiché.",
            "Il faut aussi relier la boutique à notre logiciel de facturation par son API et garder les adresses "
            "des pages actuelles, bien référencées. Hébergement en France, données des clients en Europe.",
            "Idéalement, vous avez déjà livré une boutique en Django et vous pouvez nous montrer un projet "
            "comparable. Dites-nous en quelques lignes comment vous découperiez le travail en étapes.",
        ),
        posted=2.2,
        deadline_in=45,
    ),
    P(
        "greta-hoffmann",
        "Übersetzung unseres Online-Shops ins Englische (ca. 9.000 Wörter)",
        "writing-translation",
        ("german-translation", "proofreading", "copywriting"),
        (900, 1400),
        (
            "Wir verkaufen unsere Möbel bisher nur auf Deutsch. Für den Start in Irland und Großbritannien suchen "
            "wir eine Übersetzung des Shops: Produkttexte, Pflegehinweise, Versand- und Rückgabebedingungen, "
            "zusammen etwa 9.000 Wörter.",
            "Die Texte sollen nicht übersetzt klingen, sondern so, wie eine britische Möbelmanufaktur schreiben "
            "würde. Fachbegriffe rund um Holz und Oberflächen (geölt, gewachst, Eiche astig) sind uns wichtig.",
            "Bitte schicken Sie uns ein kurzes Beispiel aus einem ähnlichen Auftrag und sagen Sie, wie lange Sie "
            "für den Umfang brauchen.",
        ),
        posted=3.4,
        deadline_in=30,
    ),
)


def seed_projects() -> Seeded:
    """Post the demo projects that are missing for demo clients that exist."""
    usernames = {project.client for project in PROJECTS}
    clients = {
        user.username: user
        for user in User.objects.filter(username__in=usernames, email__iendswith="@" + EMAIL_DOMAIN, is_client=True)
    }
    existing = set(Project.objects.filter(client__in=clients.values()).values_list("client_id", "title"))
    present = created = 0
    now = timezone.now()
    for demo in PROJECTS:
        client = clients.get(demo.client)
        if client is None:
            continue  # the username belongs to someone outside the demo, or is not a client any more
        if (client.pk, demo.title) not in existing:
            _post(client, demo, now)
            created += 1
        present += 1
    return Seeded(present=present, created=created)


@transaction.atomic
def _post(client: User, demo: DemoProject, now: datetime) -> None:
    currency = CURRENCIES[demo.client]
    low, high = (amount * MINOR_UNITS[currency] for amount in demo.budget)
    deadline = timezone.localdate() + timedelta(days=demo.deadline_in) if demo.deadline_in is not None else None
    project = project_post(
        client=client,
        title=demo.title,
        description="\n\n".join(demo.text),
        category=demo.category,
        skills=list(demo.skills),
        budget_type=BudgetType.HOURLY if demo.hourly else BudgetType.FIXED,
        budget_min=low,
        budget_max=high,
        currency=currency,
        deadline=deadline,
        visibility=Visibility.INVITE_ONLY if demo.invite_only else Visibility.PUBLIC,
        max_proposals=demo.max_proposals,
    )
    expiry = timedelta(days=settings.PROJECT_EXPIRY_DAYS)
    posted = now - min(timedelta(days=demo.posted), expiry * 0.75)  # never near expiry, even when it is set short
    # Demo data only: a feed whose projects were all posted in the same second would not look like a market.
    Project.objects.filter(pk=project.pk).update(created_at=posted, updated_at=posted)
    project.timers.update(due_at=posted + expiry)
    if demo.closed:
        project_close(project_id=project.pk, by=client, note=demo.closed)
