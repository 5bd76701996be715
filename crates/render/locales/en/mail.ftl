# English: e-mail, invitations, password reset and the outbox.

mail-greeting = Hello { $name },
mail-sign-off = Kind regards,
mail-signature = buurtagenda
mail-reset-subject = Choose a new password for buurtagenda
mail-reset-intro = You asked for a new password for buurtagenda. With this link you choose a new password:
mail-reset-valid = The link works for { $minutes } minutes, and only once.
mail-reset-not-you = Did you not ask for a new password? Then you need not do anything. Your password stays the same.
mail-invitation-subject = Invitation to buurtagenda
mail-invitation-intro = You are invited to work in buurtagenda of { $municipality }. There residents, the municipality, police, community workers and housing corporations work together for a safe neighbourhood.
mail-invitation-action = With this link you choose a password. After that you are signed in straight away.
mail-invitation-email = You sign in with this e-mail address: { $email }
mail-invitation-valid = The link works for { $days } days, and only once.
mail-invitation-not-you = Did you not expect this invitation? Then you can ignore this message.

sign-in-forgot-link = Forgot your password?
forgot-title = Forgot your password
forgot-intro = Enter your e-mail address. We will send you a link. With that link you choose a new password.
forgot-email = E-mail address
forgot-submit = Send me a link
forgot-sent-title = Check your e-mail
forgot-sent-body = If we know this e-mail address, we have sent you a link. With that link you choose a new password. The link works for 60 minutes.
forgot-sent-spam = No e-mail? Also look in your junk mail (spam). You can also ask for a link again.
forgot-again-link = Ask for a link again
forgot-back-to-sign-in = Back to sign in

reset-title = Choose a new password
reset-intro = Choose a password of at least 12 characters. A sentence of a few words is easy to remember.
password-new = New password
password-confirm = Repeat the new password
reset-submit = Save password
reset-done-title = Your password has been changed
reset-done-body = Now sign in with your e-mail address and your new password.
reset-done-sign-in = Sign in
error-organisation-unknown = Choose an organisation from the list.
error-password-mismatch = The two passwords are not the same. Type them again.

link-gone-title = This link no longer works
link-gone-reset = The link has expired, has been used, or is not complete. A link to reset your password works for 60 minutes, and only once.
link-gone-reset-action = Ask for a new link
link-gone-invitation = The invitation has expired, has been used, or is not complete. An invitation works for 7 days, and only once. Ask the person who invited you for a new invitation.
link-gone-invitation-action = Have you already chosen a password? Then sign in.

invitation-title = Welcome to buurtagenda
invitation-intro = Hello { $name }. You are invited to buurtagenda. Choose a password. After that you are signed in straight away.
invitation-email = Your e-mail address to sign in
invitation-submit = Save password and sign in

nav-outbox = Messages
outbox-title = Messages
outbox-intro = Here are the e-mails that buurtagenda sends: invitations and links to reset a password. We keep them for 30 days.
outbox-offline = Is no mail server set up? Then the messages stay here. You can read the text here and pass it on to the person yourself.
outbox-empty = There are no messages yet.
outbox-to = To
outbox-created = Created
outbox-status = Status
outbox-read = Read the text
outbox-hidden = You cannot read this text. The message is for an account you may not manage.
outbox-status-waiting = Waiting to be sent
outbox-status-sent = Sent on { $time }
outbox-status-retrying = Not sent yet. Will be tried again.
outbox-status-failed = Not sent. It failed too often.
outbox-last-error = The mail server said: { $error }
outbox-pager-label = More messages
outbox-pager-first = To the newest messages
outbox-pager-next = Older messages
mail-urgent-subject = Urgent: { $category } in { $neighbourhood }
mail-urgent-intro = The Safer Neighbourhoods team heard from residents about something that cannot wait for the next neighbourhood meeting. By the agreements in buurtagenda it comes to you.
mail-urgent-what = What is the matter:
mail-urgent-category = Topic:
mail-urgent-where = Where:
mail-urgent-when = When:
mail-urgent-reference = Reference:
mail-urgent-team = Questions? Contact { $team }:
mail-urgent-police-subject = Urgent concern for the police
mail-urgent-police-intro = The Safer Neighbourhoods team { $team } noted an urgent concern that is for the police only. What is going on and where is not in this e-mail.
mail-urgent-police-link = Read the concern in the team's list (sign in; you must work for the police):
