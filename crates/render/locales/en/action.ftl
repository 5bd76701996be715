# The action phase: agreements, requests to departments, escalations.

error-agreement-what = Write down what will be done.
error-agreement-what-long = This is too long. Keep it under 500 characters.
error-agreement-owner = Choose who does this.
error-agreement-residents = Write down which residents do this.
error-agreement-date = Fill in a date, for example 2011-03-21.
error-agreement-past = This date has passed. Choose today or later.
error-agreement-hard-early = The deadline is before the target date. Choose the same day or later.
error-agreement-transition = This is no longer possible: the agreement has changed. See what changed.
error-agreement-reason = Write down why.
error-escalation-decided = This question has already been decided.
error-escalation-top = There is no higher level to ask.
error-escalation-not-here = This cannot be done at this level.
error-escalation-information = No information is being asked for, or the answer has not come yet.
error-agreement-after-hard = This date is after the deadline. Choose an earlier day.
error-agreement-nothing = Nothing changed. Choose a new state or date, or write a note.
