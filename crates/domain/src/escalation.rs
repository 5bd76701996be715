//! The escalation ladder: what a team cannot get done goes up, team -> project group ->
//! steering group, each step with the question asked of that level. The levels above the
//! team are a setting of the municipality ([`Ladder`]): some cities have one, some two.
//!
//! An escalation is always at exactly one level or decided ([`Position`]); [`Escalation::apply`]
//! is the only way it moves, and refuses every step that does not fit where it is.

use crate::GroupId;

/// A level of the ladder.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Level {
    /// The team that raised it.
    Team,
    /// A group above the team.
    Group(GroupId),
}

/// The groups above the teams, lowest first (usually the project group, then the steering
/// group). Empty when the municipality has set none: then nothing can be escalated.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ladder(pub Vec<GroupId>);

impl Ladder {
    /// The level above `level`, if there is one. A group that is no longer on the ladder
    /// (the setting changed while the question was there) has none.
    pub fn above(&self, level: Level) -> Option<Level> {
        match level {
            Level::Team => self.0.first().copied().map(Level::Group),
            Level::Group(g) => {
                let at = self.0.iter().position(|x| *x == g)?;
                self.0.get(at + 1).copied().map(Level::Group)
            }
        }
    }

    /// The level below `level`: the group under it, else the team (also for a group that is
    /// no longer on the ladder, so that an answer always finds its way down).
    pub fn below(&self, level: Level) -> Level {
        match level {
            Level::Team => Level::Team,
            Level::Group(g) => match self.0.iter().position(|x| *x == g) {
                Some(at) if at > 0 => Level::Group(self.0[at - 1]),
                _ => Level::Team,
            },
        }
    }
}

/// Where an escalation is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position {
    /// Waiting at this level.
    At(Level),
    /// Decided (by a group, with an owner and a date: an agreement), or settled by the team
    /// once an answer came back. Final.
    Decided(Level),
}

coded_enum! {
    /// One step of an escalation.
    pub enum Step as "escalation step" {
        /// Up one level, with the question for that level.
        Escalate => "escalate",
        /// The level decides; the decision becomes an agreement.
        Decide => "decide",
        /// The level asks for more information; it stays there, waiting.
        AskInformation => "ask-information",
        /// The information asked for is given.
        Inform => "inform",
        /// Down one level, with an answer.
        SendBack => "send-back",
        /// The team settles it with the answer it got (only at the team).
        Settle => "settle",
    }
}

/// Why a step was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepError {
    /// It is decided: nothing more happens to it.
    Decided,
    /// There is no level above this one.
    Top,
    /// This level cannot do that (a team does not decide for a group, a group does not
    /// settle for the team, nothing is sent below the team).
    NotHere,
    /// No information was asked, or it was asked and not yet given.
    Information,
}

impl StepError {
    /// The message key the interface shows.
    pub const fn message_key(self) -> &'static str {
        match self {
            StepError::Decided => "error-escalation-decided",
            StepError::Top => "error-escalation-top",
            StepError::NotHere => "error-escalation-not-here",
            StepError::Information => "error-escalation-information",
        }
    }
}

/// The longest question, answer or piece of information on a step.
pub const MAX_TEXT: usize = 1000;

/// The text of a step (the question for the level above, the information asked for, the
/// answer sent down, how the team settled it), trimmed; or the message key of what is wrong.
pub fn step_text(raw: &str) -> Result<String, &'static str> {
    let text = raw.trim();
    if text.is_empty() {
        Err("error-escalation-text")
    } else if text.chars().count() > MAX_TEXT {
        Err("error-escalation-text-long")
    } else if !crate::text::is_clean_text(text) {
        Err("error-control-characters")
    } else {
        Ok(text.to_owned())
    }
}

/// An escalation's state: where it is, and whether that level waits for information.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Escalation {
    /// Where it is.
    pub position: Position,
    /// Whether the level it is at asked for information that has not come yet.
    pub waiting: bool,
}

impl Escalation {
    /// A team's question, sent to the first level above it.
    pub fn raise(ladder: &Ladder) -> Result<Escalation, StepError> {
        Escalation {
            position: Position::At(Level::Team),
            waiting: false,
        }
        .apply(ladder, Step::Escalate)
    }

    /// The level it waits at, if it is not decided.
    pub const fn level(&self) -> Option<Level> {
        match self.position {
            Position::At(level) => Some(level),
            Position::Decided(_) => None,
        }
    }

