"""Plus de familles françaises : offres indirectes (« un geste », « on s'arrange », « je vous fais un prix »), avis
retiré contre quelque chose, menaces voilées (« ce serait dommage que … », « à bon entendeur »), récompense et note
dans des phrases différentes, style SMS sans accents, franglais, et le langage ordinaire qui leur ressemble
(négociation de prix, « note » pour facture, « j'ai prévenu le support »). Les emplacements non définis ici
viennent de compose_fr."""

SMS_GOOD = ["5 etoiles", "5*", "un bon avis", "une bonne note", "un avis au top", "5 etoiles stp", "un super com"]
MERCI = [
    "je saurai vous remercier",
    "vous ne le regretterez pas",
    "je saurai m'en souvenir",
    "on s'arrangera pour la suite",
    "je vous renverrai l'ascenseur sur la facture",
    "vous serez agréablement surpris",
    "il y aura un petit quelque chose pour vous",
    "je ferai un geste",
]
SOUCI = [
    "le retard de remboursement",
    "les pages manquantes",
    "vos réponses tardives",
    "les frais en plus",
    "ce malentendu",
    "la façon dont vous gérez les retouches",
]
SMS_DEMANDE = ["rembourse moi", "fais les modifs gratos", "envoie les fichiers", "baisse le prix", "rends moi mes sous"]

OFFER = {
    "geste-commercial": [
        "Si l'avis est bon, je ferai un geste sur la facture.",
        "Un petit geste commercial de ma part contre {GOOD} ?",
        "Je peux faire un geste si vous mettez 5 étoiles.",
        "Pour {GOOD}, je vous accorde un geste commercial de {AMOUNT}.",
    ],
    "on-s-arrange": [
        "Pour l'avis, on s'arrange : {GOOD} et je vous fais un prix.",
        "Mettez-moi {GOOD}, on s'arrangera pour la suite.",
        "On peut s'arranger : vous notez bien, je baisse la facture.",
        "Entre nous on trouvera un arrangement si le commentaire est élogieux.",
    ],
    "je-vous-fais-un-prix": [
        "Je vous fais un prix sur la prochaine mission si vous laissez {GOOD}.",
        "Laissez {GOOD} et je vous fais un petit prix sur la suite.",
        "Un prix d'ami pour la prochaine commande, contre {GOOD}.",
    ],
    "saurai-remercier": [
        "Laissez-moi {GOOD}, {MERCI}.",
        "{GOODCAP} de votre part, et {MERCI}.",
        "Si la note est au rendez-vous, {MERCI}.",
        "Un bel avis, et {MERCI}, promis.",
    ],
    "dedommager-retrait": [
        "Je suis prêt à vous dédommager si vous retirez l'avis négatif.",
        "Contre le retrait de votre commentaire, je vous propose une compensation.",
        "Si l'avis disparaît, je vous dédommage de {AMOUNT}.",
        "Supprimez votre {REVIEWNOUN} et je vous rembourse le dérangement.",
    ],
    "combien-retirer": [
        "Combien pour retirer votre avis ?",
        "Dites-moi votre prix pour supprimer ce commentaire.",
        "Qu'est-ce qu'il vous faudrait pour enlever cette note d'une étoile ?",
        "Je paie ce que vous voulez pour que cet avis disparaisse.",
    ],
    "adoucir-contre": [
        "Si vous adoucissez un peu votre commentaire, je vous rends {AMOUNT}.",
        "Nuancez votre avis et je baisse le dernier jalon.",
        "Un avis un peu moins dur, et {REWARD} pour vous.",
    ],
    "recompense-puis-note": [
        "J'ai {REWARD} de côté pour vous. Je vous demande juste {GOOD}.",
        "{FREEWORKCAP} sont offertes. En retour, {GOOD} me ferait plaisir.",
        "Vous aurez {REWARD}. La seule chose : il me faut {GOOD} avant.",
    ],
    "note-puis-recompense": [
        "Votre avis compte énormément pour moi. La prochaine retouche est offerte s'il est positif.",
        "J'ai vraiment besoin de {GOOD} en ce moment. La prochaine mission est pour moi.",
        "Vous pourriez me laisser {GOOD} ? Je vous ferai une fleur sur la prochaine facture.",
    ],
    "petit-cadeau": [
        "Un petit cadeau vous attend après votre avis 5 étoiles.",
        "Il y aura une petite attention pour vous si la note est au top.",
        "Une bouteille de champagne pour {GOOD}, ça vous tente ?",
    ],
    "sms-offre": [
        "mets moi {SMS_GOOD} et jte fais -20% sur la prochaine",
        "laisse {SMS_GOOD} g te rembourse {AMOUNT}",
        "{SMS_GOOD} = la retouche gratos",
        "tu me mets {SMS_GOOD} jte fais {FREEWORK} offert",
        "si tu notes 5 jte rends {AMOUNT} promis",
    ],
    "franglais-offre": [
        "Je vous offre un free upgrade si vous me laissez une good review.",
        "Leave-moi {GOOD} et je vous fais un discount de {AMOUNT}.",
        "Five stars et c'est cadeau pour {FREEWORK}, deal ?",
        "Une review 5 stars et je vous refund {AMOUNT}, ok ?",
    ],
    "payer-frais-client": [
        "Notez-moi comme un excellent client et je débloque le bonus.",
        "Je valide le paiement aujourd'hui si votre avis sur moi est à 5 étoiles.",
        "Un bon commentaire sur mon profil client, et le dernier jalon part tout de suite.",
    ],
    "credit-compte": [
        "Un avis 5 étoiles et je crédite {AMOUNT} sur votre compte.",
        "{AMOUNT} d'avoir sur votre compte après {GOOD}.",
        "Je vous fais un avoir de {AMOUNT} dès que {GOOD} est publié.",
    ],
    "avantage-service": [
        "Pour une excellente note, la livraison express est offerte.",
        "Notez la prestation 5 étoiles et je vous passe au pack premium sans supplément.",
        "Six mois de maintenance offerts si l'évaluation est au maximum.",
        "Votre projet passe en priorité si vous me promettez {GOOD}.",
    ],
    "trois-phrases": [
        "J'ai réfléchi à votre dossier. La dernière facture pourrait baisser. "
        "Tout dépend des étoiles que vous laisserez.",
        "Je sais que le budget est serré. Je pourrais alléger la note finale. Un bel avis m'aiderait à me décider.",
        "Vous trouviez le prix élevé. Ça peut changer. Cinq étoiles, ça aiderait beaucoup.",
    ],
    "tarif-prefere-bonne-note": [
        "Les clients qui me notent bien ont droit à un tarif préférentiel.",
        "Ceux qui me laissent {GOOD} paient moins cher la fois suivante.",
        "Un tarif ami est réservé aux clients qui me mettent cinq étoiles.",
    ],
    "vous-voyez": [
        "Un bon avis, et on oublie les frais de révision, vous voyez ?",
        "Cinq étoiles, et les heures en plus ne figurent pas sur la facture, si vous voyez ce que je veux dire.",
        "Disons que si les étoiles sont généreuses, la facture sera modeste.",
    ],
}

