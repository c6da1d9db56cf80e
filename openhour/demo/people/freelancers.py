"""The demo freelancers: spread over every category of the starting taxonomy, in three currencies."""

from openhour.demo.people.people import Company, Freelancer, Sample

S = Sample

FREELANCERS: tuple[Freelancer, ...] = (
    # Design
    Freelancer(
        "amara-okafor",
        "Amara Okafor",
        "Brand identity designer for food and drink businesses",
        "I help independent food and drink brands look as good as they taste. Ten years in branding studios, "
        "the last four on my own: logos, packaging and the small things (menus, stickers, shop signs) that "
        "make a brand feel real on the high street.",
        ("brand-identity", "logo-design", "packaging-design", "adobe-illustrator", "print-design"),
        5500,
        "GBP",
        "GB",
        ("en", "ig"),
        (
            S(
                "Harbour Roast rebrand",
                "New mark, colour system and bag labels for a Bristol roastery.",
                "brand",
                "https://harbourroast.example/story",
            ),
            S(
                "Hot sauce label series",
                "Five labels for a small-batch hot sauce range, one colour per heat.",
                "product",
            ),
            S("Market stall signage", "Bold, weatherproof signage for a weekend street-food stall.", "poster"),
            S("Seasonal menu patterns", "A pattern kit the café team reuses for every seasonal menu.", "shapes"),
        ),
    ),
    Freelancer(
        "lukas-brandt",
        "Lukas Brandt",
        "Product designer for B2B SaaS: research, flows and design systems",
        "I design software people use all day at work. I start by watching how people do the job today, then "
        "turn what I learn into flows, prototypes and a design system your developers enjoy using. Figma, "
        "usability testing and plenty of sticky notes.",
        ("ui-design", "ux-research", "figma", "web-design", "presentation-design"),
        7000,
        "EUR",
        "DE",
        ("de", "en"),
        (
            S("Payroll app onboarding", "Cut time-to-first-payslip from two days to forty minutes.", "mobile"),
            S(
                "Logistics analytics dashboard",
                "Shipment and delay metrics for dispatchers, tested with 12 users.",
                "chart",
                "https://northwind-logistik.example/portal",
            ),
            S(
                "Design system documentation",
                "Components, tokens and usage guidance on one searchable site.",
                "wireframe",
            ),
        ),
        availability="limited",
    ),
    Freelancer(
        "sofia-marin",
        "Sofía Marín",
        "Illustrator for books, editorial and packaging",
        "Warm, textured illustration for children's books, magazines and packaging. I sketch on paper and "
        "finish digitally, and I am happy to work from a loose idea or a detailed brief. Publishers in Spain "
        "and the UK have trusted me with twelve picture books so far.",
        ("illustration", "adobe-photoshop", "adobe-illustrator", "print-design"),
        4000,
        "EUR",
        "ES",
        ("es", "ca", "en"),
        (
            S("Picture book spreads", "Eight spreads for a story about a lighthouse keeper's cat.", "shapes"),
            S(
                "Climate magazine cover",
                "Cover and two inside illustrations for a feature on heatwaves.",
                "poster",
                "https://magazine.example/issue-41",
            ),
            S("Tea tin packaging", "Illustrated tins for a range of four herbal blends.", "product"),
        ),
    ),
    # Writing & Translation
    Freelancer(
        "tom-hughes",
        "Tom Hughes",
        "B2B copywriter and technical writer for software companies",
        "I turn complicated products into clear sentences. Former developer, so I can read your API and talk to "
        "your engineers, then write docs, case studies and web copy your buyers actually finish. Based in "
        "Cardiff, writing in plain British or American English.",
        ("copywriting", "technical-writing", "blog-writing", "content-strategy", "editing"),
        6000,
        "GBP",
        "GB",
        ("en", "cy"),
        (
            S(
                "Payments API guide",
                "Getting-started guide and reference for a payments start-up's API.",
                "code",
                "https://docs.example/payments",
            ),
            S(
                "Cyber-security case studies",
                "Six customer stories, each approved by the customer's legal team.",
                "document",
            ),
            S(
                "Accountancy practice website",
                "Homepage and service pages; enquiries doubled in a quarter.",
                "wireframe",
            ),
        ),
    ),
    Freelancer(
        "claire-dubois",
        "Claire Dubois",
        "English and German to French translator and subtitler",
        "Native French translator for apps, museums and documentaries. I localise rather than translate word "
        "for word, keep a glossary for each client and deliver subtitles that respect reading speed. Member "
        "of the French translators' society since 2014.",
        ("french-translation", "german-translation", "subtitling", "proofreading", "editing"),
        4500,
        "EUR",
        "FR",
        ("fr", "en", "de"),
        (
            S(
                "Meditation app in French",
                "Full localisation of a meditation app: 2,400 strings and 90 scripts.",
                "mobile",
            ),
            S("Museum audio guide", "Translation of a 40-stop audio guide for a maritime museum.", "document"),
            S("Documentary subtitles", "French subtitles for a six-part series about the North Sea.", "waveform"),
        ),
    ),
    Freelancer(
        "grace-mwangi",
        "Grace Mwangi",
        "Grant writer for NGOs and social enterprises",
        "I write funding proposals that reviewers remember. Eight years in East African NGOs taught me what "
        "donors look for: a clear problem, honest numbers and a plan that fits the budget. I also edit annual "
        "reports and donor updates.",
        ("grant-writing", "editing", "proofreading", "business-planning"),
        3500,
        "USD",
        "KE",
        ("en", "sw"),
        (
            S(
                "Solar irrigation proposal",
                "Funded proposal for a three-year pilot with 400 smallholder farmers.",
                "document",
            ),
            S(
                "Annual impact report",
                "Structure, writing and data for a 32-page report.",
                "chart",
                "https://merouverte.example/report",
            ),
            S("Donor newsletter", "A quarterly newsletter with a 48% open rate.", "poster"),
        ),
    ),
    # Web & Software
    Freelancer(
        "priya-nair",
        "Priya Nair",
        "Python and Django developer: back ends, integrations and fixes",
        "I build and rescue Django applications. Typical jobs: a booking system from scratch, a Stripe or Xero "
        "integration, or a slow report that needs the right index. I write tests, leave readable code and "
        "explain trade-offs in plain words.",
        ("python", "django", "postgresql", "api-integration", "devops", "web-scraping"),
        6500,
        "GBP",
        "GB",
        ("en", "hi", "ml"),
        (
            S(
                "Clinic booking system",
                "Online booking for a chain of six physiotherapy clinics.",
                "wireframe",
                "https://brightside-health.example",
            ),
            S("Stripe and Xero integration", "Subscriptions billed in Stripe, reconciled in Xero every night.", "code"),
            S("Report query tuning", "A monthly report went from 40 seconds to under two.", "chart"),
            S("Public notices scraper", "Daily scrape of planning notices from 30 council sites.", "document"),
        ),
    ),
    Freelancer(
        "mateo-ruiz",
        "Mateo Ruiz",
        "Front-end developer: React, TypeScript and accessible interfaces",
        "Front-end developer from Buenos Aires working with teams in the US and Europe. I build fast, "
        "accessible React interfaces, set up component libraries that last, and I am comfortable picking up "
        "an existing codebase and improving it step by step.",
        ("react", "typescript", "javascript", "nodejs", "web-design"),
        4500,
        "USD",
        "AR",
        ("es", "en", "pt"),
        (
            S("Property search", "Map and filter search for 20,000 listings, fast on cheap phones.", "wireframe"),
            S(
                "Component library",
                "Forty React components with Storybook docs and visual tests.",
                "shapes",
                "https://components.example",
            ),
            S("Fashion checkout rebuild", "One-page checkout; conversion on mobile up 18%.", "mobile"),
        ),
    ),
    Freelancer(
        "jonas-berg",
        "Jonas Berg",
        "iOS and Android developer for field and outdoor apps",
        "I build native apps that keep working when the signal drops: offline sync, maps, GPS and Bluetooth "
        "sensors. Swift and Kotlin, with a shared API layer. Past clients include a cycling club, a utility "
        "company and two outdoor brands.",
        ("ios-development", "android-development", "api-integration", "ui-design"),
        8500,
        "EUR",
        "SE",
        ("sv", "en", "no"),
        (
            S("Cycling route planner", "Route planning with offline maps for a club of 3,000 riders.", "mobile"),
            S("Field inspection app", "Offline-first inspections with photos for a water utility.", "mobile"),
            S("Sync engine", "Conflict-free sync between phones and the API after days offline.", "code"),
        ),
    ),
    Freelancer(
        "ben-carter",
        "Ben Carter",
        "Shopify and WordPress developer for growing online shops",
        "I run a two-person commerce studio in Austin. We build Shopify themes, move shops off WooCommerce "
        "without losing SEO, and fix the checkout bugs that quietly cost sales. When a project needs design "
        "or copy, I hire from here too.",
        ("shopify", "wordpress", "php", "javascript", "seo"),
        7500,
        "USD",
        "US",
        ("en", "es"),
        (
            S(
                "Coffee roaster theme",
                "Custom Shopify theme with subscriptions and a brew guide.",
                "wireframe",
                "https://harbourroast.example",
            ),
            S("WooCommerce migration", "4,000 products and 12 years of orders moved with redirects.", "chart"),
            S("Product configurator", "Build-your-own gift box with live price and stock.", "product"),
        ),
        hires_as=Company("Carter & Co Commerce", "2-10", "https://carterandco.example"),
    ),
    Freelancer(
        "aisha-bello",
        "Aisha Bello",
        "Data analyst: dashboards, forecasting and churn models",
        "I help small teams make decisions from their own data. I clean messy spreadsheets and databases, build "
        "dashboards people check every morning, and fit simple models (churn, demand, pricing) that I can "
        "explain to your board in one slide.",
        ("data-analysis", "python", "machine-learning", "postgresql", "excel"),
        4000,
        "USD",
        "NG",
        ("en", "fr"),
        (
            S("Churn model", "Flagged 70% of churning customers a month ahead for a telecom reseller.", "chart"),
            S("Sales dashboard", "A morning dashboard for a wholesaler with eight reps.", "chart"),
            S("Procurement data pipeline", "Public tender notices collected and cleaned every night.", "code"),
        ),
    ),
    # Marketing
    Freelancer(
        "chloe-byrne",
        "Chloe Byrne",
        "SEO and content strategist for B2B and local businesses",
        "I grow organic traffic with audits, fixes and content that answers real questions. No tricks: a "
        "clear site structure, fast pages and articles people want to read. I report in plain numbers every "
        "month, so you always know what your money did.",
        ("seo", "content-strategy", "google-analytics", "blog-writing", "conversion-rate-optimisation"),
        5500,
        "EUR",
        "IE",
        ("en", "ga"),
        (
            S("Garden centre SEO", "Organic visits tripled in a year for a family garden centre.", "chart"),
            S("HR platform content plan", "Twelve-month plan of 60 articles mapped to search intent.", "document"),
            S(
                "Hotel group site audit",
                "Technical audit and fixes for a group of five hotels.",
                "wireframe",
                "https://hotels.example",
            ),
        ),
    ),
    Freelancer(
        "rafael-souza",
        "Rafael Souza",
        "Paid social and search ads for consumer brands",
        "I plan, run and report Meta and Google Ads for consumer brands spending between 2k and 50k a month. "
        "I test creative weekly, keep tracking honest, and tell you when a channel is not worth the money.",
        ("facebook-ads", "google-ads", "social-media-management", "marketing-strategy", "google-analytics"),
        5000,
        "USD",
        "BR",
        ("pt", "en", "es"),
        (
            S("Sneaker launch campaign", "Instagram launch that sold out the first drop in four days.", "poster"),
            S("Language school lead funnel", "Cost per lead down 42% over one quarter.", "chart"),
            S("Creative testing kit", "A template library for weekly ad creative tests.", "mobile"),
        ),
    ),
    Freelancer(
        "hannah-fischer",
        "Hannah Fischer",
        "E-mail marketing and CRM for online shops",
        "E-mail is still where most online shops make their money. I set up welcome, browse and win-back "
        "flows, write the copy, design templates that survive every mail client, and clean up lists so your "
        "messages land in the inbox.",
        ("email-marketing", "marketing-strategy", "copywriting", "conversion-rate-optimisation"),
        6000,
        "EUR",
        "AT",
        ("de", "en"),
        (
            S("Wine shop welcome series", "Five-mail welcome series; first orders up 27%.", "mobile"),
            S("Win-back campaign", "Reactivated 11% of lapsed customers in six weeks.", "chart"),
            S("Newsletter template system", "Modular templates the team assembles in minutes.", "wireframe"),
        ),
    ),
    # Video & Audio
    Freelancer(
        "kenji-ito",
        "Kenji Ito",
        "Motion designer: explainers, titles and animated data",
        "I make short animations that explain things: product explainers, title sequences and data stories. "
        "I storyboard first so you approve the idea before anything moves, then animate in After Effects and "
        "Blender. Based in Vancouver.",
        ("motion-graphics", "2d-animation", "3d-animation", "video-editing", "illustration"),
        7000,
        "USD",
        "CA",
        ("en", "ja"),
        (
            S(
                "Fintech explainer",
                "A 90-second explainer for a budgeting app's launch.",
                "waveform",
                "https://video.example/budget",
            ),
            S("Cooking show titles", "Title sequence and lower thirds for a cooking channel.", "poster"),
            S("Election night data story", "Animated charts for live election coverage.", "chart"),
            S("Puzzle game trailer", "Launch trailer for a cosy puzzle game.", "shapes"),
        ),
        availability="limited",
    ),
    Freelancer(
        "dan-whitaker",
        "Dan Whitaker",
        "Podcast editor, mixer and voice-over artist",
        "I edit and mix podcasts so they sound like radio: clean dialogue, steady levels and no ums left "
        "behind. I also record voice-overs from a treated studio in Bristol, with a warm, neutral British "
        "voice and same-day pick-ups.",
        ("podcast-editing", "audio-mixing", "voice-over", "music-production", "subtitling"),
        4000,
        "GBP",
        "GB",
        ("en",),
        (
            S(
                "Design agency podcast",
                "Weekly interview show, edited and mixed for 120 episodes.",
                "waveform",
                "https://podcast.example",
            ),
            S("Show identity and jingle", "Cover art direction and a five-second sound logo.", "poster"),
            S("Transcripts and show notes", "Searchable transcripts for a back catalogue.", "document"),
        ),
    ),
    # Business & Admin
    Freelancer(
        "ines-costa",
        "Inês Costa",
        "Bookkeeper and Xero adviser for creative studios",
        "I keep the books for design studios, agencies and freelancers across Europe. Monthly reconciliation, "
        "VAT returns, tidy Xero files and a cash-flow forecast you can read. I reply within a working day and "
        "I never send you a spreadsheet without a summary.",
        ("bookkeeping", "accounting", "xero", "excel", "financial-modelling"),
        3500,
        "EUR",
        "PT",
        ("pt", "en", "es"),
        (
            S("Month-end close", "Month-end in three days for a 14-person studio.", "chart"),
            S("Xero clean-up", "Two years of unreconciled transactions sorted.", "document"),
            S("Investor financial model", "Three-year model for a seed round.", "chart", "https://models.example/seed"),
        ),
    ),
    Freelancer(
        "marta-kowalska",
        "Marta Kowalska",
        "Virtual assistant and project coordinator",
        "I take the admin off founders' plates: inbox and calendar, supplier follow-ups, travel, and keeping "
        "projects moving in Asana or Notion. Organised, discreet and available across UK and European "
        "working hours.",
        ("virtual-assistance", "project-management", "customer-support", "data-entry", "excel"),
        2500,
        "EUR",
        "PL",
        ("pl", "en", "de"),
        (
            S("Founder's inbox and calendar", "Inbox zero for a founder with 200 mails a day.", "wireframe"),
            S("Support desk for an online shop", "First response under two hours, 94% satisfaction.", "chart"),
            S("Team retreat logistics", "Travel and venues for a 60-person company retreat.", "document"),
        ),
    ),
    # Photography
    Freelancer(
        "elena-popescu",
        "Elena Popescu",
        "Product and travel photographer",
        "I photograph products on seamless colour and places people want to visit. Studio in Bucharest, "
        "travel anywhere in Europe, and licensed to fly a drone. Every shoot comes with retouched files in "
        "the sizes your shop and your ads need.",
        ("product-photography", "photo-retouching", "drone-photography", "portrait-photography"),
        4500,
        "EUR",
        "RO",
        ("ro", "en", "fr"),
        (
            S("Skincare on colour", "A 24-product shoot on seamless colour for an online shop.", "product"),
            S(
                "Carpathian cabins",
                "Interiors and aerials for a cabin booking site.",
                "landscape",
                "https://cabins.example",
            ),
            S("Coastline aerials", "Drone photographs for a regional tourism board.", "landscape"),
            S("Ceramics lookbook", "A spring lookbook for a small ceramics studio.", "product"),
        ),
    ),
    # Legal
    Freelancer(
        "rebecca-adeyemi",
        "Rebecca Adeyemi",
        "Commercial solicitor: contracts, GDPR and trademarks",
        "Solicitor for start-ups and small businesses. I draft contracts people can understand, get your data "
        "protection in order without drowning you in policies, and register the trademarks that matter. "
        "Fixed fees wherever I can.",
        ("contract-drafting", "gdpr-compliance", "trademark-registration", "employment-law"),
        9500,
        "GBP",
        "GB",
        ("en", "fr"),
        (
            S("Freelancer agreement pack", "Plain-English templates for an agency's freelance network.", "document"),
            S("Health app GDPR review", "Data map, retention schedule and privacy notice.", "chart"),
            S("Privacy notice, readable", "A layered privacy notice that fits on a phone screen.", "mobile"),
        ),
        availability="unavailable",
    ),
    # People who read the site in French and German, with their profiles in their own language.
    Freelancer(
        "theo-lambert",
        "Théo Lambert",
        "Développeur Django et Python à Lyon : applications web, API et PostgreSQL",
        "Développeur indépendant depuis six ans, je conçois des applications web avec Django pour des PME et des "
        "associations : boutiques en ligne, espaces clients, API pour les applications mobiles. Je soigne les "
        "tests, la documentation et la mise en production, et j'explique mes choix sans jargon.",
        ("python", "django", "postgresql", "api-integration"),
        6000,
        "EUR",
        "FR",
        ("fr", "en"),
        (
            S("Espace client d'une mutuelle", "Les remboursements de 40 000 adhérents, en Django.", "wireframe"),
            S("Tableau de bord des ventes", "Les ventes d'une coopérative viticole, jour par jour.", "chart"),
            S("API d'une application de covoiturage", "Réservations et paiements pour une appli lyonnaise.", "mobile"),
        ),
        language="fr",
        time_zone="Europe/Paris",
    ),
    Freelancer(
        "jonas-becker",
        "Jonas Becker",
        "Fachübersetzer Englisch–Deutsch für Technik und Software",
        "Ich übersetze seit zehn Jahren technische Texte aus dem Englischen ins Deutsche: Handbücher, "
        "Benutzeroberflächen und Hilfeseiten. Für jeden Kunden führe ich ein Glossar, und jede Übersetzung wird "
        "vor der Lieferung ein zweites Mal gelesen. Ich sitze in Leipzig und antworte meist am selben Tag.",
        ("german-translation", "technical-writing", "proofreading", "editing"),
        5000,
        "EUR",
        "DE",
        ("de", "en"),
        (
            S("Übersetzung eines Maschinenhandbuchs", "180 Seiten für Verpackungsmaschinen.", "document"),
            S("Lokalisierung einer Buchhaltungs-App", "2.800 Texte der Oberfläche, mit Glossar und Tests.", "mobile"),
            S("Styleguide für Softwaretexte", "Ton, Begriffe und Schreibweisen für ein Entwicklerteam.", "wireframe"),
        ),
        language="de",
        time_zone="Europe/Berlin",
    ),
)
