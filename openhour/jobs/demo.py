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

from openhour.accounts.demo.freelancers import FREELANCERS
from openhour.accounts.demo.people import CLIENTS, EMAIL_DOMAIN
from openhour.accounts.models import User
from openhour.jobs.models import BudgetType, Project, Visibility
from openhour.jobs.services import project_close, project_post
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
    P("ollie-grant", "Packaging for a new single-origin coffee range", "design",
      ("packaging-design", "illustration", "adobe-illustrator", "print-design"), (1200, 2000), (
          "We're launching three single-origin coffees next season (a washed Ethiopian, a Colombian from a women-run "
          "co-operative and a natural Brazilian) and want packaging that sits beside our house blends without "
          "looking like a copy of them.",
          "We need a label system for our 250 g and 1 kg kraft bags: one layout with a colour and an illustration "
          "per origin, room for tasting notes, roast date and the farm's story, and print-ready files for our "
          "printer (PDF/X-4, CMYK, 3 mm bleed). We have a brand guide and our current bags to work from.",
          "Good looks like: someone who has designed food or drink packaging before, two or three rough routes to "
          "choose from, and labels that still read well at arm's length on a café shelf. Please include packaging "
          "work in your proposal.",
      ), posted=1.3, deadline_in=35, max_proposals=20),
    P("ollie-grant", "Klaviyo e-mail flows for our coffee subscription", "marketing",
      ("email-marketing", "copywriting", "conversion-rate-optimisation"), (35, 55), (
          "About 1,400 people have a Harbour Roast subscription, and most of our e-mails go out by hand when we "
          "remember. We'd like proper automated flows in Klaviyo: welcome, first delivery, \"how's your grind?\", "
          "pause and win-back.",
          "You'd write the copy in our voice (friendly, a bit nerdy about coffee, never pushy), build the flows and "
          "set up reporting so we can see which ones earn their keep. We think it's 20 to 30 hours over a month.",
          "We'd love someone who has done this for a subscription business and can show before-and-after numbers.",
      ), posted=16.2, hourly=True, closed="We hired a freelancer we've worked with before."),
    P("ollie-grant", "Product photos for 12 coffee bags and our brew kit", "photography",
      ("product-photography", "photo-retouching"), (500, 900), (
          "We need clean e-commerce photos of our 12 retail coffees and the pieces in our brew kit (grinder, V60, "
          "kettle, scales) for the new website.",
          "For each bag: a front shot on white, a side angle and a styled shot with beans or a cup, so about 40 "
          "finished images, plus six to eight lifestyle shots of the brew kit. You can shoot at our roastery in "
          "Bristol (lovely light, plenty of props) or in your own studio if we post the products.",
          "We'd like full-resolution JPEGs and web-sized versions, retouched and colour-matched across the set.",
      ), posted=4.6, deadline_in=21),
    # Northwind Logistik, Hamburg
    P("katrin-vogel", "React developer for our shipment tracking portal", "web-software",
      ("react", "typescript", "api-integration"), (55, 80), (
          "Our customer portal lets shippers book freight and follow consignments between Hamburg, Gothenburg and "
          "Oslo. The front end is React with TypeScript; the back end is an API our own team looks after.",
          "We want help for about three months, two to three days a week: rebuilding the tracking page around live "
          "events from our carriers' APIs, adding a map view, and making the booking form work properly on "
          "tablets, which is what warehouse staff actually use.",
          "You'll work with our product owner and one in-house developer, with a stand-up twice a week in English. "
          "We expect tests (Vitest and Playwright). Please tell us about a data-heavy React app you've worked on.",
      ), posted=2.1, hourly=True),
    P("katrin-vogel", "Route planning prototype for Nordic groupage freight", "web-software",
      ("python", "data-analysis", "machine-learning", "postgresql"), (6000, 9000), (
          "We consolidate part loads from about 200 shippers into trucks bound for Scandinavia. Today two planners "
          "build the routes every afternoon in Excel, and it takes them three hours.",
          "We'd like a prototype that takes the day's consignments (weights, pallet spaces, delivery windows, "
          "ferry times) and proposes truck loads and routes. Python preferred; we can provide a year of anonymised "
          "history in PostgreSQL. Deliverables: the code, a short report comparing its proposals with what our "
          "planners actually did, and a session with the team.",
          "We're inviting freelancers who have done vehicle routing or load planning before. The result doesn't "
          "have to be perfect: it has to be explainable to a planner and faster than the spreadsheet.",
      ), posted=11.4, deadline_in=60, invite_only=True),
    P("katrin-vogel", "GDPR review of live truck location sharing", "legal",
      ("gdpr-compliance", "contract-drafting"), (1500, 2500), (
          "We want to show customers live truck locations in our portal. The drivers are employed by our "
          "subcontractors, not by us, so we need to get data protection right before we switch it on.",
          "We're looking for a data protection specialist to review the data flow, draft the impact assessment and "
          "update our processing agreements with subcontractors. Experience with German employment and data "
          "protection law is essential; documents in German and English.",
      ), posted=19.3, closed="Our in-house counsel has taken this on."),
    P("katrin-vogel", "English documentation for our carrier API", "writing-translation",
      ("technical-writing", "german-translation", "editing"), (1200, 1800), (
          "Carriers connect to our booking API to send status updates. The documentation is a German wiki page "
          "written by developers for developers, and partners in Sweden and Norway keep calling us with the same "
          "questions.",
          "We need clear English documentation: a getting-started guide, authentication, the eight endpoints with "
          "example requests and responses, error codes, and a page on testing against our sandbox. The source "
          "material is German, and our developers will answer your questions.",
          "We'd like Markdown we can publish on our docs site. A technical writer who reads German and has "
          "documented a REST API before would be ideal.",
      ), posted=6.2),
    # Brightside Health
    P("jordan-ellis", "UX research: why patients stop exercising in week two", "design",
      ("ux-research", "ui-design", "figma"), (3000, 5000), (
          "Brightside gives patients a daily exercise plan after a knee or hip replacement. Our data shows a sharp "
          "drop in completed sessions between days 8 and 14, exactly when physical therapists say consistency "
          "matters most.",
          "We want a researcher to find out why. We imagine 10 to 12 remote interviews with patients (we recruit "
          "through our clinic partners and handle consent), a look at our analytics, and a usability review of the "
          "session screens in Figma.",
          "Deliverables: a findings report with quotes, a prioritised list of problems, and a workshop with our "
          "team to turn them into design changes. Experience with older users or healthcare products matters more "
          "to us than a polished portfolio.",
      ), posted=3.2, deadline_in=30, max_proposals=15),
    P("jordan-ellis", "20 short animated demos of rehab exercises", "video-audio",
      ("2d-animation", "motion-graphics", "voice-over"), (4000, 6500), (
          "Our patients follow their exercises at home, often in pain and without their glasses. Live-action "
          "videos didn't work well: people copied the presenter's camera angle rather than the movement.",
          "We want 20 short 2D animations (15 to 30 seconds each) of a simple figure doing rehab exercises: heel "
          "slides, quad sets, supported squats and so on. Each needs a clear side view, the joint angle "
          "highlighted and a calm voice counting the reps. Our physical therapists will supply reference videos "
          "and check every clip for accuracy.",
          "Deliverables: 1080p MP4 and looping WebM files, plus the project files. Please show us character or "
          "explainer animation you've made.",
      ), posted=8.5),
    P("jordan-ellis", "GDPR readiness before our EU hospital pilot", "legal",
      ("gdpr-compliance", "contract-drafting"), (2000, 3500), (
          "Next quarter we start a pilot with a hospital group in Ireland. We're HIPAA-compliant in the US, but "
          "GDPR is new to us and health data is a special category.",
          "We need someone to review our data map and privacy notice, tell us what has to change (lawful basis, "
          "retention, transfers to our US cloud provider) and draft the data processing agreement with the "
          "hospital. Clear written advice that our engineers can act on is what good looks like.",
      ), posted=0.8, invite_only=True),
    # Little Fern
    P("maya-thompson", "Woodland animal prints for a baby clothing collection", "design",
      ("illustration", "adobe-illustrator", "print-design"), (600, 1000), (
          "Little Fern's next collection is about British woodland: hedgehogs, foxes, owls and badgers. We print "
          "on organic cotton bodysuits, sleepsuits and muslins, and we'd love an illustrator to create the artwork.",
          "We need six animal illustrations and one all-over repeat pattern that uses them, in four colours (our "
          "screen printer's limit). Files as layered AI or vector PDF, with the pattern tile set up to repeat "
          "seamlessly. We need full rights to use the artwork on our products.",
          "Gentle and a little funny rather than cartoon-cute. Please show us any textile or pattern work.",
      ), posted=5.4, deadline_in=28),
    P("maya-thompson", "Shopify theme fixes: a size guide and a gift bundle builder", "web-software",
      ("shopify", "javascript", "web-design"), (30, 45), (
          "Our shop runs on Shopify's Dawn theme with a few changes from a developer who has since moved on. Two "
          "things need doing.",
          "First, a size guide that opens from every product page and shows age, height and weight for our sizes, "
          "editable from the Shopify admin. Second, a \"build a gift bundle\" page where customers pick three "
          "items and get 10% off, without an expensive app.",
          "We think it's around 15 hours. Please tell us how you'd approach the bundle, and whether you've worked "
          "with Dawn and theme app extensions.",
      ), posted=15.1, hourly=True),
    P("maya-thompson", "Instagram management for our woodland collection launch", "marketing",
      ("social-media-management", "content-strategy"), (18, 28), (
          "We post on Instagram when we have time, which is not often. For the woodland collection launch we'd "
          "like someone to plan and post four times a week for eight weeks, reply to comments and messages, and "
          "work with two or three parent creators.",
          "We'll provide product photos and samples; you'd write the captions, cut simple Reels from our clips and "
          "send a short report every week.",
      ), posted=17.8, hourly=True, closed="Thanks, everyone: we've found our person."),
    # Atlas Outdoor
    P("sanne-de-vries", "Launch video for a 1.1 kg trekking tent", "video-audio",
      ("videography", "video-editing", "drone-photography"), (3500, 5500), (
          "Next season we launch the Veld 2, a two-person tent that weighs 1.1 kg. We want a two-minute launch video "
          "and cut-downs for social media.",
          "The shoot is two days on a trail in the Ardennes or the Eifel with one of our ambassadors: pitching the "
          "tent in wind, a night scene, and aerial shots of the route (you'd bring your own drone and the permits "
          "to fly it). We supply the tent, the ambassador and travel costs.",
          "Deliverables: a 2-minute master in 4K, 30- and 15-second cuts, vertical versions, and subtitles in "
          "English, Dutch and German. Outdoor filming experience is a must: show us something you shot outside in "
          "bad weather.",
      ), posted=7.3, deadline_in=45),
    P("sanne-de-vries", "German translation of our new catalogue (14,000 words)", "writing-translation",
      ("german-translation", "proofreading"), (1400, 2000), (
          "Our new catalogue is about 14,000 words of English product copy: tents, packs, sleeping bags and "
          "repair kits, with specifications and short walking stories from our team.",
          "We need a native German translator who knows outdoor gear, so that Wassersäule and Packmaß read "
          "naturally rather than translated. We have last year's glossary, which you'd update. Please deliver a "
          "Word file ready for layout, proofread by a second person.",
          "Tell us about outdoor, sports or retail catalogues you've translated.",
      ), posted=0.5, max_proposals=25),
    P("sanne-de-vries", "Meta ads for our tent launch in NL, DE and BE", "marketing",
      ("facebook-ads", "google-analytics", "marketing-strategy"), (40, 65), (
          "We sell online in the Netherlands, Germany and Belgium. Last year an agency ran our paid social and we "
          "could never tell which ads actually sold tents.",
          "We're looking for someone to set up and run Facebook and Instagram ads for the three launch months: "
          "campaign structure, audiences, creative tests with our photos and video, and clean conversion tracking "
          "with the Conversions API and GA4. The media budget is separate, about €15,000 over the three months.",
          "About six to eight hours a week. Good looks like a weekly report that says what's working in plain "
          "language, and a return on ad spend we can defend to our board.",
      ), posted=10.2, hourly=True),
    P("sanne-de-vries", "EU trade mark search and filing for a new backpack line", "legal",
      ("trademark-registration", "contract-drafting"), (800, 1500), (
          "We're launching a range of backpacks called Kestrel Trail and want to register the name as an EU trade "
          "mark before we announce it.",
          "We need a clearance search, advice on which classes to file in (bags, probably clothing too) and the "
          "filing with the EUIPO. If the search turns something up, we'd like your honest view on whether to pick "
          "another name.",
          "Once it's filed, we also need a short licence letting our Swiss distributor use the name on its website "
          "and in shops.",
      ), posted=13.9),
    # Kite & Key Lettings, Galway
    P("niamh-walsh", "WordPress site rebuild with a property listings search", "web-software",
      ("wordpress", "php", "web-design", "seo"), (2500, 4000), (
          "Our website is an old WordPress theme that breaks on phones, and we type every listing twice: once on "
          "our site and once on the property portals. We want a fresh site that's fast, easy for two "
          "non-technical people to update, and shows our rentals properly.",
          "Must have: a listings page with search by area, price and bedrooms; a page per property with photos, a "
          "map and a viewing request form; a page for landlords; and basic local SEO for Galway. Nice to have: "
          "importing listings from a spreadsheet so we only enter them once.",
          "Please share sites you've built for estate or lettings agents, and say how you'd handle the listings.",
      ), posted=0.25, deadline_in=50, max_proposals=30),
    P("niamh-walsh", "Listing photos for eight rentals in Galway", "photography",
      ("product-photography", "drone-photography", "photo-retouching"), (600, 1000), (
          "Eight properties come to market in the next two weeks, from a studio in the city centre to a four-bed "
          "house in Salthill. We need bright, honest photos that show the space without fisheye tricks.",
          "Around 15 edited photos per property, plus drone shots of the two houses with gardens and sea views. "
          "We'll arrange access and have each place tidied before you arrive.",
          "Photos delivered within three days of each shoot, landscape, sized for the portals and our website.",
      ), posted=3.9, deadline_in=14),
    P("niamh-walsh", "Monthly bookkeeping in Xero for a lettings agency", "business-admin",
      ("bookkeeping", "xero", "accounting"), (25, 40), (
          "We manage about 60 properties for 35 landlords. Rent comes in, fees go out, repairs get paid, and every "
          "month each landlord needs a statement. Right now I do this at night, and it shows.",
          "We want a bookkeeper for 8 to 12 hours a month: reconcile the bank feeds in Xero, code transactions, "
          "chase missing receipts, prepare the landlord statements and keep the client account separate from ours. "
          "We're in Ireland, so experience with Irish VAT is a plus.",
          "This is long-term work for the right person. Tell us about other property or agency clients you've had.",
      ), posted=16.9, hourly=True),
    # Higo Cocina, Valencia
    P("lucia-fernandez", "Editor and ghostwriter for our restaurant cookbook", "writing-translation",
      ("ghostwriting", "editing", "spanish-translation"), (5000, 8000), (
          "After eight years of Higo we're writing our first cookbook: 70 recipes from our two restaurants, with "
          "stories about the Valencia market, our suppliers and the people in our kitchen. A publisher in Madrid "
          "has offered us a contract for a Spanish and an English edition.",
          "Our chefs have written the recipes (in Spanish, in chef's shorthand) and I have hours of voice notes "
          "with the stories. We need someone to shape all this into a manuscript: make the recipes clear for home "
          "cooks, write the introductions and chapter openers in our voice, then produce the English edition, "
          "adapting measures and ingredients for readers in the UK and the US.",
          "You should write confidently in Spanish and English, and love food. Please send a sample of cookbook or "
          "food writing you're proud of.",
      ), posted=1.0, deadline_in=90, max_proposals=10),
    P("lucia-fernandez", "Table booking pages for our two restaurants", "web-software",
      ("javascript", "api-integration", "web-design"), (2000, 3500), (
          "We take bookings by phone and Instagram messages, and on busy nights we double-book. We'd like a simple "
          "booking page for each restaurant, on our own domain, that shows real availability.",
          "We already pay for a table management system with an API, so we don't want a new system, just a good "
          "front end that talks to it: choose the restaurant, date, party size and time, note allergies and a "
          "phone number, and get a confirmation e-mail in Spanish or English. Above all it must work on phones.",
          "Please say which table management systems you've integrated with. We'd also like a short handover so "
          "our manager can change the texts herself.",
      ), posted=12.3),
    P("lucia-fernandez", "Business plan and cash-flow model for a third restaurant", "business-admin",
      ("business-planning", "financial-modelling", "excel"), (1500, 2500), (
          "We're considering a third restaurant in Ruzafa and will be talking to two banks and a private investor. "
          "We have three years of accounts for the existing restaurants and a quote for the fit-out.",
          "We need a business plan of about 15 pages and a three-year monthly cash-flow model in Excel, with "
          "scenarios for a slower and a faster opening. The model should be something we keep using, not a black "
          "box. Hospitality experience is essential; Spanish for the bank meetings would help.",
      ), posted=9.1, invite_only=True),
    # Mer Ouverte
    P("julien-moreau", "Grant application to a European ocean fund", "writing-translation",
      ("grant-writing", "editing", "french-translation"), (2500, 4000), (
          "Mer Ouverte restores seagrass meadows on the Mediterranean coast with local fishermen and divers. We're "
          "applying to a European fund for a three-year programme of about €900,000, and the deadline is close.",
          "We have the science, the budget and the partner letters. We need a grant writer to turn them into a "
          "strong application in English: the narrative sections, the logical framework, the impact indicators and "
          "a careful edit of everything our team writes. Most of our internal documents are in French.",
          "Please tell us which grants you've written and won, ideally EU programmes or environmental funds. We'll "
          "work closely with you over the next three weeks.",
      ), posted=2.4, deadline_in=25),
    P("julien-moreau", "Subtitles in four languages for a seagrass documentary", "video-audio",
      ("subtitling", "video-editing", "french-translation"), (700, 1100), (
          "We've finished a 22-minute documentary about a season of seagrass replanting off Corsica. It's in "
          "French, with a few interviews in Italian.",
          "We need accurate subtitles in French, English, Spanish and Italian (SRT files timed to the final cut) "
          "and burned-in versions for social media. Some of the vocabulary is scientific; we'll provide a "
          "transcript and a glossary.",
      ), posted=14.2),
    # Pixelmint Games, Toronto
    P("ravi-patel", "Original soundtrack for a cosy puzzle game", "video-audio",
      ("music-production", "audio-mixing"), (3000, 5000), (
          "Tidepool is a puzzle game about rearranging rock pools so their creatures can find each other. It's "
          "calm, a little melancholy and full of small sounds. We release on Steam and Switch in about six months.",
          "We need about 35 minutes of original music: a main theme, six area themes that loop seamlessly, and "
          "short stingers for solving a puzzle and finishing a level. Ideally the area themes come in layers, so "
          "we can add instruments as the player progresses (we use FMOD).",
          "Please link to game music you've composed. We're thinking acoustic instruments, soft synths and "
          "recordings of water, but we're open to ideas.",
      ), posted=5.1, deadline_in=70),
    P("ravi-patel", "Community manager for our Discord and Steam launch", "marketing",
      ("social-media-management", "content-strategy", "customer-support"), (25, 40), (
          "Our Discord has grown to 6,000 members since the demo came out, and our small team can't keep up with "
          "it while finishing the game.",
          "We're looking for a community manager for 15 to 20 hours a week through launch and three months after: "
          "moderate and grow the Discord, answer questions on the Steam forums, collect bug reports for the team, "
          "run small events (screenshot contests, developer Q&As) and write our weekly update.",
          "You should know the cosy games crowd and be kind but firm as a moderator. Evening and weekend cover in "
          "North American time zones matters.",
      ), posted=0.12, hourly=True),
    P("ravi-patel", "Key art and Steam store capsules for our next game", "design",
      ("illustration", "adobe-photoshop", "brand-identity"), (1500, 2500), (
          "We need key art for our next game and every Steam capsule size from it: header, small, main, vertical, "
          "library hero and logo.",
          "Painterly, warm and readable at thumbnail size, delivered as layered PSDs. Please show store art you've "
          "made for other games.",
      ), posted=20.4, closed="We went with the illustrator who painted our last game."),
    # Zoe Clarke Coaching
    P("zoe-clarke", "Refresh of my coaching website on WordPress", "web-software",
      ("wordpress", "web-design", "copywriting"), (800, 1400), (
          "My website was built five years ago on WordPress and still talks about workshops I no longer run. I'd "
          "like a refresh, not a rebuild: a new home page and services pages, a simpler booking flow (I use "
          "Calendly) and faster pages.",
          "I'll write most of the words myself but would welcome a light edit. I need to be able to update the "
          "pages afterwards without calling anyone.",
          "Please show me a couple of sites you've made for coaches, consultants or other one-person businesses.",
      ), posted=8.0),
    P("zoe-clarke", "Year-end records tidy-up for a sole trader", "business-admin",
      ("bookkeeping", "accounting", "excel"), (250, 450), (
          "I'm a sole trader with about 300 transactions a year, kept in a spreadsheet and a business bank "
          "account. My Self Assessment is due and my records need tidying before my accountant sees them.",
          "I'd like someone to reconcile the year, put income and expenses into the categories HMRC expects, flag "
          "anything missing and hand over a clean summary. Bonus points for setting up a simple system so next "
          "year is painless.",
      ), posted=1.7, deadline_in=20),
    # Carter & Co Commerce: a freelancer who also hires
    P("ben-carter", "Product descriptions for a 300-item kitchenware shop", "writing-translation",
      ("copywriting", "seo", "editing"), (1200, 1800), (
          "We're moving a client's kitchenware shop to Shopify, and its product descriptions are copied from the "
          "manufacturers, so search engines see the same text on dozens of sites. We need new ones for about 300 "
          "products before launch.",
          "Each description should be 80 to 120 words: what it's for, what it's made of and how to look after it, "
          "written for home cooks rather than as a spec sheet. We'll supply a spreadsheet with names, specs and "
          "the keywords from our SEO plan, and you write straight into it.",
          "We start with a paid test of five products. Tell us about your e-commerce copywriting and how many "
          "descriptions you can write a week.",
      ), posted=0.4),
)  # fmt: skip


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
        client=client, title=demo.title, description="\n\n".join(demo.text), category=demo.category,
        skills=list(demo.skills), budget_type=BudgetType.HOURLY if demo.hourly else BudgetType.FIXED,
        budget_min=low, budget_max=high, currency=currency, deadline=deadline,
        visibility=Visibility.INVITE_ONLY if demo.invite_only else Visibility.PUBLIC,
        max_proposals=demo.max_proposals,
    )  # fmt: skip
    expiry = timedelta(days=settings.PROJECT_EXPIRY_DAYS)
    posted = now - min(timedelta(days=demo.posted), expiry * 0.75)  # never near expiry, even when it is set short
    # Demo data only: a feed whose projects were all posted in the same second would not look like a market.
    Project.objects.filter(pk=project.pk).update(created_at=posted, updated_at=posted)
    project.timers.update(due_at=posted + expiry)
    if demo.closed:
        project_close(project_id=project.pk, by=client, note=demo.closed)
