# The second sign-in step (a code from an app) and the account page.

code-title = Sign-in code
code-intro = Open the app on your phone that makes sign-in codes. Enter the 6-digit code the app shows now.
code-label = 6-digit code
code-hint = Each code works for only half a minute. Has the code just changed? Then enter the new one.
code-submit = Continue
code-start-again = Start signing in again
code-rate-limited = Too many wrong codes. Try again in { $minutes } minutes.
error-totp-code-wrong = This code is not right. Enter the code the app shows now.
error-totp-secret-invalid = Something went wrong with the key. Please start again.

enrol-title = Set up signing in with a code
enrol-intro = Your role requires an extra step when signing in: after your password you enter a code from an app on your phone. That way nobody can sign in with your password alone.
enrol-step-app = Install an app for sign-in codes on your phone, for example FreeOTP, Google Authenticator or Microsoft Authenticator.
enrol-step-scan = Scan the QR code with that app.
enrol-step-type = Scanning does not work? Choose 'enter a setup key' in the app and type this key:
enrol-step-code = Enter below the 6-digit code the app shows now.
enrol-qr-label = QR code to scan with the app
enrol-secret-label = Key
enrol-submit = Check the code and switch on

account-title = My account
account-name = Name
account-email = E-mail address
account-roles = Roles
account-totp-title = Signing in with a code
account-totp-on = On since { $since }. After your password, buurtagenda asks for a code from your app.
account-totp-off = Off. You sign in with your password alone. Switch it on for extra safety.
account-totp-required = Your role requires this; you cannot switch it off. New phone or lost the app? Ask the administrator to reset your sign-in code. You then set up an app again when you sign in.
account-totp-disable = Switch off signing in with a code
account-totp-enabled = Signing in with a code is now on.
account-totp-disabled = Signing in with a code is now off.
