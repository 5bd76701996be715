# The second sign-in step (a code from an app) and the account page.

code-title = Inlogcode
code-intro = Open de app op uw telefoon die inlogcodes maakt. Vul de code van 6 cijfers in die de app nu laat zien.
code-label = Code van 6 cijfers
code-hint = Elke code werkt maar een halve minuut. Is de code net veranderd? Vul dan de nieuwe in.
code-submit = Verder
code-start-again = Opnieuw beginnen met inloggen
code-rate-limited = Te veel verkeerde codes. Probeer het over { $minutes } minuten opnieuw.
error-totp-code-wrong = Deze code klopt niet. Vul de code in die de app nu laat zien.
error-totp-secret-invalid = Er ging iets mis met de sleutel. Begin opnieuw.

enrol-title = Inloggen met een code instellen
enrol-intro = Voor uw rol is een extra stap bij het inloggen verplicht: na uw wachtwoord vult u een code in uit een app op uw telefoon. Zo kan niemand inloggen met alleen uw wachtwoord.
enrol-step-app = Zet een app voor inlogcodes op uw telefoon, bijvoorbeeld FreeOTP, Google Authenticator of Microsoft Authenticator.
enrol-step-scan = Scan de QR-code met die app.
enrol-step-type = Lukt scannen niet? Kies in de app voor 'sleutel invoeren' en typ deze sleutel over:
enrol-step-code = Vul hieronder de code van 6 cijfers in die de app nu laat zien.
enrol-qr-label = QR-code om in de app te scannen
enrol-secret-label = Sleutel
enrol-submit = Code controleren en inschakelen

account-title = Mijn account
account-name = Naam
account-email = E-mailadres
account-roles = Rollen
account-totp-title = Inloggen met een code
account-totp-on = Aan sinds { $since }. Na uw wachtwoord vraagt buurtagenda om een code uit uw app.
account-totp-off = Uit. U logt in met alleen uw wachtwoord. Zet het aan voor extra veiligheid.
account-totp-required = Voor uw rol is dit verplicht; u kunt het niet uitzetten. Nieuwe telefoon of app kwijt? Vraag de beheerder om uw inlogcode te wissen. Daarna stelt u bij het inloggen een app opnieuw in.
account-totp-disable = Inloggen met een code uitzetten
account-totp-enabled = Inloggen met een code staat nu aan.
account-totp-disabled = Inloggen met een code staat nu uit.
