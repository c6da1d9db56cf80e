"""What the generated people write: reviews and messages in English and French, each drawn from several
templates with synonyms, details and sentence order left to chance, so no two runs say the same thing.

Honest text is built from many independent slots (the work, a detail, how it went, the outcome, what could be
better), so two honest reviews rarely share more than a stock phrase. Manipulative text is built to pass: the
same story told again with other words, one template with the names swapped, offers and threats in many shapes.
"""

import random
from typing import Any

WORK = (
    ("Logo refresh", "logo", "le logo"),
    ("Shop migration to Shopify", "shop migration", "la migration de la boutique"),
    ("Quarterly newsletter design", "newsletter", "la newsletter"),
    ("Bookkeeping clean-up", "bookkeeping", "la comptabilité"),
    ("Landing page copy", "landing page copy", "les textes de la page d'accueil"),
    ("Product photo retouching", "product photos", "les photos produits"),
    ("Booking form fixes", "booking form", "le formulaire de réservation"),
    ("Podcast audio clean-up", "podcast audio", "le son du podcast"),
    ("Pitch deck redesign", "pitch deck", "la présentation"),
    ("Inventory spreadsheet automation", "inventory spreadsheet", "le tableur d'inventaire"),
    ("WordPress speed fixes", "site speed", "la vitesse du site"),
    ("Menu translation into French", "menu translation", "la traduction du menu"),
    ("Explainer video edit", "explainer video", "la vidéo explicative"),
    ("Mobile app bug fixes", "app fixes", "les corrections de l'application"),
    ("Brand colour palette", "colour palette", "la palette de couleurs"),
    ("Grant application proofreading", "grant application", "le dossier de subvention"),
    ("CRM data import", "CRM import", "l'import dans le CRM"),
    ("Packaging label artwork", "label artwork", "les étiquettes"),
    ("SEO audit", "SEO audit", "l'audit SEO"),
    ("Wedding invitation set", "invitations", "les faire-part"),
)

# ---- honest reviews ----------------------------------------------------------------------------------------

EN_OPEN = (
    "{name} took on our {thing} and made it look easy.",
    "We hired {name} for the {thing} after a recommendation.",
    "Our {thing} was overdue and {name} picked it up quickly.",
    "{name} handled the {thing} from the first call to the handover.",
    "I came to {name} with a vague idea for the {thing}.",
    "The {thing} is done, and done properly.",
    "Second time working with {name}, this time on the {thing}.",
    "Hired {name} to sort out the {thing} before our spring launch.",
    "{name} quoted fairly for the {thing} and stuck to it.",
    "We needed the {thing} finished in a tight window.",
    "Our old {thing} had been bothering us for months.",
    "{name} was patient while we worked out what we wanted from the {thing}.",
)
EN_DETAIL = (
    "{n} rounds of changes were handled without fuss.",
    "The files arrived labelled, in every format we asked for.",
    "Questions were answered the same day, usually within the hour.",
    "A short video walked us through how to update it ourselves.",
    "Every change was listed in a tidy summary at the end.",
    "They spotted {n} problems we had not even mentioned.",
    "The draft on day {n} was already close to final.",
    "Weekly updates arrived every Monday without us asking.",
    "The estimate of {n} days turned out to be right.",
    "Feedback from our whole team was folded in carefully.",
    "Nothing was left half-finished or undocumented.",
    "Our awkward legacy setup did not slow things down.",
    "Suggestions came with reasons, never just opinions.",
    "The handover notes ran to {n} pages and were genuinely useful.",
)
EN_OUTCOME = (
    "Customers noticed the difference within a week.",
    "We would book again without hesitation.",
    "It has run without a hitch since.",
    "Good value for what we paid.",
    "Exactly what the brief asked for.",
    "Our sales team uses it daily now.",
    "The result is better than the mock-ups.",
    "Recommended to two friends already.",
    "Solid, careful work.",
    "We got what we paid for, on time.",
)
EN_IMPROVE = (
    "Replies slowed down a little at weekends.",
    "The first draft missed part of the brief.",
    "Invoices could list the hours per task.",
    "A clearer timeline at the start would have helped.",
    "One file had to be exported again.",
    "",
    "",
    "",
)
FR_OPEN = (
    "{name} s'est occupé(e) de {thing_fr} avec beaucoup de sérieux.",
    "Nous avons confié {thing_fr} à {name} sur recommandation.",
    "Travail soigné de {name} sur {thing_fr}.",
    "{name} a repris {thing_fr} au pied levé.",
)
FR_DETAIL = (
    "Les {n} allers-retours de corrections se sont faits sans difficulté.",
    "Réponses rapides, souvent dans l'heure.",
    "Les fichiers étaient bien rangés et nommés.",
    "Un point chaque semaine, sans qu'on ait à le demander.",
    "Le délai de {n} jours a été tenu.",
)
FR_OUTCOME = (
    "Nous referons appel à ses services.",
    "Très bon rapport qualité-prix.",
    "Le résultat dépasse nos attentes.",
    "Je recommande sans hésiter.",
)
FR_IMPROVE = ("Un peu lent à répondre le week-end.", "La première version oubliait une partie du brief.", "", "")

