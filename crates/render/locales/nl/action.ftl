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

nav-agreements = Mijn afspraken
concerns-agreements = Afspraken
board-title = Afspraken van { $team }
board-intro = Per prioriteit: wie doet wat, en wanneer is het klaar. Zo gaat er geen afspraak verloren.
board-empty = Er zijn nog geen prioriteiten. Die komen er als de buurtbijeenkomst de uitslag publiceert.
board-no-agreements = Nog geen afspraken voor deze prioriteit.
board-facts = { $cycle } · plaats { $rank }
board-quick-win = quick win
board-residents-act = bewoners doen zelf mee
board-closed = afgerond
agreement-new = Nieuwe afspraak
agreement-priority = Prioriteit
agreement-what = Wat gaat er gebeuren?
agreement-owner = Wie doet het?
agreement-owner-choose = Kies iemand
agreement-owner-residents = Bewoners (vul hieronder in wie)
agreement-residents = Welke bewoners?
agreement-residents-hint = Alleen als bewoners het zelf doen. Schrijf het zoals zij genoemd willen worden, bijvoorbeeld: Buurtkader Limmel.
agreement-target = Klaar op
agreement-hard = Uiterste datum
agreement-hard-hint = Niet verplicht. Alleen als het echt niet later mag.
agreement-visibility = Wie mag dit zien?
agreement-save = Afspraak opslaan
agreement-saved = De afspraak is opgeslagen.
agreement-changed = De afspraak is bijgewerkt.
agreement-state = Stand
agreement-promised = Eerst afgesproken op
agreement-timeline = Wat er gebeurde
agreement-note-public = bewoners mogen dit lezen
agreement-change = Bijwerken
agreement-note = Notitie
agreement-note-hint = Wat is er gebeurd? Bij "niet gelukt" of "vervallen": schrijf op waarom.
agreement-public = Bewoners mogen deze notitie lezen
agreement-save-change = Opslaan
agreement-due = klaar op { $date }
agreement-overdue = te laat: had klaar moeten zijn op { $date }
agreement-event-created = Afspraak gemaakt.
agreement-event-state = Stand: { $from } → { $to }.
agreement-event-target = Klaar op: { $from } → { $to }.
agreement-changed-meanwhile = Iemand anders heeft deze afspraak net bijgewerkt. Kijk wat er veranderd is en probeer het opnieuw.
agreement-state-proposed = Voorgesteld
agreement-state-agreed = Afgesproken
agreement-state-in-progress = Mee bezig
agreement-state-done = Klaar
agreement-state-not-done = Niet gelukt
agreement-state-withdrawn = Vervallen
mine-title = Mijn afspraken
mine-empty = U heeft geen open afspraken.
mine-overdue = Te laat
mine-soon = Deze week
mine-later = Later
board-kept = Nagekomen: { $kept } van de { $due } { $due ->
    [one] afspraak
   *[other] afspraken
} ({ $percent }%)
board-kept-definition = Dit telt de afspraken waarvan de eerst afgesproken datum voorbij is. Nagekomen betekent: klaar op of voor die datum. Een later verschoven datum telt niet mee.
mail-reminder-subject = Herinnering: over { $days } { $days ->
    [one] dag
   *[other] dagen
} klaar (afspraak { $team })
mail-reminder-subject-today = Herinnering: vandaag klaar (afspraak { $team })
mail-reminder-intro = U heeft deze afspraak gemaakt met het Veilige Buurten Team { $team }:
mail-reminder-police = (Een afspraak die alleen de politie mag zien. U leest hem via de link hieronder.)
mail-reminder-due = Klaar op: { $date }.
mail-reminder-link = Is het klaar, of lukt het niet op tijd? Zet het erbij, dan weet het team het ook:
escalations-title = Hulp van hoger
escalation-raise = Hulp vragen aan: { $group }
escalation-raise-hint = Zit deze afspraak vast? Stuur haar door met een vraag. Schrijf op wat u nodig heeft: een besluit, geld, of iemand die een andere organisatie aanspreekt.
escalation-question = Vraag
escalation-send = Vraag versturen
escalation-raised = De vraag is verstuurd.
escalation-at = Ligt bij { $level } sinds { $date }.
escalation-waiting = { $level } wacht op informatie van het team.
escalation-decided = Besloten door { $level } op { $date }.
escalation-settled = Afgehandeld door het team op { $date }.
escalation-step-escalate = Doorgestuurd naar { $to }
escalation-step-decide = Besluit van { $from }
escalation-step-ask-information = { $from } vraagt om informatie
escalation-step-inform = Informatie van het team
escalation-step-send-back = Teruggestuurd naar { $to } met een antwoord
escalation-step-settle = Afgehandeld door het team
escalation-do-escalate = Doorsturen naar het volgende niveau
escalation-do-ask-information = Het team om informatie vragen
escalation-do-inform = Informatie geven
escalation-do-send-back = Terugsturen met een antwoord
escalation-do-settle = Afhandelen met het antwoord
escalation-next = Volgende stap
escalation-next-choose = Wat wilt u doen?
escalation-text = Toelichting
escalation-text-hint = De vraag, de informatie of het antwoord, in een paar zinnen.
escalation-save-step = Stap opslaan
escalation-decide = Besluiten
escalation-decide-hint = Een besluit wordt een nieuwe afspraak bij dezelfde prioriteit: wat er gebeurt, wie het doet en wanneer het klaar is.
escalation-decision = Besluit
escalation-decide-save = Besluit opslaan
escalation-decision-made = Het besluit is een nieuwe afspraak:
escalation-done = De stap is opgeslagen.
escalation-changed-meanwhile = Iemand anders heeft hier net een stap gezet. Kijk wat er veranderd is en probeer het opnieuw.
escalation-title = Vraag van team { $team }
escalation-agreement = Afspraak die vastzit
escalation-agreement-facts = Van wie en wanneer
escalation-steps = Wat er gebeurd is
error-escalation-text = Schrijf op wat u vraagt of antwoordt.
error-escalation-text-long = Dit is te lang. Gebruik hoogstens 1000 tekens.
error-escalation-open = Deze afspraak ligt al bij een hoger niveau. Wacht op het antwoord.
error-escalation-closed = Deze afspraak is afgesloten. Een gesloten afspraak stuurt u niet door.
error-ladder-group = Kies elke groep hoogstens één keer.
queue-title = Vragen aan { $group }
queue-intro = Vragen die teams aan deze groep stellen. De oudste staat bovenaan.
queue-empty = Er wacht nu niets op deze groep.
queue-waits = wacht { $age }
queue-age = { $days ->
    [0] sinds vandaag
    [one] 1 dag
   *[other] { $days } dagen
}
queue-waiting-information = wacht op informatie van het team
mine-groups = Mijn groepen
mine-group-waiting = { $count ->
    [0] Er wacht niets.
    [one] 1 vraag wacht.
   *[other] { $count } vragen wachten.
}
agreement-event-escalated = Doorgestuurd naar een hoger niveau.
agreement-event-escalation-decided = Er is over besloten.
agreement-event-escalation-settled = Het team heeft het afgehandeld.
agreement-event-from-decision = Afspraak gemaakt door een besluit van hoger.
agreement-ask = Eerst vragen aan de afdeling
agreement-ask-hint = Alleen als een afdeling het doet. De afdeling krijgt de vraag in haar lijst en zegt ja met een eigen datum, of nee met een reden.
requests-title = Vragen aan mijn afdeling
requests-intro = Vragen die teams aan { $department } stellen, uit alle wijken.
requests-to-answer = Wachten op uw antwoord
requests-none-to-answer = Er wacht geen vraag op uw antwoord.
requests-taken-on = Aangenomen en nog niet klaar
requests-none-taken-on = Er staat niets open.
request-team = Team
request-hoped = Het team hoopt op
request-answer = Uw antwoord
request-answer-choose = Wat is uw antwoord?
request-answer-accept = Ja, wij doen het (met onze datum)
request-answer-refuse = Nee, wij doen het niet (met de reden)
request-answer-question = Ik heb eerst een vraag aan het team
request-our-date = Wanneer is het klaar?
request-our-date-hint = Alleen bij ja. Deze datum telt als de belofte.
request-note = Toelichting
request-note-hint = Bij nee: de reden. Bij een vraag: de vraag.
request-send = Versturen
request-answered = Uw antwoord is opgeslagen.
error-request-note = Schrijf de reden of de vraag op.
error-request-answered = Deze vraag is al beantwoord.
error-request-not-accepted = Beantwoord eerst de vraag.
agreement-event-accepted = De afdeling zegt ja.
agreement-event-refused = De afdeling zegt nee.
agreement-event-question = De afdeling heeft een vraag.
mine-requests = Vragen aan { $department }
agreement-event-asked = Gevraagd aan de afdeling.