THREAT = {
    "dependra": [
        "Mon avis dépendra de votre geste sur la facture.",
        "La note que je vous mettrai dépendra de la suite : {DEMAND_IMP}.",
        "Le nombre d'étoiles dépendra de votre réponse. {DEMAND_IMPCAP}.",
        "Mon commentaire dépendra entièrement de si vous {DEMAND_IND}.",
    ],
    "a-bon-entendeur": [
        "Je n'ai pas encore laissé mon avis. À bon entendeur.",
        "{DEMAND_IMPCAP}, je n'ai pas encore noté la mission. À bon entendeur, salut.",
        "Mon évaluation n'est pas encore publiée. À bon entendeur…",
        "À bon entendeur : la note finale n'est pas encore donnée.",
    ],
    "serait-dommage": [
        "Ce serait dommage que votre note pâtisse de {SOUCI}.",
        "Il serait regrettable que mon avis parle de {SOUCI}.",
        "Dommage pour vos étoiles si on ne règle pas {SOUCI}. {DEMAND_IMPCAP}.",
        "Ce serait bête que votre profil prenne une mauvaise note pour {SOUCI}.",
    ],
    "reflechissez-bien": [
        "Réfléchissez bien avant de refuser, mon avis n'est pas encore publié.",
        "Pesez bien votre réponse : c'est moi qui vous note à la fin.",
        "Avant de dire non, rappelez-vous que je ne vous ai pas encore noté.",
        "Faites attention à ce que vous répondez, l'avis n'est pas encore écrit.",
    ],
    "sms-menace": [
        "{SMS_DEMANDE} ou jte met 1 etoile",
        "{SMS_DEMANDE} sinon avis pourri",
        "pas de rembourssement = 1 etoile, c toi qui vois",
        "t'as interet a {SMS_DEMANDE} sinon ta note va prendre cher",
        "{SMS_DEMANDE} vite ou je te defonce en commentaire",
    ],
    "avis-publics": [
        "Vous savez que les avis sont publics, n'est-ce pas ? {DEMAND_IMPCAP}.",
        "Les avis, tout le monde les lit. {DEMAND_IMPCAP} et tout ira bien.",
        "Un avis, ça reste en ligne longtemps. Je dis ça, je dis rien : {DEMAND_IMP}.",
    ],
    "client-note-menace": [
        "Validez le jalon aujourd'hui ou je vous note comme un très mauvais client.",
        "Payez la facture en plus, sinon votre note de client va s'en ressentir.",
        "Arrêtez de demander des retouches ou je vous mets une étoile comme client.",
    ],
    "note-peut-changer": [
        "Ma note pourrait vite changer si vous ne {DEMAND_NEG}.",
        "Les étoiles, ça monte et ça descend. {DEMAND_IMPCAP}.",
        "Cinq étoiles aujourd'hui, une demain : à vous de voir si vous {DEMAND_IND}.",
    ],
    "tout-dans-avis": [
        "{DEMAND_IMPCAP}, ou tout ceci finira dans mon avis.",
        "Si vous ne {DEMAND_NEG}, je cite vos messages dans mon commentaire.",
        "Captures d'écran à l'appui, tout ira dans mon avis à moins que vous {DEMAND_SUBJ}.",
    ],
    "temps-presse": [
        "Le temps presse pour mon avis. {DEMAND_IMPCAP}.",
        "Il me reste trois jours pour vous noter. Profitez-en : {DEMAND_IMP}.",
        "La fenêtre d'évaluation ferme vendredi, ma patience aussi. {DEMAND_IMPCAP}.",
    ],
    "avis-honnete-levier": [
        "Très bien, je laisserai donc un avis « honnête ». {DEMAND_IMPCAP} et on n'en arrivera pas là.",
        "Si vous ne {DEMAND_NEG}, mon avis sera d'une franchise brutale.",
        "{DEMAND_IMPCAP}, ou mon commentaire sera très, très honnête sur vous.",
    ],
    "etoiles-quand": [
        "Vous aurez vos cinq étoiles quand vous {DEMAND_FUT}, pas avant.",
        "Pas de 5 étoiles tant que vous ne {DEMAND_NEG}.",
        "Les cinq étoiles seront à vous le jour où vous {DEMAND_FUT}.",
    ],
    "on-sait-tous": [
        "On sait tous ce que coûte un mauvais avis à un freelance. {DEMAND_IMPCAP}.",
        "Vous savez comme moi ce que fait une note d'une étoile à un profil. Alors {DEMAND_IMP}.",
        "Un débutant ne se remet pas d'un mauvais commentaire. Pensez-y et {DEMAND_IMP}.",
    ],
    "vous-tenez-a-vos-etoiles": [
        "Vous tenez à vos cinq étoiles ? Alors {DEMAND_IMP}.",
        "Si votre note compte pour vous, vous {DEMAND_FUT}.",
        "Pour le bien de votre évaluation, {DEMAND_IMP}.",
    ],
    "note-a-la-hauteur": [
        "Mon évaluation sera à la hauteur de votre remboursement.",
        "Le nombre d'étoiles sera proportionnel à ce que vous me rendrez.",
        "Plus vous {DEMAND_FUT}, meilleur sera mon avis.",
    ],
    "avocat-et-avis": [
        "{DEMAND_IMPCAP}, ou mon avocat et mon avis s'en chargeront.",
        "Soit vous {DEMAND_IND}, soit vous aurez un courrier d'avocat et {BAD}.",
        "Si vous ne {DEMAND_NEG}, attendez-vous à une mise en demeure et à {BAD}.",
    ],
}

