# The accounts page.

accounts-title = Accounts
accounts-intro = These people can sign in. A new account starts with an invitation: the person chooses their own password.
accounts-roles = Roles
accounts-status = Status
accounts-role = Role
accounts-invite = Invite someone
accounts-invite-intro = The person gets an e-mail with a link. The link works for seven days.
accounts-send = Send invitation
accounts-invited = The invitation was sent to { $email }.
accounts-status-active = Active
accounts-status-invited = Invited
accounts-status-disabled = Disabled
role-administrator = Administrator
role-coordinator = Coordinator
role-team-member = Team member
role-project-group-member = Project group member
role-steering-group-member = Steering group member
role-department-contact = Department contact
accounts-code = Sign-in code
accounts-code-on = On
accounts-code-off = Off
accounts-code-reset = Reset
accounts-code-reset-label = Reset the sign-in code of { $name }
accounts-code-reset-done = The sign-in code of { $name } was reset. If their role requires a code, { $name } sets up an app again at the next sign-in.
accounts-resend = Send again
accounts-resend-label = Send the invitation for { $name } again
