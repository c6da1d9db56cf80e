"""Demo Hourlies: the fixed-price services the demo freelancers sell.

`seed_hourlies()` publishes only the services that are missing, through the same service as the web page.
A service is known by its freelancer and title, so a second run publishes nothing and leaves edits alone.
Prices are in major units in the freelancer's currency here, and in minor units in the database.
"""

from dataclasses import dataclass

from django.db import transaction

from openhour.accounts.models import User
from openhour.catalog.models import Hourlie
from openhour.catalog.services.hourlies import hourlie_publish
from openhour.demo.people.freelancers import FREELANCERS
from openhour.demo.people.people import EMAIL_DOMAIN
from openhour.lib.money import MINOR_UNITS

Package = tuple[str, int, int, int, str]  # name, price, delivery days, revisions, what is included
Extra = tuple[str, int, int]  # title, price, extra days


@dataclass(frozen=True)
class DemoHourlie:
    freelancer: str  # username of a demo freelancer
    title: str
    category: str
    skills: tuple[str, ...]
    text: str
    packages: tuple[Package, ...]
    extras: tuple[Extra, ...] = ()


@dataclass(frozen=True)
class Seeded:
    present: int
    created: int


CURRENCIES = {f.username: f.currency for f in FREELANCERS}
H = DemoHourlie
HOURLIES: tuple[DemoHourlie, ...] = (
    H(
        "amara-okafor",
        "A logo for your café, bakery or food brand",
        "design",
        ("logo-design", "brand-identity"),
        "I design logos for independent food and drink businesses. You fill in a short brief about your place and "
        "your customers; I come back with hand-drawn routes, then refine the one you love into a finished mark.",
        (
            ("Starter", 180, 5, 2, "Two logo routes, one refined, PNG and SVG files."),
            ("Standard", 390, 8, 3, "Three routes, a colour palette, files for print and web."),
            ("Complete", 750, 14, 4, "Three routes, palette, type choices and a one-page brand guide."),
        ),
        (("Social media profile kit", 60, 1), ("Shop sign artwork", 120, 3)),
    ),
    H(
        "amara-okafor",
        "Label design for one product",
        "design",
        ("packaging-design", "print-design"),
        "A print-ready label for a jar, bottle or bag, designed around your brand and your printer's template.",
        (
            ("One label", 220, 6, 2, "One label design, print-ready PDF with bleed."),
            ("Range of three", 540, 10, 3, "A label system for three flavours or variants."),
        ),
        (("Mock-up photos for your shop", 45, 1),),
    ),
    H(
        "lukas-brandt",
        "UX review of one key flow in your SaaS app",
        "design",
        ("ux-research", "ui-design"),
        "I walk through one flow (sign-up, onboarding, checkout) as your users would and tell you what gets in "
        "their way, ranked by how much it costs you, with sketches of better ways.",
        (
            ("Quick review", 350, 3, 0, "A recorded walkthrough and a list of the top ten issues."),
            ("Full review", 900, 7, 1, "Written report with annotated screens and redesign sketches."),
            ("Review and redesign", 2200, 15, 2, "Report plus a clickable Figma prototype of the new flow."),
        ),
        (("Call to walk through the findings", 120, 0),),
    ),
    H(
        "lukas-brandt",
        "Figma design system starter",
        "design",
        ("figma", "ui-design"),
        "Tokens, type scale and the twenty components every product needs, set up so your team can grow them.",
        (
            ("Foundations", 800, 7, 1, "Colour and type tokens, spacing, grid."),
            ("Starter kit", 1900, 14, 2, "Foundations plus 20 components with variants and usage notes."),
        ),
        (("Dark mode", 400, 4),),
    ),
    H(
        "sofia-marin",
        "A custom illustration for your book or article",
        "design",
        ("illustration",),
        "Warm, textured illustrations for editorial pieces, book covers and packaging.",
        (
            ("Spot illustration", 150, 5, 2, "One small black-and-white illustration."),
            ("Colour illustration", 380, 8, 2, "One full-colour illustration up to A4."),
            ("Cover", 900, 15, 3, "A book cover illustration with lettering."),
        ),
        (("Commercial licence", 200, 0), ("Printed proof posted to you", 40, 5)),
    ),
    H(
        "tom-hughes",
        "A landing page written for your software product",
        "writing-translation",
        ("copywriting",),
        "Clear, specific copy that tells busy buyers what your product does and why it is worth a demo.",
        (
            ("One page", 450, 5, 2, "Research call, one landing page up to 800 words."),
            ("Page and e-mails", 850, 8, 2, "Landing page plus a three-e-mail follow-up sequence."),
        ),
        (("Two headline variants to test", 80, 0),),
    ),
    H(
        "tom-hughes",
        "API documentation that developers can follow",
        "writing-translation",
        ("technical-writing",),
        "I turn your OpenAPI file and a call with an engineer into a getting-started guide and reference pages.",
        (
            ("Getting started", 600, 6, 1, "A quick-start guide with working examples."),
            ("Guide and reference", 1500, 14, 2, "Quick start, three how-to guides and tidied reference pages."),
        ),
        (),
    ),
    H(
        "claire-dubois",
        "Translation into French, up to 1,000 words",
        "writing-translation",
        ("french-translation",),
        "Natural French from English or German by a native translator, checked twice before delivery.",
        (
            ("Up to 500 words", 60, 2, 1, "Translation and one round of questions."),
            ("Up to 1,000 words", 110, 3, 1, "Translation, glossary of key terms."),
            ("Up to 1,000 words, proofread", 160, 4, 2, "Translation, glossary and a second linguist's proofread."),
        ),
        (("Delivery within 24 hours", 40, 0),),
    ),
    H(
        "claire-dubois",
        "French subtitles for a video up to 10 minutes",
        "video-audio",
        ("subtitling",),
        "Timed French subtitles (SRT) for interviews, training videos and short films.",
        (
            ("Subtitles", 140, 4, 1, "Translated, timed SRT file."),
            ("Burned in", 190, 5, 1, "SRT plus a video with the subtitles burned in."),
        ),
        (),
    ),
    H(
        "grace-mwangi",
        "Grant application review before you submit",
        "writing-translation",
        ("grant-writing", "editing"),
        "I read your draft as a funder would and tell you what to strengthen, with tracked edits.",
        (
            ("Review", 150, 3, 1, "Written feedback on one application up to 3,000 words."),
            ("Review and edit", 320, 5, 2, "Feedback plus a full tracked edit."),
        ),
        (("Budget narrative check", 80, 1),),
    ),
    H(
        "priya-nair",
        "I will fix one bug in your Django app",
        "web-software",
        ("python", "django"),
        "Send me the error and access to the code; I find the cause, fix it, and add a test so it stays fixed.",
        (
            ("One bug", 90, 2, 1, "One bug fixed with a test and a short explanation."),
            ("Three bugs", 240, 4, 2, "Up to three bugs, tests and a write-up."),
            ("Health check", 600, 7, 2, "Up to ten bugs, tests and a report on what to fix next."),
        ),
        (("Start within 24 hours", 40, 0), ("Upgrade Django one major version", 300, 4)),
    ),
    H(
        "priya-nair",
        "Connect your Django site to Stripe",
        "web-software",
        ("django", "api-integration"),
        "Checkout, webhooks and refunds done properly, with tests against Stripe's test mode.",
        (
            ("Checkout", 450, 5, 1, "One-off payments with Stripe Checkout and webhooks."),
            ("Subscriptions", 950, 10, 2, "Plans, trials, the customer portal and webhooks."),
        ),
        (("Admin refunds button", 120, 1),),
    ),
    H(
        "mateo-ruiz",
        "Accessibility fixes for your React app",
        "web-software",
        ("react", "typescript"),
        "I audit your app with axe and a screen reader, then fix what I find in your codebase.",
        (
            ("Audit", 300, 4, 0, "Report of issues on up to five screens."),
            ("Audit and fixes", 850, 9, 1, "Audit plus fixes as a pull request with tests."),
        ),
        (("Team session on accessible components", 150, 0),),
    ),
    H(
        "mateo-ruiz",
        "A responsive landing page in React",
        "web-software",
        ("react", "javascript", "web-design"),
        "From your Figma file to a fast, accessible page that looks right on every screen.",
        (
            ("One section", 200, 3, 1, "One section built from your design."),
            ("Full page", 650, 7, 2, "A complete landing page with forms wired up."),
        ),
        (),
    ),
    H(
        "jonas-berg",
        "Offline maps for your iOS or Android app",
        "web-software",
        ("ios-development", "android-development"),
        "Downloadable map regions that work on a mountain with no signal, built into your existing app.",
        (
            ("Prototype", 1200, 10, 1, "Offline map region download in a demo app."),
            ("In your app", 3200, 21, 2, "Integrated into your app, with tests and storage limits."),
        ),
        (),
    ),
    H(
        "ben-carter",
        "Shopify store speed-up",
        "web-software",
        ("shopify",),
        "I find what slows your Shopify store down (apps, images, theme code) and fix it.",
        (
            ("Audit", 250, 3, 0, "Speed report with a ranked fix list."),
            ("Audit and fixes", 700, 6, 1, "Fixes for the top issues, before and after scores."),
        ),
        (("Image compression for the whole catalogue", 150, 2),),
    ),
    H(
        "ben-carter",
        "WordPress site fixes and updates",
        "web-software",
        ("wordpress", "php"),
        "Broken plugins, white screens, slow pages and overdue updates, fixed safely on a staging copy first.",
        (
            ("Quick fix", 120, 2, 1, "One issue fixed."),
            ("Tune-up", 350, 5, 1, "Updates, backups and up to five fixes."),
        ),
        (),
    ),
    H(
        "aisha-bello",
        "A sales dashboard from your spreadsheets",
        "web-software",
        ("data-analysis", "excel"),
        "Turn exports from your shop or CRM into a dashboard that updates itself.",
        (
            ("One dashboard", 400, 6, 2, "One dashboard with up to eight charts."),
            ("Dashboard and forecast", 900, 12, 2, "Dashboard plus a monthly sales forecast."),
        ),
        (("Training call for your team", 100, 0),),
    ),
    H(
        "aisha-bello",
        "Customer churn analysis",
        "web-software",
        ("data-analysis", "machine-learning", "python"),
        "Which customers are about to leave, and why: a model you can understand, not a black box.",
        (
            ("Analysis", 800, 10, 1, "Report on churn drivers with charts."),
            ("Analysis and model", 1800, 18, 2, "Report plus a scoring model and a monthly list of at-risk customers."),
        ),
        (),
    ),
    H(
        "chloe-byrne",
        "SEO audit for a small business website",
        "marketing",
        ("seo", "google-analytics"),
        "A plain-English audit of your site: what stops Google from ranking it and what to fix first.",
        (
            ("Audit", 250, 4, 0, "Technical and content audit with a ranked fix list."),
            ("Audit and plan", 550, 7, 1, "Audit plus a three-month content plan."),
            ("Audit, plan and fixes", 1100, 14, 1, "Audit, plan and on-page fixes for ten pages."),
        ),
        (("Competitor keyword report", 150, 2),),
    ),
    H(
        "rafael-souza",
        "Facebook and Instagram ads set up for your shop",
        "marketing",
        ("facebook-ads",),
        "Campaigns, audiences and tracking set up so you know what each ad earns.",
        (
            ("Set-up", 350, 4, 1, "Pixel, one campaign with three ad sets."),
            ("Set-up and a month", 900, 30, 2, "Set-up plus a month of management and weekly reports."),
        ),
        (("Five ad creatives", 200, 3),),
    ),
    H(
        "rafael-souza",
        "Google Ads account check-up",
        "marketing",
        ("google-ads",),
        "I go through your account and show you where the budget leaks, with the fixes.",
        (
            ("Check-up", 180, 3, 0, "Written review of one account."),
            ("Check-up and fixes", 450, 6, 1, "Review plus the fixes made in your account."),
        ),
        (),
    ),
    H(
        "hannah-fischer",
        "A welcome e-mail series for your online shop",
        "marketing",
        ("email-marketing",),
        "Three to five e-mails that turn new subscribers into first-time buyers, built in Klaviyo or Mailchimp.",
        (
            ("Three e-mails", 400, 6, 2, "Copy and design for three e-mails, set up as a flow."),
            ("Five e-mails", 650, 9, 2, "Five e-mails with a discount and a reminder branch."),
        ),
        (("Abandoned-basket flow", 300, 4),),
    ),
    H(
        "kenji-ito",
        "A 60-second animated explainer",
        "video-audio",
        ("motion-graphics", "2d-animation"),
        "Script, storyboard and animation for a short video that explains your product.",
        (
            ("30 seconds", 900, 10, 2, "Script, storyboard and a 30-second animation."),
            ("60 seconds", 1600, 15, 2, "Script, storyboard and a 60-second animation."),
            ("60 seconds with voice", 2100, 18, 3, "As 60 seconds, with a professional voice-over and music."),
        ),
        (("Square and vertical versions", 250, 3), ("Subtitles", 80, 1)),
    ),
    H(
        "kenji-ito",
        "Animated titles for your YouTube channel",
        "video-audio",
        ("motion-graphics",),
        "An intro, an outro and lower thirds that match your channel's look.",
        (
            ("Intro", 250, 5, 2, "A five-second animated intro."),
            ("Title pack", 600, 8, 2, "Intro, outro, lower thirds and a subscribe button."),
        ),
        (),
    ),
    H(
        "dan-whitaker",
        "Podcast episode editing and mixing",
        "video-audio",
        ("podcast-editing", "audio-mixing"),
        "Clean, balanced audio: ums and long pauses out, levels even, intro and outro music in.",
        (
            ("Up to 30 minutes", 60, 2, 1, "Edited and mixed episode."),
            ("Up to 60 minutes", 110, 3, 1, "Edited and mixed episode with show notes."),
            ("Four episodes", 400, 10, 1, "A month of episodes up to 60 minutes each."),
        ),
        (("Transcript", 30, 1), ("Audiogram for social media", 40, 1)),
    ),
    H(
        "ines-costa",
        "Xero set-up for a creative studio",
        "business-admin",
        ("xero", "bookkeeping"),
        "Chart of accounts, bank feeds, invoice templates and a short handover call.",
        (
            ("Set-up", 300, 5, 1, "Xero set up with your bank feeds and invoice template."),
            ("Set-up and clean-up", 650, 10, 1, "Set-up plus three months of transactions reconciled."),
        ),
        (),
    ),
    H(
        "marta-kowalska",
        "Inbox and calendar tidy-up",
        "business-admin",
        ("virtual-assistance",),
        "I sort your inbox into folders and rules, clear the backlog and set up your calendar so it works for you.",
        (
            ("Two hours", 50, 2, 0, "Inbox rules and backlog triage."),
            ("Full tidy-up", 140, 5, 1, "Inbox, calendar, templates for your common replies."),
        ),
        (),
    ),
    H(
        "elena-popescu",
        "Product photos on white for your online shop",
        "photography",
        ("product-photography", "photo-retouching"),
        "Clean, colour-accurate product photos on a white background; you post the products to my studio.",
        (
            ("5 products", 150, 6, 1, "Two photos per product, retouched."),
            ("15 products", 400, 10, 1, "Three photos per product, retouched."),
            ("30 products", 720, 14, 2, "Three photos per product plus one styled shot each."),
        ),
        (("Lifestyle shot per product", 25, 2),),
    ),
    H(
        "rebecca-adeyemi",
        "GDPR privacy policy for a small online business",
        "legal",
        ("gdpr-compliance",),
        "A privacy policy that matches what your business really does with personal data, in plain English.",
        (
            ("Policy", 350, 5, 1, "Privacy policy and cookie notice."),
            ("Policy and records", 750, 10, 2, "Policy, cookie notice and a record of processing."),
        ),
        (("Data processing agreement template", 250, 3),),
    ),
    H(
        "theo-lambert",
        "Je corrige un bug de votre application Django",
        "web-software",
        ("django", "python"),
        "Vous décrivez le problème, je le reproduis, je le corrige avec un test qui le prouve et je vous explique "
        "la cause en quelques lignes, sans jargon.",
        (
            ("Un bug", 120, 2, 1, "Un correctif avec son test, prêt à déployer."),
            ("Trois bugs", 300, 5, 2, "Trois correctifs, leurs tests et une note sur ce qui les causait."),
        ),
        (("Mise en production avec vous", 80, 1),),
    ),
    H(
        "jonas-becker",
        "Übersetzung Ihrer App-Oberfläche ins Deutsche",
        "writing-translation",
        ("german-translation", "proofreading"),
        "Ich übersetze die Texte Ihrer Oberfläche aus dem Englischen, mit Glossar, einheitlicher Ansprache und "
        "Rücksicht auf knappe Schaltflächen.",
        (
            ("Bis 500 Wörter", 90, 3, 1, "Übersetzung und Glossar der wichtigsten Begriffe."),
            ("Bis 2.000 Wörter", 320, 7, 2, "Übersetzung, Glossar und ein zweites Korrekturlesen."),
        ),
        (("Prüfung in Ihrer laufenden App", 60, 2),),
    ),
)


