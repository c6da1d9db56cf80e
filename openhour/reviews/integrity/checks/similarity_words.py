"""The review vocabulary the similarity check folds together: words of one meaning (English and French) map
to one canonical word, and function words are dropped, so a synonym swap or a translation of a stock phrase
leaves the text's shape unchanged. Kept small on purpose: each group is a swap a copier makes to disguise a
template, in the words reviews on this marketplace use.

Accents are folded before the lookup ("très" is "tres")."""

GROUPS: dict[str, tuple[str, ...]] = {
    "great": (
        "excellent",
        "outstanding",
        "superb",
        "fantastic",
        "brilliant",
        "amazing",
        "wonderful",
        "exceptional",
        "terrific",
        "awesome",
        "stellar",
        "remarkable",
        "impressive",
        "incredible",
        "first-rate",
        "topnotch",
        "super",
        "genial",
        "formidable",
        "extraordinaire",
        "exceptionnel",
        "remarquable",
        "impressionnant",
        "parfait",
        "perfect",
        "flawless",
        "impeccable",
        "top",
        "magnifique",
        "splendide",
        "superbe",
        "gorgeous",
        "stunning",
    ),
    "good": ("nice", "solid", "decent", "fine", "bon", "bonne", "bien", "satisfying", "satisfaisant", "pleasant"),
    "fast": (
        "quick",
        "quickly",
        "rapid",
        "rapidly",
        "speedy",
        "swift",
        "swiftly",
        "prompt",
        "promptly",
        "fast",
        "rapide",
        "rapidement",
        "vite",
        "early",
        "ahead",
        "immediately",
        "instantly",
        "straightaway",
    ),
    "work": ("job", "task", "project", "assignment", "travail", "boulot", "projet", "mission", "tache", "gig"),
    "deliver": ("delivery", "delivered", "delivering", "hand", "handed", "handover", "livraison", "livre", "livrer"),
    "communicate": (
        "communication",
        "communicated",
        "communicating",
        "responsive",
        "reply",
        "replied",
        "replies",
        "answered",
        "answer",
        "answers",
        "response",
        "contact",
        "reactive",
        "reactif",
        "reactive",
        "communique",
        "repondu",
        "reponse",
        "reponses",
        "disponible",
        "available",
    ),
    "clear": (
        "clearly",
        "clarity",
        "understandable",
        "precise",
        "precis",
        "clair",
        "claire",
        "clairement",
        "clarte",
        "limpide",
        "lucid",
    ),
    "recommend": (
        "recommended",
        "recommending",
        "recommande",
        "recommander",
        "recommandons",
        "recommend",
        "endorse",
        "suggest",
        "vouch",
    ),
    "hire": ("rehire", "hiring", "hired", "engage", "engaged", "retain", "book", "embaucher", "reengager"),
    "again": ("future", "encore", "nouveau", "later", "next"),
    "professional": ("professionally", "professionnel", "professionnelle", "expert", "skilled", "competent"),
    "friendly": ("kind", "polite", "courteous", "helpful", "sympathique", "aimable", "agreable", "cordial"),
    "happy": ("pleased", "satisfied", "delighted", "thrilled", "glad", "content", "ravi", "ravie", "satisfait"),
    "understand": ("understood", "grasped", "grasp", "got", "compris", "comprendre", "saisi"),
    "deadline": ("schedule", "timeline", "time", "delai", "delais", "temps", "date", "due"),
    "quality": ("qualite", "standard", "craftsmanship", "calibre"),
    "detail": ("details", "detailed", "thorough", "thoroughly", "careful", "carefully", "meticulous", "minutieux"),
    "fix": ("fixed", "solved", "solve", "resolved", "resolve", "repaired", "corrige", "resolu", "regle"),
    "build": ("built", "created", "create", "made", "developed", "develop", "designed", "cree", "realise", "fait"),
    "site": ("website", "webpage", "page", "pages", "web"),
    "client": ("customer", "customers", "clients", "buyer", "buyers"),
    "team": ("staff", "crew", "equipe", "colleagues"),
    "easy": ("simple", "smooth", "smoothly", "effortless", "seamless", "seamlessly", "facile", "fluide"),
    "short": ("brief", "concise", "quick", "court", "courte", "bref", "breve"),
    "price": ("cost", "rate", "budget", "prix", "tarif", "cout", "money"),
    "very": ("really", "extremely", "highly", "truly", "so", "incredibly", "tres", "vraiment", "super"),
}

