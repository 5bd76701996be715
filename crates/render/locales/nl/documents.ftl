# Dutch: printed documents (letters, poster, code cards, ballot sheet). B1: short sentences, "u", everyday words.

doc-when = { $day }, van { $from } tot { $to } uur

## The letter to every household
doc-letter-sender = Buurtteam { $team }
doc-letter-title = Uitnodiging voor de buurtbijeenkomst
doc-letter-greeting = Beste bewoner,
doc-letter-intro = Het buurtteam { $team } werkt aan een veilige en prettige buurt in { $neighbourhoods }. U bepaalt mee waar wij de komende acht weken aan werken. Daarom nodigen wij u uit voor de buurtbijeenkomst.
doc-letter-when = Wanneer
doc-letter-where = Waar
doc-letter-access = Toegankelijk
doc-letter-heard-title = Dit hoorden wij tot nu toe
doc-letter-heard-intro = Bewoners vertelden ons over deze onderwerpen:
doc-letter-heard-none = Wij hebben nog geen onderwerpen gehoord. Vertel ons op de bijeenkomst wat u belangrijk vindt.
doc-concerns = { $plural ->
    [one] 1 melding
   *[other] { $n } meldingen
}
doc-letter-how-title = Zo werkt het
doc-how-stickers = { $plural ->
    [one] Iedereen krijgt 1 sticker. Plak de sticker bij het onderwerp dat u het belangrijkst vindt.
   *[other] Iedereen krijgt { $n } stickers. Plak de stickers bij de onderwerpen die u het belangrijkst vindt.
}
doc-how-one-voice = U plakt niet meer dan één sticker bij hetzelfde onderwerp.
doc-how-stacking = U mag ook meer stickers bij hetzelfde onderwerp plakken.
doc-how-priorities = { $plural ->
    [one] Het onderwerp met de meeste stickers pakt het buurtteam als eerste aan.
   *[other] De { $n } onderwerpen met de meeste stickers pakt het buurtteam als eerste aan.
}
doc-letter-contact-title = Vragen? Of kunt u niet komen?
doc-letter-contact-intro = Neem dan contact met ons op. Wij horen graag van u.
doc-phone = Telefoon
doc-email = E-mail
doc-office-hours = Spreekuur
doc-letter-online = Meer informatie over de bijeenkomst vindt u op:
doc-letter-qr = Of scan deze code met de camera van uw telefoon.
doc-letter-closing = Wij hopen u te zien!
doc-letter-regards = Met vriendelijke groet,

## The poster
doc-poster-kicker = Buurtbijeenkomst
doc-poster-title = Praat mee over uw buurt!
doc-poster-lead = Kies samen met uw buren waar het buurtteam { $team } de komende acht weken aan werkt.
doc-poster-everyone = Iedereen uit { $neighbourhoods } is welkom.
doc-poster-qr = Scan voor meer informatie

## Code cards for voting by phone
doc-cards-title = Stemmen met uw telefoon
doc-cards-code = Uw code
doc-cards-go = Ga naar { $address }
doc-cards-once = Deze code werkt één keer.

## The ballot sheet
doc-ballot-title = Waar moet het buurtteam aan werken?
doc-ballot-rule = { $plural ->
    [one] Iedereen heeft 1 sticker.
   *[other] Iedereen heeft { $n } stickers.
}
doc-ballot-one-voice = Eén sticker per onderwerp.
doc-ballot-stacking = U mag meer stickers bij één onderwerp plakken.
doc-ballot-page = Blad { $page } van { $pages }
