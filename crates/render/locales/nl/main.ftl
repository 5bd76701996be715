# Dutch: the default. Written for residents (B1): short sentences, everyday words.

shell-skip-link = Direct naar de inhoud
shell-nav-label = Hoofdmenu
shell-motto = Doen wat je zegt en zeggen wat je doet.
shell-footer = Bewoners bepalen samen met politie, gemeente, welzijnswerk en woningcorporaties wat er in de buurt moet gebeuren.
nav-neighbourhoods = Buurten

home-title = Buurten
home-intro = In deze buurten werken bewoners en organisaties samen aan een veilige en prettige buurt. Bewoners zeggen wat er beter moet. Het team van de buurt gaat ermee aan de slag.
home-cycle-label = Zo werkt het, elke acht weken
home-cycle-collect = Het team vraagt bewoners wat hen dwarszit: op straat, aan de deur en op internet.
home-cycle-vote = Op de buurtbijeenkomst kiest u met drie stickers wat het belangrijkst is.
home-cycle-act = Het team spreekt af wie wat doet, en wanneer.
home-cycle-report = U hoort wat er is gedaan, en wat niet en waarom.
home-table-caption = Buurten en hun team
home-col-neighbourhood = Buurt
home-col-district = Wijk
home-col-population = Inwoners
home-col-team = Team
home-empty = Er zijn nog geen buurten ingevoerd.
pager-label = Meer buurten
pager-first = Terug naar het begin
pager-next = Volgende buurten

error-home-link = Naar de startpagina
error-reference = Wilt u dit melden? Noem dan deze code: { $id }
error-bad-request-title = Dit verzoek klopt niet
error-bad-request-body = De link of het formulier bevat iets wat wij niet begrijpen. Controleer de link, of begin opnieuw op de startpagina.
error-forbidden-title = Geen toegang
error-forbidden-body = U mag deze pagina niet bekijken. Denkt u dat dit niet klopt? Neem dan contact op met het team van uw buurt.
error-not-found-title = Pagina niet gevonden
error-not-found-body = Deze pagina bestaat niet (meer). Misschien is de link oud, of zit er een typefout in.
error-method-not-allowed-title = Dit kan hier niet
error-method-not-allowed-body = Deze pagina werkt niet op deze manier. Ga terug en probeer het opnieuw.
error-timeout-title = Dit duurde te lang
error-timeout-body = Het lukte niet om op tijd antwoord te geven. Probeer het over een paar minuten opnieuw.
error-too-large-title = Te veel gegevens
error-too-large-body = U stuurde meer gegevens dan wij in één keer aankunnen. Maak het bestand of de tekst kleiner en probeer het opnieuw.
error-internal-title = Er ging iets mis
error-internal-body = Dit is onze fout, niet de uwe. Probeer het over een paar minuten opnieuw.
error-invalid-cursor = Deze link naar een volgende pagina klopt niet.
