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

nav-agreements = My agreements
concerns-agreements = Agreements
board-title = Agreements of { $team }
board-intro = Per priority: who does what, and when it will be done. That way no agreement gets lost.
board-empty = There are no priorities yet. They come when the neighbourhood meeting publishes its result.
board-no-agreements = No agreements for this priority yet.
board-facts = { $cycle } · place { $rank }
board-quick-win = quick win
board-residents-act = residents take part
board-closed = finished
agreement-new = New agreement
agreement-priority = Priority
agreement-what = What will be done?
agreement-owner = Who does it?
agreement-owner-choose = Choose someone
agreement-owner-residents = Residents (fill in who below)
agreement-residents = Which residents?
agreement-residents-hint = Only when residents do it themselves. Write it as they want to be named, for example: Buurtkader Limmel.
agreement-target = Done by
agreement-hard = Deadline
agreement-hard-hint = Optional. Only when it really cannot be later.
agreement-visibility = Who may see this?
agreement-save = Save agreement
agreement-saved = The agreement has been saved.
agreement-changed = The agreement has been updated.
agreement-state = State
agreement-promised = First agreed for
agreement-timeline = What happened
agreement-note-public = residents may read this
agreement-change = Update
agreement-note = Note
agreement-note-hint = What happened? For "not done" or "withdrawn": write down why.
agreement-public = Residents may read this note
agreement-save-change = Save
agreement-due = done by { $date }
agreement-overdue = late: should have been done by { $date }
agreement-event-created = Agreement made.
agreement-event-state = State: { $from } → { $to }.
agreement-event-target = Done by: { $from } → { $to }.
agreement-changed-meanwhile = Someone else has just updated this agreement. See what changed and try again.
agreement-state-proposed = Proposed
agreement-state-agreed = Agreed
agreement-state-in-progress = In progress
agreement-state-done = Done
agreement-state-not-done = Not done
agreement-state-withdrawn = Withdrawn
mine-title = My agreements
mine-empty = You have no open agreements.
mine-overdue = Late
mine-soon = This week
mine-later = Later
board-kept = Kept: { $kept } of { $due } { $due ->
    [one] agreement
   *[other] agreements
} ({ $percent }%)
board-kept-definition = This counts the agreements whose first agreed date has passed. Kept means: done on or before that date. A date moved later does not count.
mail-reminder-subject = Reminder: due in { $days } { $days ->
    [one] day
   *[other] days
} (agreement { $team })
mail-reminder-subject-today = Reminder: due today (agreement { $team })
mail-reminder-intro = You made this agreement with the Safer Neighbourhoods team { $team }:
mail-reminder-police = (An agreement only the police may see. Read it through the link below.)
mail-reminder-due = Done by: { $date }.
mail-reminder-link = Is it done, or will it not be done in time? Note it, so the team knows too:
escalations-title = Help from above
escalation-raise = Ask for help: { $group }
escalation-raise-hint = Is this agreement stuck? Send it up with a question. Say what you need: a decision, money, or someone to speak to another organisation.
escalation-question = Question
escalation-send = Send the question
escalation-raised = The question has been sent.
escalation-at = With { $level } since { $date }.
escalation-waiting = { $level } is waiting for information from the team.
escalation-decided = Decided by { $level } on { $date }.
escalation-settled = Settled by the team on { $date }.
escalation-step-escalate = Sent up to { $to }
escalation-step-decide = Decision of { $from }
escalation-step-ask-information = { $from } asks for information
escalation-step-inform = Information from the team
escalation-step-send-back = Sent back to { $to } with an answer
escalation-step-settle = Settled by the team
escalation-do-escalate = Send it up to the next level
escalation-do-ask-information = Ask the team for information
escalation-do-inform = Give information
escalation-do-send-back = Send it back with an answer
escalation-do-settle = Settle it with the answer
escalation-next = Next step
escalation-next-choose = What do you want to do?
escalation-text = Explanation
escalation-text-hint = The question, the information or the answer, in a few sentences.
escalation-save-step = Save the step
escalation-decide = Decide
escalation-decide-hint = A decision becomes a new agreement for the same priority: what happens, who does it and when it is done.
escalation-decision = Decision
escalation-decide-save = Save the decision
escalation-decision-made = The decision is a new agreement:
escalation-done = The step has been saved.
escalation-changed-meanwhile = Someone else just took a step here. Look at what changed and try again.
escalation-title = Question from team { $team }
escalation-agreement = The stuck agreement
escalation-agreement-facts = Whose and when
escalation-steps = What happened
error-escalation-text = Write what you ask or answer.
error-escalation-text-long = This is too long. Use at most 1000 characters.
error-escalation-open = This agreement is already with a higher level. Wait for the answer.
error-escalation-closed = This agreement is closed. A closed agreement is not sent up.
error-ladder-group = Choose each group at most once.
queue-title = Questions for { $group }
queue-intro = Questions teams ask this group. The oldest is at the top.
queue-empty = Nothing is waiting for this group.
queue-waits = waiting { $age }
queue-age = { $days ->
    [0] since today
    [one] 1 day
   *[other] { $days } days
}
queue-waiting-information = waiting for information from the team
mine-groups = My groups
mine-group-waiting = { $count ->
    [0] Nothing is waiting.
    [one] 1 question is waiting.
   *[other] { $count } questions are waiting.
}
agreement-event-escalated = Sent up to a higher level.
agreement-event-escalation-decided = A decision was made on it.
agreement-event-escalation-settled = The team settled it.
agreement-event-from-decision = Agreement made by a decision from above.
agreement-ask = Ask the department first
agreement-ask-hint = Only when a department does it. The department gets the question in its list and says yes with its own date, or no with a reason.
requests-title = Questions for my department
requests-intro = Questions teams ask { $department }, from every neighbourhood.
requests-to-answer = Waiting for your answer
requests-none-to-answer = No question is waiting for your answer.
requests-taken-on = Taken on and not done yet
requests-none-taken-on = Nothing is open.
request-team = Team
request-hoped = The team hopes for
request-answer = Your answer
request-answer-choose = What is your answer?
request-answer-accept = Yes, we will do it (with our date)
request-answer-refuse = No, we will not do it (with the reason)
request-answer-question = I have a question for the team first
request-our-date = When will it be done?
request-our-date-hint = Only for yes. This date counts as the promise.
request-note = Explanation
request-note-hint = For no: the reason. For a question: the question.
request-send = Send
request-answered = Your answer has been saved.
error-request-note = Write down the reason or the question.
error-request-answered = This question has already been answered.
error-request-not-accepted = Answer the question first.
agreement-event-accepted = The department says yes.
agreement-event-refused = The department says no.
agreement-event-question = The department has a question.
mine-requests = Questions for { $department }
agreement-event-asked = Asked of the department.
