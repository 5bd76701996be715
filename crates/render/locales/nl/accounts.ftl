# The accounts page.

accounts-title = Accounts
accounts-intro = Deze mensen kunnen inloggen. Een nieuw account maakt u met een uitnodiging: de persoon kiest zelf een wachtwoord.
accounts-roles = Rollen
accounts-status = Status
accounts-role = Rol
accounts-invite = Iemand uitnodigen
accounts-invite-intro = De persoon krijgt een e-mail met een link. De link werkt zeven dagen.
accounts-send = Uitnodiging versturen
accounts-invited = De uitnodiging is verstuurd naar { $email }.
accounts-status-active = Actief
accounts-status-invited = Uitgenodigd
accounts-status-disabled = Uitgeschakeld
role-administrator = Beheerder
role-coordinator = Coördinator
role-team-member = Teamlid
role-project-group-member = Lid projectgroep
role-steering-group-member = Lid regiegroep
role-department-contact = Contactpersoon afdeling
accounts-code = Inlogcode
accounts-code-on = Aan
accounts-code-off = Uit
accounts-code-reset = Wissen
accounts-code-reset-label = Inlogcode van { $name } wissen
accounts-code-reset-done = De inlogcode van { $name } is gewist. Als de rol een code vraagt, stelt { $name } bij de volgende keer inloggen een app opnieuw in.
accounts-resend = Opnieuw sturen
accounts-resend-label = Uitnodiging voor { $name } opnieuw sturen