_FUNCTION_WORDS = """
    a an the and or but of to in on at for with by from as is was were be been are it its this that these those
    he she they we you i me my our your his her their them us him who which what there here than then also just
    all any every each some more most very much many too will would could should can did do does done had has have
    having not no yes if so into over after before about through while during up out off again once only own
    le la les un une des du de d l et ou mais a au aux en dans sur pour par avec sans ce cet cette ces il elle ils
    elles nous vous je j me m mon ma mes notre nos votre vos son sa ses leur leurs qui que qu quoi est sont etait
    ete etre ont avait fait tout tous toute toutes plus moins aussi tres bien ne pas n y se s c
    t on tu te ton ta tes lui eux ni donc car chez vers entre sous dont etaient avaient avons avez ai as suis
    sommes etes font jamais rien meme depuis pendant chaque quelques autre autres apres avant deja toujours ici
    comme si quand alors lorsque puis cela ceci ca celui celle ceux celles jusqu lorsqu puisqu"""
STOPWORDS = frozenset(_FUNCTION_WORDS.split())

# The things a review is about, in English and French: a translated or half-translated copy keeps its shape. Unlike
# GROUPS these stay a text's own words (they tell one review's story from another's), so they are not GENERIC.
THINGS: dict[str, tuple[str, ...]] = {
    "shop": ("store", "boutique", "magasin", "webshop"),
    "booking": ("bookings", "reservation", "appointment", "appointments", "rendez-vous"),
    "phone": ("telephone", "smartphone", "mobile", "portable", "cellphone"),
    "redesign": ("redesigned", "refonte", "revamp", "revamped", "overhaul", "overhauled", "refait", "rebuilt"),
    "explain": ("explained", "explanation", "explique", "explication", "presented", "presente", "walkthrough"),
    "step": ("stage", "etape", "phase", "milestone"),
    "result": ("outcome", "resultat"),
    "sale": ("sales", "revenue", "vente", "ventes", "chiffre"),
    "customer": ("clientele",),
    "guide": ("manual", "manuel", "how-to", "tutorial", "tutoriel"),
    "file": ("files", "fichier", "fichiers"),
    "invoice": ("facture",),
    "brand": ("marque", "branding", "identity", "identite"),
    "mock-up": ("mockup", "maquette", "wireframe"),
    "photo": ("picture", "image"),
    "copy": ("texte", "wording", "redaction"),
    "translation": ("traduction",),
    "newsletter": ("infolettre",),
    "spreadsheet": ("tableur",),
    "bookkeeping": ("comptabilite", "accounts", "accounting"),
    "form": ("formulaire",),
    "week": ("semaine",),
    "month": ("mois",),
    "day": ("jour", "journee"),
    "year": ("annee", "an"),
    "half": ("moitie",),
    "double": ("doubled", "double", "twice"),
    "weekend": ("week-end",),
    "punctual": ("ponctuel", "ponctuelle", "ponctualite", "punctually"),
    "load": ("loads", "loading", "charge", "chargement"),
}

CANONICAL: dict[str, str] = {
    word: canonical
    for table in (THINGS, GROUPS)  # a word in both: the praise group's reading wins
    for canonical, words in table.items()
    for word in (canonical, *words)
}

# Praise and process words every review uses: a text needs other words too before its shape can be a copy.
GENERIC = frozenset(GROUPS)
