"""The French words of reviews of freelance work and an English word for each, accents folded ("delai" is
"délai"), for `french.gloss`; and the French function words that mark a sentence as French. Singular forms:
the gloss also finds plural and feminine forms ("livrées" → "livre")."""

_FUNCTION_WORDS = """
    le la les un une des du de au aux et ou mais donc car ni en dans sur sous pour par avec sans chez vers entre
    ce cet cette ces il elle ils elles on nous vous je tu me te se mon ma mes ton ta tes son sa ses notre nos votre
    vos leur leurs qui que quoi dont ou est sont etait etaient ete etre ont avait avaient avons avez ai as suis
    sommes etes fait font tout tous toute toutes plus moins aussi tres bien ne pas jamais rien y lui eux meme
    depuis pendant chaque quelques autre autres apres avant encore deja toujours ici la comme si quand alors
    """
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())

_PAIRS = """
    le:the la:the les:the un:a une:a des:some du:of de:of au:to aux:to et:and ou:or mais:but donc:so car:because
    en:in dans:in sur:on sous:under pour:for par:by avec:with sans:without chez:at vers:towards entre:between
    il:he elle:she ils:they elles:they on:we nous:we vous:you je:i notre:our nos:our votre:your vos:your
    son:their sa:their ses:their leur:their leurs:their mon:my ma:my mes:my qui:who que:that dont:whose
    est:is sont:are etait:was etaient:were ete:been etre:be ont:have avait:had avaient:had avons:have avez:have
    ai:have suis:am sommes:are fait:done tout:all tous:all toute:all toutes:all plus:more moins:less aussi:also
    tres:very bien:well pas:not jamais:never rien:nothing meme:even depuis:since pendant:during chaque:each
    quelques:some autre:other apres:after avant:before encore:again deja:already toujours:always ici:here
    comme:as si:if quand:when alors:then deux:two trois:three quatre:four cinq:five dix:ten fois:times
    premier:first premiere:first dernier:last derniere:last moitie:half double:doubled doubler:double
    travail:work boulot:job projet:project mission:assignment tache:task service:service prestation:service
    livraison:delivery livre:delivered livrer:deliver livrable:deliverable rendu:delivered fichier:file
    delai:deadline echeance:deadline heure:hour jour:day semaine:week mois:month an:year annee:year temps:time
    ponctuel:punctual ponctuelle:punctual ponctualite:punctuality retard:delay avance:early tenu:kept respecte:kept
    rapide:fast rapidement:quickly vite:fast lent:slow lentement:slowly fluide:smooth reactif:responsive
    qualite:quality resultat:result travaille:worked soigne:careful serieux:serious professionnel:professional
    clair:clear clairement:clearly clarte:clarity limpide:clear precis:precise
    explique:explained explication:explanation
    presente:presented presentation:presentation etape:step phase:stage processus:process suivi:follow-up
    communication:communication echange:exchange reponse:answer repondre:answer repondu:answered question:question
    disponible:available disponibilite:availability ecoute:listening conseil:advice suggestion:suggestion
    magnifique:beautiful superbe:superb splendide:splendid beau:beautiful belle:beautiful joli:pretty jolie:pretty
    excellent:excellent parfait:perfect parfaitement:perfectly impeccable:flawless genial:great formidable:great
    super:great top:top bon:good bonne:good meilleur:best mauvais:bad visuellement:visually esthetique:look
    satisfait:satisfied content:happy ravi:delighted heureux:happy recommande:recommend recommander:recommend
    recommandation:recommendation vivement:highly hesiter:hesitate confiance:trust merci:thanks remercie:thank
    site:website web:web page:page accueil:home boutique:shop magasin:store vente:sale ventes:sales chiffre:revenue
    client:customer clientele:customers commande:order reservation:booking rendez-vous:appointment agenda:calendar
    telephone:phone smartphone:phone mobile:mobile portable:phone ordinateur:computer application:app appli:app
    logiciel:software outil:tool tableau:dashboard formulaire:form systeme:system paiement:payment facture:invoice
    logo:logo marque:brand identite:identity couleur:colour palette:palette maquette:mock-up design:design
    photo:photo image:image video:video texte:copy traduction:translation article:article contenu:content
    refonte:redesign refait:redone refaire:redo conçu:designed concu:designed cree:created creer:create
    realise:made realisation:work developpe:developed construit:built migre:migrated migration:migration
    transfere:moved installe:installed configure:configured corrige:fixed correction:fix bug:bug probleme:problem
    erreur:error amelioration:improvement ameliore:improved augmente:increased augmentation:increase
    baisse:drop diminue:fell multiplie:multiplied grace:thanks nouveau:new nouvelle:new ancien:old ancienne:old
    equipe:team entreprise:business societe:company guide:guide manuel:manual formation:training utiliser:use
    facile:easy simple:simple complique:complicated charge:loads charger:load chargement:loading
    vitesse:speed performance:performance referencement:rankings google:google trafic:traffic
    investissement:investment argent:money prix:price tarif:rate budget:budget cout:cost rapport:value
    besoin:need demande:request attente:expectation depasse:exceeded brief:brief idee:idea
    traduire:translate traducteur:translator anglais:english francais:french langue:language etranger:abroad
    international:international vin:wine commande:order nombreux:many lancement:launch lancer:launch
    ligne:line fiche:sheet style:style ton:tone respecter:respect description:description precision:precision
    ensemble:whole entier:whole entierement:entirely complet:complete completement:completely catalogue:catalogue
    produit:product article:item stock:stock inventaire:inventory donnee:data fichier:file document:document
    dossier:file rapport:report bilan:report compte:account association:association restaurant:restaurant
    menu:menu cuisine:kitchen hotel:hotel chambre:room maison:house studio:studio cabinet:practice atelier:workshop
    boulangerie:bakery cave:cellar salon:salon clinique:clinic ecole:school cours:course eleve:student
    envoyer:send envoi:sending recevoir:receive recu:received rappel:reminder notification:notification mail:email
    courriel:email sms:text message:message appel:call visite:visit rendez:appointment venir:come arriver:arrive
    oublie:forgot manque:missing absent:absent perdu:lost perte:loss garder:keep conserve:kept trouver:find
    aider:help aide:help expliquer:explain montrer:show proposer:suggest propose:suggested choisir:choose
    changer:change changement:change modifier:edit modification:change mettre:put mis:put retoucher:retouch
    retouche:retouching monter:edit montage:editing sous-titre:subtitle musique:music enregistrement:recording
    imprimer:print impression:print carte:card affiche:poster etiquette:label emballage:packaging
    nommer:name nomme:named classer:file classe:filed range:tidy ranger:tidy propre:clean ordre:order
    demander:ask poser:ask attendre:wait attente:wait rester:stay reste:rest partir:leave finir:finish fini:finished
    terminer:finish termine:finished commencer:start debut:start fin:end semaine:week matin:morning soir:evening
    grand:big petit:small peu:little beaucoup:much trop:too assez:enough vraiment:really souvent:often
    parfois:sometimes jamais:never vivement:highly sincerement:sincerely totalement:totally facilement:easily
    probleme:problem souci:issue panne:breakdown fonctionner:work marche:works tourne:runs clic:click ecran:screen
    administration:admin accueil:reception receptionniste:receptionist secretaire:secretary standard:switchboard
    collaboration:collaboration collaborer:collaborate travailler:work plaisir:pleasure experience:experience
    """


def _glossary() -> dict[str, str]:
    pairs = (pair.split(":", 1) for pair in _PAIRS.split())
    return {french: english for french, english in pairs}


GLOSSARY = _glossary()