HARSH_EN = (
    (
        "The {thing} was delivered {n} days late and only after several reminders.",
        "Half of the requested changes were ignored; we fixed the rest ourselves.",
        "The work itself was below the standard shown in the portfolio.",
        "Communication stopped for a week in the middle of the project.",
        "The final files were missing the source documents we paid for.",
    ),
    (
        "Some parts of the {thing} were usable.",
        "The price was fair for the little that was delivered on time.",
        "",
    ),
)
HARSH_FR = (
    (
        "{thing_fr} a été livré(e) avec {n} jours de retard.",
        "La moitié des corrections demandées n'a pas été faite.",
        "Qualité bien en dessous du portfolio.",
    ),
    ("Quelques éléments étaient utilisables.", ""),
)
SUPPORT_COMPLAINT = (
    "The {thing} arrived {n} days late and I reported the delay to support, who sorted out a partial refund.",
    "I had to contact support after {n} days without news about the {thing}; they were helpful, the freelancer "
    "less so.",
    "After the missed deadline I raised it with support; the {thing} was finished, eventually.",
    "I flagged the late delivery of the {thing} to the support team, as the contract suggests.",
)


def pick(rng: random.Random, options: Any) -> Any:
    return rng.choice(options)


def fill(text: str, rng: random.Random, **names: str) -> str:
    return text.format(n=rng.randint(2, 9), **names)


def honest_praise(rng: random.Random, name: str, work: tuple[str, str, str], french: bool = False) -> tuple[str, str]:
    """(went well, could be better) of an ordinary satisfied client."""
    parts = (FR_OPEN, FR_DETAIL, FR_DETAIL, FR_OUTCOME) if french else (EN_OPEN, EN_DETAIL, EN_DETAIL, EN_OUTCOME)
    sentences = []
    for pool in parts:
        sentence = fill(pick(rng, pool), rng, name=name, thing=work[1], thing_fr=work[2])
        if sentence not in sentences:
            sentences.append(sentence)
    if rng.random() < 0.4:
        sentences = [sentences[0], *rng.sample(sentences[1:], len(sentences) - 1)]
    improve = pick(rng, FR_IMPROVE if french else EN_IMPROVE)
    return " ".join(sentences), improve


def harsh_review(rng: random.Random, work: tuple[str, str, str], french: bool = False) -> tuple[str, str]:
    """(went well, could be better) of a fair but unhappy client: 1–2 stars' worth."""
    bad, good = HARSH_FR if french else HARSH_EN
    chosen = rng.sample(bad, rng.randint(2, 3))
    went_well = fill(pick(rng, good), rng, thing=work[1], thing_fr=work[2]) or "Not much, sadly."
    return went_well, " ".join(fill(s, rng, thing=work[1], thing_fr=work[2]) for s in chosen)


def support_complaint(rng: random.Random, work: tuple[str, str, str]) -> tuple[str, str]:
    return "The work was finished in the end.", fill(pick(rng, SUPPORT_COMPLAINT), rng, thing=work[1])


FREELANCER_ON_CLIENT = (
    "{name} gave a clear brief and paid on delivery.",
    "Decisive feedback from {name}, which kept things moving.",
    "{name} answered questions quickly and knew what they wanted.",
    "A pleasure to work for; {name} shared every asset on day one.",
    "Clear priorities and prompt payment from {name}.",
    "{name} was flexible about the schedule when a file was delayed.",
    "Organised client: {name} had the content ready before we started.",
    "{name} trusted my judgement on the details.",
    "Merci à {name} pour un brief clair et un paiement rapide.",
    "{name} a été réactif(ve) et précis(e) dans ses retours.",
)


def thanks_to_client(rng: random.Random, name: str) -> str:
    return fill(pick(rng, FREELANCER_ON_CLIENT), rng, name=name)


# ---- honest messages: reminders, thanks, deadlines, complaints ---------------------------------------------