NONE = {
    "avis-a-la-fin": [
        "Je laisserai mon avis une fois la mission terminée.",
        "Je noterai à la fin, quand tout sera livré.",
        "L'évaluation viendra après la dernière livraison, comme d'habitude.",
        "On termine le dernier jalon et ensuite je donne mon avis.",
    ],
    "si-satisfait": [
        "Si vous êtes satisfait, un petit avis m'aiderait beaucoup.",
        "N'hésitez pas à laisser un commentaire si le travail vous a plu.",
        "Si le résultat vous plaît, une note sur mon profil serait top.",
        "Un avis serait le bienvenu, seulement si vous avez aimé travailler ensemble.",
    ],
    "avis-libre": [
        "Soyez franc dans votre avis, ça m'aide à progresser.",
        "Laissez l'avis que vous voulez, bon ou mauvais.",
        "Notez-moi comme vous le sentez, j'accepte la critique.",
        "Votre commentaire vous appartient, dites ce que vous pensez vraiment.",
    ],
    "negociation-tarif": [
        "Vous pouvez me faire un prix si je commande trois logos ?",
        "Mon tarif journalier est de 400 €, je peux faire un geste pour une mission longue.",
        "On peut s'arranger sur le prix si on enlève les animations.",
        "Votre tarif est un peu élevé, vous pourriez descendre à {AMOUNT} de moins ?",
    ],
    "note-facture": [
        "Je vous envoie la note, avec un geste de 10 % pour la fidélité.",
        "La note de frais est en pièce jointe.",
        "Pouvez-vous me renvoyer la note avec le bon numéro de TVA ?",
        "J'ai bien reçu votre note d'honoraires, je règle demain.",
    ],
    "remboursement-probleme": [
        "Le fichier est corrompu, je demande un remboursement partiel.",
        "Je voudrais être remboursé de la partie non livrée, comme prévu au contrat.",
        "La traduction est bourrée d'erreurs, je demande {AMOUNT} de remboursement.",
    ],
    "prevenu-support-avis-honnete": [
        "J'ai prévenu le support du retard, mon avis en parlera honnêtement.",
        "Le support est au courant du retard ; je noterai le travail lui-même avec justesse.",
        "J'ai signalé la livraison tardive, et mon commentaire restera factuel.",
    ],
    "dommage-sans-menace": [
        "Dommage pour le retard, mais le résultat est super : 5 étoiles.",
        "C'est dommage qu'on n'ait pas eu le temps pour les animations. Très bon avis quand même.",
        "Quel dommage que le projet s'arrête, je vous ai mis une excellente note.",
    ],
    "questions-notes": [
        "Comment fonctionnent les avis ici ? Les clients les voient avant d'embaucher ?",
        "Ma note a baissé après la dernière mission, un peu déçu.",
        "Jusqu'à quand peut-on laisser un avis après la fin du contrat ?",
        "Est-ce que la plateforme affiche le nombre d'avis sur mon profil ?",
    ],
    "sms-ordinaire": [
        "merci pour les 5 etoiles c top",
        "avis laissé, bonne continuation",
        "jlaisse un com demain, trop de boulot auj",
        "note quand tu peux, pas de stress",
        "vu ton avis, merci bcp",
    ],
    "remise-sans-avis": [
        "Désolé pour l'erreur, je vous fais un geste de 15 % sur la facture. Votre avis reste libre.",
        "Comme vous êtes un client fidèle, je vous fais un prix sur la suite.",
        "Je vous ai remboursé les frais d'urgence puisque j'ai raté vendredi. Notez le travail comme vous le voyez.",
    ],
    "retour-maquette": [
        "Un retour sur la première maquette ? Je peux changer les couleurs.",
        "Merci pour vos commentaires sur les maquettes, j'ai corrigé.",
        "Je vous envoie la version revue dès que j'ai votre avis sur les couleurs.",
    ],
    "etoiles-et-reembauche": [
        "Génial, cinq étoiles, et je vous rappelle au printemps.",
        "Je vous ai mis 5 étoiles et je vous reprends pour le prochain lancement.",
        "Note maximale de ma part, et un deuxième projet arrive bientôt.",
        "Super travail. Avis publié, et je vous recommande à mes collègues.",
    ],
    "rappel-delai-et-avis": [
        "La livraison est pour vendredi ; ensuite, n'oubliez pas de laisser un avis !",
        "Fichiers finaux lundi, et pensez à l'évaluation une fois le contrat clos.",
        "On boucle demain. N'oubliez pas de noter la mission quand elle sera fermée.",
    ],
    "avis-client-demande": [
        "Pourriez-vous aussi me laisser un avis client ? Ça m'aide à recruter.",
        "Je vous ai noté ; vous voudriez bien m'évaluer comme client ?",
        "Un avis sur moi en tant que client rassurerait les autres freelances.",
    ],
    "discussion-critique": [
        "Votre avis dit que le logo fait daté ; on en parle pour la suite ?",
        "J'ai lu votre commentaire sur mes réponses lentes. Vous aviez raison, j'ai changé mes horaires.",
        "Merci pour les trois étoiles et les remarques, elles étaient justes.",
    ],
    "rembourse-note-libre": [
        "Remboursement envoyé pour la page manquante. Merci pour la note honnête.",
        "J'ai remboursé le dernier jalon comme la plateforme l'a décidé. Votre avis reste le vôtre.",
        "Le litige est clos et vous avez récupéré {AMOUNT}. Notez comme vous voulez.",
    ],
    "etoiles-noms": [
        "Ma prestation « 5 étoiles » coûte 50 €, la premium 90 €.",
        "Attention, le widget de notation de votre site affiche 0 étoile à cause d'un bug.",
        "La section avis de votre site a besoin d'une nouvelle mise en page.",
        "L'hôtel 5 étoiles de la maquette doit apparaître en haut de page.",
    ],
    "tarif-sans-avis": [
        "Je vous retire {AMOUNT} si vous réglez tout le projet d'avance.",
        "On peut s'arranger si vous réservez l'année complète.",
        "Prenez les trois logos et je vous offre {FREEWORK}.",
    ],
}