def seed_hourlies() -> Seeded:
    """Publish the demo services that are missing, for demo freelancers that exist."""
    usernames = {demo.freelancer for demo in HOURLIES}
    freelancers = {
        user.username: user
        for user in User.objects.filter(username__in=usernames, email__iendswith="@" + EMAIL_DOMAIN, is_freelancer=True)
    }
    existing = set(Hourlie.objects.filter(freelancer__in=freelancers.values()).values_list("freelancer_id", "title"))
    present = created = 0
    for demo in HOURLIES:
        freelancer = freelancers.get(demo.freelancer)
        if freelancer is None:
            continue  # the username belongs to someone outside the demo, or is not a freelancer any more
        if (freelancer.pk, demo.title) not in existing:
            _publish(freelancer, demo)
            created += 1
        present += 1
    return Seeded(present=present, created=created)


@transaction.atomic
def _publish(freelancer: User, demo: DemoHourlie) -> None:
    currency = CURRENCIES[demo.freelancer]
    unit = MINOR_UNITS[currency]
    hourlie_publish(
        freelancer=freelancer,
        title=demo.title,
        description=demo.text,
        category=demo.category,
        skills=list(demo.skills),
        currency=currency,
        packages=[
            {"name": name, "price": price * unit, "delivery_days": days, "revisions": revisions, "description": text}
            for name, price, days, revisions, text in demo.packages
        ],
        extras=[{"title": title, "price": price * unit, "extra_days": days} for title, price, days in demo.extras],
    )