    /// The state after `step`, or why the step does not fit.
    pub fn apply(self, ladder: &Ladder, step: Step) -> Result<Escalation, StepError> {
        let Position::At(level) = self.position else {
            return Err(StepError::Decided);
        };
        let at = |position| Escalation {
            position,
            waiting: false,
        };
        match step {
            Step::Escalate => ladder
                .above(level)
                .map(|up| at(Position::At(up)))
                .ok_or(StepError::Top),
            Step::Decide => match level {
                Level::Group(_) => Ok(at(Position::Decided(level))),
                Level::Team => Err(StepError::NotHere),
            },
            Step::Settle => match level {
                Level::Team => Ok(at(Position::Decided(level))),
                Level::Group(_) => Err(StepError::NotHere),
            },
            Step::SendBack => match level {
                Level::Group(_) => Ok(at(Position::At(ladder.below(level)))),
                Level::Team => Err(StepError::NotHere),
            },
            Step::AskInformation if self.waiting => Err(StepError::Information),
            Step::AskInformation => match level {
                Level::Group(_) => Ok(Escalation {
                    waiting: true,
                    ..self
                }),
                Level::Team => Err(StepError::NotHere),
            },
            Step::Inform if self.waiting => Ok(Escalation {
                waiting: false,
                ..self
            }),
            Step::Inform => Err(StepError::Information),
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const PROJECT: GroupId = GroupId(1);
    const STEERING: GroupId = GroupId(2);

    fn two() -> Ladder {
        Ladder(vec![PROJECT, STEERING])
    }

    #[test]
    fn the_speed_display_goes_up_twice_and_the_steering_group_decides() {
        let ladder = two();
        let e = Escalation::raise(&ladder).unwrap();
        assert_eq!(e.level(), Some(Level::Group(PROJECT)));
        let e = e.apply(&ladder, Step::AskInformation).unwrap();
        assert!(e.waiting);
        assert_eq!(
            e.apply(&ladder, Step::AskInformation),
            Err(StepError::Information)
        );
        let e = e.apply(&ladder, Step::Inform).unwrap();
        let e = e.apply(&ladder, Step::Escalate).unwrap();
        assert_eq!(e.level(), Some(Level::Group(STEERING)));
        assert_eq!(e.apply(&ladder, Step::Escalate), Err(StepError::Top));
        let e = e.apply(&ladder, Step::Decide).unwrap();
        assert_eq!(e.position, Position::Decided(Level::Group(STEERING)));
        for step in Step::ALL {
            assert_eq!(e.apply(&ladder, step), Err(StepError::Decided), "{step}");
        }
    }

    #[test]
    fn an_answer_comes_down_and_the_team_settles() {
        let ladder = two();
        let e = Escalation::raise(&ladder)
            .unwrap()
            .apply(&ladder, Step::Escalate)
            .unwrap()
            .apply(&ladder, Step::SendBack)
            .unwrap();
        assert_eq!(e.level(), Some(Level::Group(PROJECT)));
        let e = e.apply(&ladder, Step::SendBack).unwrap();
        assert_eq!(e.level(), Some(Level::Team));
        assert_eq!(e.apply(&ladder, Step::Decide), Err(StepError::NotHere));
        assert_eq!(e.apply(&ladder, Step::SendBack), Err(StepError::NotHere));
        let e = e.apply(&ladder, Step::Settle).unwrap();
        assert_eq!(e.position, Position::Decided(Level::Team));
    }

    #[test]
    fn one_level_or_none() {
        let one = Ladder(vec![PROJECT]);
        let e = Escalation::raise(&one).unwrap();
        assert_eq!(e.apply(&one, Step::Escalate), Err(StepError::Top));
        assert_eq!(
            Escalation::raise(&Ladder::default()),
            Err(StepError::Top),
            "nothing to escalate to"
        );
        // The setting changed: the steering group is gone; an answer still goes down.
        let at_steering = Escalation {
            position: Position::At(Level::Group(STEERING)),
            waiting: false,
        };
        assert_eq!(at_steering.apply(&one, Step::Escalate), Err(StepError::Top));
        assert_eq!(
            at_steering.apply(&one, Step::SendBack).unwrap().level(),
            Some(Level::Team)
        );
    }

    #[test]
    fn a_step_says_something_in_clean_words() {
        assert_eq!(
            step_text("  Wie betaalt het bord?  "),
            Ok("Wie betaalt het bord?".into())
        );
        assert_eq!(step_text("   "), Err("error-escalation-text"));
        assert_eq!(
            step_text(&"a".repeat(MAX_TEXT)).map(|t| t.len()),
            Ok(MAX_TEXT)
        );
        assert_eq!(
            step_text(&"a".repeat(MAX_TEXT + 1)),
            Err("error-escalation-text-long")
        );
        assert_eq!(step_text("a\u{7}b"), Err("error-control-characters"));
    }

    fn step() -> impl Strategy<Value = Step> {
        proptest::sample::select(Step::ALL.to_vec())
    }

    proptest! {
        /// Whatever is tried on whatever ladder: it is always at exactly one level of that
        /// ladder (or the team) or decided, decided is final, and every accepted step is one
        /// entry of its history (nothing lost).
        #[test]
        fn no_escalation_is_ever_lost(levels in 0usize..4, steps in proptest::collection::vec(step(), 0..60)) {
            let ladder = Ladder((1..=levels).map(|n| GroupId(i64::try_from(n).unwrap())).collect());
            let Ok(mut e) = Escalation::raise(&ladder) else {
                prop_assert_eq!(levels, 0);
                return Ok(());
            };
            let mut history = vec![(Step::Escalate, e)];
            for s in steps {
                if let Ok(next) = e.apply(&ladder, s) {
                    prop_assert!(matches!(e.position, Position::At(_)), "decided is final");
                    e = next;
                    history.push((s, e));
                }
                match e.position {
                    Position::At(Level::Team) | Position::Decided(Level::Team) => {}
                    Position::At(Level::Group(g)) | Position::Decided(Level::Group(g)) => {
                        prop_assert!(ladder.0.contains(&g));
                    }
                }
            }
            prop_assert!(history.iter().filter(|(_, e)| matches!(e.position, Position::Decided(_))).count() <= 1);
            for pair in history.windows(2) {
                prop_assert_eq!(pair[0].1.apply(&ladder, pair[1].0), Ok(pair[1].1));
            }
        }
    }
}
