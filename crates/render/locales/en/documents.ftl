# English: printed documents (letters, poster, code cards, ballot sheet). Plain, short sentences.

doc-when = { $day }, { $from } to { $to }

## The letter to every household
doc-letter-sender = Neighbourhood team { $team }
doc-letter-title = Invitation to the neighbourhood meeting
doc-letter-greeting = Dear resident,
doc-letter-intro = The neighbourhood team { $team } works for a safe and pleasant neighbourhood in { $neighbourhoods }. You help decide what we work on in the next eight weeks. That is why we invite you to the neighbourhood meeting.
doc-letter-when = When
doc-letter-where = Where
doc-letter-access = Access
doc-letter-heard-title = What we have heard so far
doc-letter-heard-intro = Residents told us about these topics:
doc-letter-heard-none = We have not heard about any topics yet. Tell us at the meeting what matters to you.
doc-concerns = { $plural ->
    [one] 1 report
   *[other] { $n } reports
}
doc-letter-how-title = How it works
doc-how-stickers = { $plural ->
    [one] Everyone gets 1 sticker. Put it next to the topic that matters most to you.
   *[other] Everyone gets { $n } stickers. Put them next to the topics that matter most to you.
}
doc-how-one-voice = Put no more than one sticker on the same topic.
doc-how-stacking = You may put more than one sticker on the same topic.
doc-how-priorities = { $plural ->
    [one] The team works first on the topic with the most stickers.
   *[other] The team works first on the { $n } topics with the most stickers.
}
doc-letter-contact-title = Questions? Or can you not come?
doc-letter-contact-intro = Please get in touch. We would like to hear from you.
doc-phone = Phone
doc-email = Email
doc-office-hours = Office hours
doc-letter-online = More about the meeting:
doc-letter-qr = Or scan this code with your phone's camera.
doc-letter-closing = We hope to see you there!
doc-letter-regards = Kind regards,

## The poster
doc-poster-kicker = Neighbourhood meeting
doc-poster-title = Have your say about your neighbourhood!
doc-poster-lead = Choose with your neighbours what the neighbourhood team { $team } works on in the next eight weeks.
doc-poster-everyone = Everyone from { $neighbourhoods } is welcome.
doc-poster-qr = Scan for more information

## Code cards for voting by phone
doc-cards-title = Vote with your phone
doc-cards-code = Your code
doc-cards-go = Go to { $address }
doc-cards-once = This code works once.

## The ballot sheet
doc-ballot-title = What should the neighbourhood team work on?
doc-ballot-rule = { $plural ->
    [one] Everyone has 1 sticker.
   *[other] Everyone has { $n } stickers.
}
doc-ballot-one-voice = One sticker per topic.
doc-ballot-stacking = You may put more than one sticker on a topic.
doc-ballot-page = Sheet { $page } of { $pages }
