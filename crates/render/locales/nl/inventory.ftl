# The inventory: concerns, the capture form, the team's list, residents' reports.

category-drug-nuisance = Drugsoverlast
category-drug-dealing = Drugshandel
category-parking = Parkeren
category-burglary = Inbraak
category-youth-nuisance = Overlast van jongeren
category-speeding = Te hard rijden
category-dog-fouling = Hondenpoep
category-litter = Zwerfvuil en verloedering
category-neighbour-nuisance = Overlast van buren
category-antisocial-behaviour = Asociaal gedrag
category-vandalism = Vernielingen
category-street-lighting = Straatverlichting
category-other = Iets anders

channel-street-corner = Straathoekgesprek
channel-home-visit = Huisbezoek
channel-interview = Gesprek in buurthuis of winkel
channel-form = Formulier, persoonlijk ingevuld
channel-phone = Telefoon
channel-web = Website
channel-meeting = Bijeenkomst
channel-other = Anders

sensitivity-public = Openbaar
sensitivity-team = Alleen het team
sensitivity-police = Alleen politie
sensitivity-public-hint = Mag op de buurtpagina staan (zonder naam en zonder precieze plek).
sensitivity-team-hint = Alleen voor het team en wie het team begeleidt.
sensitivity-police-hint = Alleen voor medewerkers van de politie. Anderen zien deze melding niet, ook u niet als u niet bij de politie werkt.

concern-status-new = Ontvangen
concern-status-on-agenda = Op de lijst voor de buurtbijeenkomst
concern-status-priority = Gekozen als prioriteit: het team werkt eraan
concern-status-handled = Afgehandeld
concern-status-closed = Gesloten

weekday-mon = maandag
weekday-tue = dinsdag
weekday-wed = woensdag
weekday-thu = donderdag
weekday-fri = vrijdag
weekday-sat = zaterdag
weekday-sun = zondag
day-part-morning = ochtend
day-part-afternoon = middag
day-part-evening = avond
day-part-night = nacht

error-concern-category = Kies een onderwerp.
error-concern-what-required = Schrijf op wat er aan de hand is.
error-concern-what-too-long = Dit is te lang. Houd het korter dan 4000 tekens.
error-concern-street = Kies een straat uit de lijst.
error-concern-street-outside = Deze straat ligt niet in deze buurt. Kies een straat uit de buurt.
error-concern-house-number = Vul een huisnummer in met alleen cijfers.
error-concern-house-range = Het eerste huisnummer moet kleiner zijn dan het laatste.
error-concern-house-without-street = Kies ook de straat bij het huisnummer.
error-concern-where-required = Zeg waar het is: kies een straat, of beschrijf de plek.
error-concern-point = Deze plek op de kaart klopt niet.
error-concern-point-outside = Deze plek ligt buiten de buurt.
error-concern-too-long = Dit is te lang. Houd het korter dan 200 tekens.
error-concern-choice = Kies uit de lijst.
error-concern-residents = Vul een aantal in van 1 tot 10.000.
error-concern-client-id = Dit formulier is niet meer geldig. Laad de pagina opnieuw.
error-contact-consent = Vink aan dat het team u hierover mag benaderen, of laat uw gegevens leeg.