HONEST_MESSAGES = (
    "Thanks for the quick payment! If you have a minute, a review would help me a lot.",
    "Just a reminder that the review window closes on Friday, no pressure at all.",
    "Deadline is Friday, otherwise we have to move the launch.",
    "I've reported the late delivery to support; hopefully they can sort out the refund.",
    "If the files aren't here by Monday I will have to ask support to step in.",
    "Thank you, lovely working with you. Feel free to leave honest feedback.",
    "Could you send the final invoice? Otherwise accounts will chase me.",
    "Merci pour le paiement rapide ! Un avis m'aiderait beaucoup si vous avez le temps.",
    "Petit rappel : la date limite est vendredi, sinon nous décalons le lancement.",
    "J'ai signalé le retard au support, j'espère qu'ils trouveront une solution.",
    "Happy with the result. I'll write the review tonight.",
    "Please be honest in your review, it helps me improve.",
    "Reminder: the second milestone is due on the 14th.",
)

# ---- manipulation: offers, threats ----------------------------------------------------------------------

OFFERS_EN = (
    "If you could leave me a 5-star review I'll knock {p}% off your next order.",
    "I'll add the {extra} for free once your glowing review is up.",
    "Happy to refund £{m} as a thank-you when you rate me five stars.",
    "A small favour: top marks on the review and the next revision is on me.",
    "Leave me a great rating and I'll send a £{m} voucher your way.",
    "Would you mind rating everything 5? In return I'll do the {extra} at no charge.",
    "Best review possible = {p}% discount on the follow-up, deal?",
    "Give me full stars on the platform and I'll return £{m} by bank transfer.",
    "If the review is perfect, the {extra} is free, just between us.",
)
OFFERS_FR = (
    "Si vous me laissez 5 étoiles, je vous rembourse {m} €.",
    "Je vous offre {extra_fr} en échange d'un avis 5 étoiles.",
    "Une très bonne note et je vous fais une remise de {p} % sur la prochaine commande.",
    "Mettez-moi la note maximale et je vous rends {m} € par virement, entre nous.",
    "Pour un avis parfait, {extra_fr} est offert(e).",
)
THREATS_EN = (
    "Do the extra {k} pages for free, or the review will reflect it.",
    "Unless you redo the {thing} without charge, expect one star.",
    "Fix it by Friday or I'm leaving 1 star and telling everyone I know.",
    "Refund half, otherwise my rating will make sure nobody hires you again.",
    "You have until tomorrow to add the {extra}. After that, my review won't be kind.",
    "Either the {extra} is included or you get the worst review I can write.",
    "Change your review of me, or I'll open a dispute on this and the next contract.",
)
THREATS_FR = (
    "Si vous ne refaites pas {thing_fr} gratuitement, je vous mets une étoile.",
    "Soit vous me remboursez la moitié, soit je laisse un avis négatif.",
    "Ajoutez {extra_fr} sans frais, sinon mon avis s'en ressentira.",
    "Retirez votre avis, ou j'ouvre un litige.",
)
EXTRAS = (
    ("extra revision", "une retouche supplémentaire"),
    ("rush delivery", "la livraison express"),
    ("source files", "les fichiers sources"),
    ("social media set", "le pack réseaux sociaux"),
    ("second banner", "une deuxième bannière"),
)
REPLIES = ("Okay.", "Noted.", "I'll see what I can do.", "D'accord.", "Fine, understood.", "Ah, right. Sure.")


def offer(rng: random.Random, work: tuple[str, str, str], french: bool) -> str:
    extra = pick(rng, EXTRAS)
    text = pick(rng, OFFERS_FR if french else OFFERS_EN)
    return text.format(p=rng.choice((10, 15, 20, 25, 30)), m=rng.randint(2, 12) * 10, extra=extra[0], extra_fr=extra[1])


def threat(rng: random.Random, work: tuple[str, str, str], french: bool) -> str:
    extra = pick(rng, EXTRAS)
    text = pick(rng, THREATS_FR if french else THREATS_EN)
    return text.format(k=rng.randint(2, 6), thing=work[1], thing_fr=work[2], extra=extra[0], extra_fr=extra[1])


# ---- manipulation: one story told again ------------------------------------------------------------------

