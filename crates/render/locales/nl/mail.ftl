# Dutch: e-mail, invitations, password reset and the outbox. B1: short sentences, everyday words.

mail-greeting = Hallo { $name },
mail-sign-off = Met vriendelijke groet,
mail-signature = buurtagenda
mail-reset-subject = Kies een nieuw wachtwoord voor buurtagenda
mail-reset-intro = U vroeg om een nieuw wachtwoord voor buurtagenda. Met deze link kiest u een nieuw wachtwoord:
mail-reset-valid = De link werkt { $minutes } minuten, en maar één keer.
mail-reset-not-you = Vroeg u niet om een nieuw wachtwoord? Dan hoeft u niets te doen. Uw wachtwoord blijft hetzelfde.
mail-invitation-subject = Uitnodiging voor buurtagenda
mail-invitation-intro = U bent uitgenodigd om mee te werken in buurtagenda van { $municipality }. Daarin werken bewoners, gemeente, politie, welzijnswerk en woningcorporaties samen aan een veilige buurt.
mail-invitation-action = Met deze link kiest u een wachtwoord. Daarna bent u meteen ingelogd.
mail-invitation-email = U logt in met dit e-mailadres: { $email }
mail-invitation-valid = De link werkt { $days } dagen, en maar één keer.
mail-invitation-not-you = Verwachtte u deze uitnodiging niet? Dan kunt u dit bericht negeren.

sign-in-forgot-link = Wachtwoord vergeten?
forgot-title = Wachtwoord vergeten
forgot-intro = Vul uw e-mailadres in. Wij sturen u een link. Met die link kiest u een nieuw wachtwoord.
forgot-email = E-mailadres
forgot-submit = Stuur mij een link
forgot-sent-title = Kijk in uw e-mail
forgot-sent-body = Als dit e-mailadres bij ons bekend is, hebben wij u een link gestuurd. Met die link kiest u een nieuw wachtwoord. De link werkt 60 minuten.
forgot-sent-spam = Geen e-mail gekregen? Kijk ook bij uw ongewenste e-mail (spam). U kunt ook opnieuw een link vragen.
forgot-again-link = Opnieuw een link vragen
forgot-back-to-sign-in = Terug naar inloggen

reset-title = Kies een nieuw wachtwoord
reset-intro = Kies een wachtwoord van minstens 12 tekens. Een zin van een paar woorden is goed te onthouden.
password-new = Nieuw wachtwoord
password-confirm = Herhaal het nieuwe wachtwoord
reset-submit = Wachtwoord opslaan
reset-done-title = Uw wachtwoord is gewijzigd
reset-done-body = Log nu in met uw e-mailadres en uw nieuwe wachtwoord.
reset-done-sign-in = Inloggen
error-organisation-unknown = Kies een organisatie uit de lijst.
error-password-mismatch = De twee wachtwoorden zijn niet hetzelfde. Typ ze opnieuw.

link-gone-title = Deze link werkt niet meer
link-gone-reset = De link is verlopen, al gebruikt of niet compleet. Een link om uw wachtwoord te herstellen werkt 60 minuten, en maar één keer.
link-gone-reset-action = Vraag een nieuwe link aan
link-gone-invitation = De uitnodiging is verlopen, al gebruikt of niet compleet. Een uitnodiging werkt 7 dagen, en maar één keer. Vraag degene die u uitnodigde om een nieuwe uitnodiging.
link-gone-invitation-action = Heeft u al een wachtwoord gekozen? Log dan in.

invitation-title = Welkom bij buurtagenda
invitation-intro = Hallo { $name }. U bent uitgenodigd voor buurtagenda. Kies een wachtwoord. Daarna bent u meteen ingelogd.
invitation-email = Uw e-mailadres om in te loggen
invitation-submit = Wachtwoord opslaan en inloggen

nav-outbox = Berichten
outbox-title = Berichten
outbox-intro = Hier staan de e-mails die buurtagenda verstuurt: uitnodigingen en links om een wachtwoord te herstellen. Wij bewaren ze 30 dagen.
outbox-offline = Is er geen mailserver ingesteld? Dan blijven de berichten hier staan. U kunt de tekst hier lezen en zelf aan de persoon geven.
outbox-empty = Er zijn nog geen berichten.
outbox-to = Aan
outbox-created = Gemaakt
outbox-status = Status
outbox-read = Lees de tekst
outbox-hidden = U kunt deze tekst niet lezen. Het bericht is voor een account dat u niet mag beheren.
outbox-status-waiting = Wacht op verzending
outbox-status-sent = Verstuurd op { $time }
outbox-status-retrying = Nog niet gelukt. Wordt opnieuw geprobeerd.
outbox-status-failed = Niet verstuurd. Het lukte te vaak niet.
outbox-last-error = Melding van de mailserver: { $error }
outbox-pager-label = Meer berichten
outbox-pager-first = Naar de nieuwste berichten
outbox-pager-next = Oudere berichten
mail-urgent-subject = Dringend: { $category } in { $neighbourhood }
mail-urgent-intro = Het Veilige Buurten team hoorde van bewoners iets dat niet kan wachten tot de volgende buurtbijeenkomst. Volgens de afspraken in buurtagenda komt dit bij u terecht.
mail-urgent-what = Wat is er aan de hand:
mail-urgent-category = Onderwerp:
mail-urgent-where = Waar:
mail-urgent-when = Wanneer:
mail-urgent-reference = Kenmerk:
mail-urgent-team = Vragen? Neem contact op met { $team }:
mail-urgent-police-subject = Dringende zorg voor de politie
mail-urgent-police-intro = Het Veilige Buurten team { $team } heeft een dringende zorg genoteerd die alleen voor de politie is. Wat er speelt en waar, staat niet in deze e-mail.
mail-urgent-police-link = Lees de zorg in de lijst van het team (u moet ingelogd zijn en voor de politie werken):
