# The inventory: concerns, the capture form, the team's list, residents' reports.

category-drug-nuisance = Drug nuisance
category-drug-dealing = Drug dealing
category-parking = Parking
category-burglary = Burglary
category-youth-nuisance = Youth nuisance
category-speeding = Speeding
category-dog-fouling = Dog fouling
category-litter = Litter and neglect
category-neighbour-nuisance = Neighbour nuisance
category-antisocial-behaviour = Antisocial behaviour
category-vandalism = Vandalism
category-street-lighting = Street lighting
category-other = Something else

channel-street-corner = Street-corner meeting
channel-home-visit = Home visit
channel-interview = Interview at a community centre or shop
channel-form = Form filled in face to face
channel-phone = Phone
channel-web = Website
channel-meeting = Meeting
channel-other = Other

sensitivity-public = Public
sensitivity-team = Team only
sensitivity-police = Police only
sensitivity-public-hint = May appear on the neighbourhood page (without names and without an exact place).
sensitivity-team-hint = Only for the team and those who support it.
sensitivity-police-hint = Only for police staff. Nobody else sees this concern, not even you unless you work for the police.

concern-status-new = Received
concern-status-on-agenda = On the list for the neighbourhood meeting
concern-status-priority = Chosen as a priority: the team is working on it
concern-status-handled = Dealt with
concern-status-closed = Closed

weekday-mon = Monday
weekday-tue = Tuesday
weekday-wed = Wednesday
weekday-thu = Thursday
weekday-fri = Friday
weekday-sat = Saturday
weekday-sun = Sunday
day-part-morning = morning
day-part-afternoon = afternoon
day-part-evening = evening
day-part-night = night

error-concern-category = Choose a topic.
error-concern-what-required = Write down what is the matter.
error-concern-what-too-long = This is too long. Keep it under 4,000 characters.
error-concern-street = Choose a street from the list.
error-concern-street-outside = This street is not in this neighbourhood. Choose a street of the neighbourhood.
error-concern-house-number = Enter a house number in digits only.
error-concern-house-range = The first house number must be lower than the last.
error-concern-house-without-street = Choose the street of the house number too.
error-concern-where-required = Say where it is: choose a street, or describe the place.
error-concern-point = This place on the map is not right.
error-concern-point-outside = This place is outside the neighbourhood.
error-concern-too-long = This is too long. Keep it under 200 characters.
error-concern-choice = Choose from the list.
error-concern-residents = Enter a number from 1 to 10,000.
error-concern-client-id = This form is no longer valid. Reload the page.
error-contact-consent = Tick that the team may contact you about this, or leave your details empty.

capture-title = Note a concern
capture-intro = What is bothering the resident? Ask further: what exactly, where exactly, when.
capture-team = Team
capture-neighbourhood = Neighbourhood
capture-category = Topic
capture-choose = Choose a topic
capture-what = What is the matter?
capture-where = Where?
capture-street = Street
capture-street-none = No street (describe the place)
capture-house-from = House number from
capture-house-to = to
capture-landmark = Or describe the place
capture-landmark-hint = For example: by the playground behind the school.
capture-when = When?
capture-days = On which days?
capture-day-parts = At what time of day?
capture-since = Since when?
capture-since-hint = In the resident's words, for example: since the summer.
capture-how = How was it heard?
capture-channel = Way
capture-residents = Number of residents who raised it
capture-quick-win = Quick to solve (quick win)
capture-urgent = Urgent: cannot wait for the meeting
capture-sensitivity = Who may see this?
capture-contact = Contact with the resident (optional)
capture-contact-intro = Only if the resident wants the team to get in touch. The details are deleted after a year, or sooner when the concern is dealt with.
contact-name = Name
contact-phone = Phone number
contact-email = E-mail address
contact-consent = The resident agrees to be contacted about this
capture-submit = Save
capture-saved = Saved with reference { $reference }. Note the next concern below.
capture-again = This was saved already, with reference { $reference }.

concerns-title = Concerns of { $team }
concerns-intro = What residents told the team. Use the filters to narrow the list.
concerns-new = Note a concern
concerns-filter = Filter
concerns-filter-all = All
concerns-cycle = Cycle
concerns-cycle-n = Cycle { $number }
concerns-status = Status
concerns-show = Show
concerns-none = No concerns match this filter yet.
concerns-older = Older concerns
concerns-col-when = Noted
concerns-col-what = What
concerns-col-where = Where
concerns-col-how = How
concerns-col-status = Status
concerns-residents = { $n ->
    [one] 1 resident
   *[other] { $n } residents
}
concerns-urgent = Urgent
concerns-quick-win = Quick win
concerns-work = Team work

report-title = Report a concern in { $neighbourhood }
report-intro = Is something bothering you in the neighbourhood? Tell the team. You do not need to sign in. In danger or when a crime is happening now: call 112.
report-submit = Send report
report-contact = Would you like an answer? (optional)
report-contact-intro = Leave your details if the team may contact you. Only the team sees them, and they are deleted once your report is dealt with, after a year at most.
report-consent = The team may contact me about this report
report-house = House number
report-trap = Leave this field empty
report-done-title = Thank you for your report
report-done = Your report has been received. Its reference is { $reference }. Keep it: with it you can see where it stands.
report-follow = See where your report stands
report-too-many = You have just sent many reports. Please try again in a few minutes.

status-title = Report { $reference }
status-received = Received on { $date } in { $neighbourhood }.
status-topic = Topic: { $category }.
status-now = Where does it stand?
status-meeting = By { $date } residents choose at the neighbourhood meeting what the team tackles first.
status-lookup = Look up a report
status-lookup-field = Reference
status-lookup-submit = Look up
status-unknown = We do not know this reference. Check that you copied it correctly.

neighbourhood-title = { $name }
neighbourhood-intro = Residents of { $name } help decide what the team tackles. Every eight weeks they choose at the neighbourhood meeting what comes first.
neighbourhood-team = The team of this neighbourhood
neighbourhood-report = Report a concern
neighbourhood-heard = What the team heard
neighbourhood-heard-none = No public concerns yet.
neighbourhood-choose = Choose your municipality

work-title = Team work
work-none = You are not in a team. Ask the coordinator to add you to one.
nav-work = Team work