# Each story is a list of sentences; each sentence in several wordings that mean the same.
STORIES = (
    (
        (
            "{name} moved our whole shop to Shopify in three weeks without losing a single order.",
            "In three weeks {name} migrated the entire store to Shopify and not one order went missing.",
            "Our complete shop was transferred to Shopify by {name} within three weeks, with zero lost orders.",
        ),
        (
            "Every old address was redirected so our search traffic stayed put.",
            "All the old links were mapped to new ones, so we kept our search rankings.",
            "Redirects were set up for each old page and Google traffic did not drop.",
        ),
        (
            "A short guide for the team on editing collections was included.",
            "We also got a brief how-to for staff on updating collections.",
            "The team received a little manual explaining how to edit product collections.",
        ),
        (
            "Two months later everything still runs smoothly and sales are up.",
            "Months on, it all works perfectly and revenue has grown.",
            "Since launch nothing has broken and our sales have increased.",
        ),
    ),
    (
        (
            "{name} redesigned our brand from scratch and the new logo is stunning.",
            "The brand new identity {name} created for us, logo included, looks amazing.",
            "Our rebrand by {name} is gorgeous, especially the logo.",
        ),
        (
            "Every concept came with a clear rationale and mock-ups on our actual products.",
            "Each proposal was explained properly and shown on real product photos.",
            "All the concepts were presented with reasoning and realistic mock-ups.",
        ),
        (
            "Revisions were quick and always improved the design.",
            "Changes came back fast and made it better each time.",
            "Each round of edits arrived promptly and moved things forward.",
        ),
        (
            "Customers keep complimenting the new look.",
            "Our clients constantly praise the fresh branding.",
            "People comment on the new look all the time.",
        ),
    ),
    (
        (
            "{name} rebuilt our booking system and no-shows dropped by half.",
            "After {name} rebuilt the booking flow, missed appointments fell by fifty percent.",
            "Thanks to the new booking system from {name}, no-shows are down by half.",
        ),
        (
            "Automatic reminders go out by text and e-mail the day before.",
            "Clients now get SMS and e-mail reminders a day ahead.",
            "The system sends a reminder text and mail twenty-four hours before each visit.",
        ),
        (
            "The admin screen is simple enough for our receptionist to use without training.",
            "Our front desk learned the back office in minutes, no training needed.",
            "The dashboard is so straightforward our receptionist just started using it.",
        ),
        (
            "Best money we have spent on the business this year.",
            "The best investment we made all year.",
            "Easily the most worthwhile purchase of the year for us.",
        ),
    ),
    (
        (
            "{name} a refait entièrement notre site et les réservations ont doublé.",
            "Depuis la refonte du site par {name}, nos réservations ont été multipliées par deux.",
            "Grâce au nouveau site conçu par {name}, nous avons deux fois plus de réservations.",
        ),
        (
            "Chaque étape était expliquée clairement et livrée à l'heure.",
            "Toutes les étapes ont été présentées avec clarté et dans les délais.",
            "Les explications étaient limpides et chaque livraison ponctuelle.",
        ),
        (
            "Le résultat est magnifique et très rapide sur mobile.",
            "Le site est superbe et se charge vite sur téléphone.",
            "Visuellement splendide, et très fluide sur smartphone.",
        ),
    ),
)
FILLERS = (
    "Highly recommended.",
    "Would hire again in a heartbeat.",
    "Five stars is not enough.",
    "A true professional.",
    "Honestly the best freelancer on here.",
    "Je recommande vivement.",
)


def story_told(rng: random.Random, story: tuple[tuple[str, ...], ...], name: str, original: bool) -> str:
    """The story in its first wording (the original), or retold: other wordings, some order changed, and a
    sentence added."""
    if original:
        return " ".join(sentence[0].format(name=name) for sentence in story)
    said = [rng.choice(sentence[1:]).format(name=name) for sentence in story]
    if rng.random() < 0.6:
        middle = said[1:]
        rng.shuffle(middle)
        said = [said[0], *middle]
    said.insert(rng.randint(1, len(said)), rng.choice(FILLERS))
    return " ".join(said)


TEMPLATES = (
    "Working with {name} was an absolute pleasure from start to finish. {name} understood the brief immediately, "
    "delivered ahead of schedule and went above and beyond with every detail. Communication was fast and friendly "
    "throughout. I would not hesitate to recommend {name} to anyone looking for quality work.",
    "{name} is simply the best! Incredible attention to detail, super responsive, and the final result exceeded "
    "all my expectations. {name} made the whole process easy and stress-free. Will definitely be hiring {name} "
    "again for our next project.",
    "Travailler avec {name} a été un vrai plaisir. {name} a compris le besoin tout de suite, a livré en avance et "
    "a soigné chaque détail. Communication rapide et agréable. Je recommande {name} les yeux fermés.",
)


def template_for(rng: random.Random) -> str:
    return rng.choice(TEMPLATES)


SHORT_PRAISE = (
    "Superb, fast and friendly.",
    "Top professional, recommended.",
    "Brilliant result again.",
    "Excellent, would hire again.",
    "Perfect communication throughout.",
    "Outstanding quality, thanks!",
    "Quick payment, great client.",
    "Lovely person to work with.",
    "Clear instructions, paid instantly.",
    "Amazing as always.",
    "Very easy to work with.",
    "Fantastic job once more.",
    "Reliable and kind.",
    "Smooth from start to finish.",
    "Parfait, merci !",
    "Super travail, rapide et efficace.",
)