capture-title = Zorg noteren
capture-intro = Wat zit de bewoner dwars? Vraag door: wat precies, waar precies, wanneer.
capture-team = Team
capture-neighbourhood = Buurt
capture-category = Onderwerp
capture-choose = Kies een onderwerp
capture-what = Wat is er aan de hand?
capture-where = Waar?
capture-street = Straat
capture-street-none = Geen straat (beschrijf de plek)
capture-house-from = Huisnummer van
capture-house-to = tot en met
capture-landmark = Of beschrijf de plek
capture-landmark-hint = Bijvoorbeeld: bij het speeltuintje achter de school.
capture-when = Wanneer?
capture-days = Op welke dagen?
capture-day-parts = Op welk moment van de dag?
capture-since = Sinds wanneer?
capture-since-hint = In de woorden van de bewoner, bijvoorbeeld: sinds de zomer.
capture-how = Hoe gehoord?
capture-channel = Manier
capture-residents = Aantal bewoners dat dit noemde
capture-quick-win = Snel op te lossen (quick win)
capture-urgent = Dringend: kan niet wachten op de bijeenkomst
capture-sensitivity = Wie mag dit zien?
capture-contact = Contact met de bewoner (niet verplicht)
capture-contact-intro = Alleen als de bewoner wil dat het team contact opneemt. De gegevens worden na een jaar gewist, of eerder als de zorg is afgehandeld.
contact-name = Naam
contact-phone = Telefoonnummer
contact-email = E-mailadres
contact-consent = De bewoner geeft toestemming om hierover benaderd te worden
capture-submit = Opslaan
capture-saved = Opgeslagen met kenmerk { $reference }. Noteer de volgende zorg hieronder.
capture-again = Dit was al opgeslagen met kenmerk { $reference }.

concerns-title = Zorgen van { $team }
concerns-intro = Wat bewoners het team vertelden. Gebruik de filters om de lijst kleiner te maken.
concerns-new = Zorg noteren
concerns-filter = Filteren
concerns-filter-all = Alle
concerns-cycle = Ronde
concerns-cycle-n = Ronde { $number }
concerns-status = Stand
concerns-show = Tonen
concerns-none = Er zijn nog geen zorgen die bij dit filter passen.
concerns-older = Oudere zorgen
concerns-col-when = Genoteerd
concerns-col-what = Wat
concerns-col-where = Waar
concerns-col-how = Hoe
concerns-col-status = Stand
concerns-residents = { $n ->
    [one] 1 bewoner
   *[other] { $n } bewoners
}
concerns-urgent = Dringend
concerns-quick-win = Quick win
concerns-work = Teamwerk

report-title = Een zorg melden in { $neighbourhood }
report-intro = Zit u iets dwars in de buurt? Vertel het het team. U hoeft niet in te loggen. Bij gevaar of een misdrijf dat nu gebeurt: bel 112.
report-submit = Melding versturen
report-contact = Wilt u antwoord? (niet verplicht)
report-contact-intro = Laat uw gegevens achter als het team contact met u mag opnemen. Alleen het team ziet ze, en ze worden gewist als uw melding is afgehandeld, uiterlijk na een jaar.
report-consent = Het team mag mij over deze melding benaderen
report-house = Huisnummer
report-trap = Laat dit veld leeg
report-done-title = Bedankt voor uw melding
report-done = Uw melding is ontvangen. Het kenmerk is { $reference }. Bewaar het: hiermee kunt u zien hoe het ermee staat.
report-follow = Bekijk de stand van uw melding
report-too-many = U heeft net veel meldingen verstuurd. Probeer het over een paar minuten opnieuw.

status-title = Melding { $reference }
status-received = Ontvangen op { $date } in { $neighbourhood }.
status-topic = Onderwerp: { $category }.
status-now = Hoe staat het ervoor?
status-meeting = Uiterlijk { $date } kiezen bewoners op de buurtbijeenkomst wat het team eerst aanpakt.
status-lookup = Stand van een melding opzoeken
status-lookup-field = Kenmerk
status-lookup-submit = Opzoeken
status-unknown = Dit kenmerk kennen we niet. Kijk of u het goed heeft overgenomen.

neighbourhood-title = { $name }
neighbourhood-intro = Bewoners van { $name } bepalen mee wat het team aanpakt. Elke acht weken kiezen zij op de buurtbijeenkomst wat eerst moet.
neighbourhood-team = Het team van deze buurt
neighbourhood-report = Een zorg melden
neighbourhood-heard = Wat het team hoorde
neighbourhood-heard-none = Nog geen openbare zorgen.
neighbourhood-choose = Kies uw gemeente

work-title = Teamwerk
work-none = U zit in geen team. Vraag de coördinator om u aan een team toe te voegen.
nav-work = Teamwerk
