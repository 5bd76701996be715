# The action phase: agreements, requests to departments, escalations.

error-agreement-what = Schrijf op wat er gebeurt.
error-agreement-what-long = Dit is te lang. Houd het korter dan 500 tekens.
error-agreement-owner = Kies wie dit doet.
error-agreement-residents = Schrijf op welke bewoners dit doen.
error-agreement-date = Vul een datum in, bijvoorbeeld 2011-03-21.
error-agreement-past = Deze datum is al voorbij. Kies vandaag of later.
error-agreement-hard-early = De uiterste datum ligt voor de streefdatum. Kies dezelfde dag of later.
error-agreement-transition = Dit kan niet meer: de afspraak staat nu anders. Kijk wat er veranderd is.
error-agreement-reason = Schrijf op waarom.
error-escalation-decided = Over deze vraag is al besloten.
error-escalation-top = Er is geen hoger niveau om deze vraag aan te stellen.
error-escalation-not-here = Dit kan niet op dit niveau.
error-escalation-information = Er wordt nu geen informatie gevraagd, of het antwoord is er nog niet.
error-agreement-after-hard = Deze datum ligt na de uiterste datum. Kies een eerdere dag.
error-agreement-nothing = Er is niets veranderd. Kies een nieuwe stand of datum, of schrijf een notitie.
