use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn input(what: &str, owner: &str, target: &str, hard: &str) -> AgreementInput {
    AgreementInput {
        what: what.into(),
        owner: owner.into(),
        residents: String::new(),
        target: target.into(),
        hard: hard.into(),
    }
}

#[test]
fn only_the_listed_transitions_are_allowed_and_closed_is_final() {
    use AgreementState as S;
    for from in S::ALL {
        for to in S::ALL {
            let allowed = transition(from, to, "omdat").is_ok();
            assert_eq!(allowed, from.next().contains(&to), "{from} -> {to}");
            if from.is_closed() {
                assert!(!allowed, "{from} is final");
            }
        }
    }
    assert_eq!(
        transition(S::Agreed, S::NotDone, "  "),
        Err(TransitionError::ReasonMissing)
    );
    assert_eq!(
        transition(S::InProgress, S::Withdrawn, ""),
        Err(TransitionError::ReasonMissing)
    );
    assert_eq!(transition(S::InProgress, S::Done, ""), Ok(S::Done));
    assert_eq!(
        transition(S::Proposed, S::Done, "klaar"),
        Err(TransitionError::NotAllowed),
        "nothing is done before anyone agreed to do it"
    );
}

#[test]
fn a_form_names_every_problem_at_once() {
    let today = d("2026-12-05");
    let problems = input("", "someone", "2026-12-01", "2026-11-30")
        .check(today)
        .unwrap_err();
    assert_eq!(
        problems,
        vec![
            ("what", "error-agreement-what"),
            ("owner", "error-agreement-owner"),
            ("target", "error-agreement-past"),
            ("hard", "error-agreement-hard-early"),
        ]
    );
    let problems = input("Snelheidsdisplay", "residents", "morgen", "")
        .check(today)
        .unwrap_err();
    assert_eq!(
        problems,
        vec![
            ("residents", "error-agreement-residents"),
            ("target", "error-agreement-date"),
        ]
    );
    let long = "x".repeat(MAX_WHAT + 1);
    assert_eq!(
        input(&long, "person:1", "2026-12-05", "").check(today),
        Err(vec![("what", "error-agreement-what-long")])
    );
    assert_eq!(
        input("a\u{0}b", "person:1", "2026-12-05", "").check(today),
        Err(vec![("what", "error-control-characters")])
    );
}

#[test]
fn a_good_form_gives_the_draft() {
    let today = d("2026-12-05");
    let draft = input(
        " Snelheidsdisplay plaatsen ",
        "department:4",
        "2026-12-05",
        "2027-01-31",
    )
    .check(today)
    .unwrap();
    assert_eq!(draft.what, "Snelheidsdisplay plaatsen");
    assert_eq!(draft.owner, Owner::Department(DepartmentId(4)));
    assert_eq!(draft.target, today);
    assert_eq!(draft.hard, Some(d("2027-01-31")));
    let mut posters = input("NO DRUGS posters ophangen", "residents", "2026-12-20", "");
    posters.residents = "Buurtkader Limmel".into();
    assert_eq!(
        posters.check(today).unwrap().owner,
        Owner::Residents("Buurtkader Limmel".into())
    );
    for bad in ["person:0", "person:-3", "person:x", "group:2", "person", ""] {
        assert_eq!(Owner::parse(bad, ""), None, "{bad}");
    }
    assert_eq!(
        Owner::parse("person:12", "").unwrap().form_value(),
        "person:12"
    );
}

#[test]
fn promises_kept_counts_by_the_date_first_agreed() {
    use AgreementState as S;
    let as_of = d("2026-12-31");
    let p = |promised: &str, closed: Option<(S, &str)>| Promise {
        promised: d(promised),
        closed: closed.map(|(s, on)| (s, d(on))),
    };
    let list = [
        p("2026-12-01", Some((S::Done, "2026-11-30"))), // kept
        p("2026-12-01", Some((S::Done, "2026-12-01"))), // kept, on the day
        p("2026-12-01", Some((S::Done, "2026-12-02"))), // late
        p("2026-12-01", Some((S::NotDone, "2026-11-20"))), // not done
        p("2026-12-01", None),                          // open and overdue
        p("2026-12-01", Some((S::Withdrawn, "2026-11-01"))), // withdrawn in time: not due
        p("2026-12-01", Some((S::Withdrawn, "2026-12-15"))), // withdrawn late: due, not kept
        p("2027-01-15", Some((S::Done, "2026-12-01"))), // not due yet
    ];
    let kept = promises_kept(&list, as_of);
    assert_eq!(kept, Kept { due: 6, kept: 2 });
    assert_eq!(kept.percent(), Some(33));
    assert_eq!(promises_kept(&[], as_of).percent(), None);
}

#[test]
fn reminders_fire_once_per_threshold_and_rearm_when_the_date_moves() {
    let due = d("2026-12-20");
    let thresholds = [7, 0];
    assert!(reminders_due(&thresholds, due, d("2026-12-12"), &[]).is_empty());
    assert_eq!(
        reminders_due(&thresholds, due, d("2026-12-13"), &[]),
        vec![7]
    );
    let sent = [(7, due)];
    assert!(reminders_due(&thresholds, due, d("2026-12-14"), &sent).is_empty());
    assert_eq!(
        reminders_due(&thresholds, due, d("2026-12-20"), &sent),
        vec![0]
    );
    // A job that did not run for a week finds both at once.
    assert_eq!(
        reminders_due(&thresholds, due, d("2026-12-21"), &[]),
        vec![0, 7]
    );
    // The date moves: the old pairs name the old date, so both fire again in time.
    let moved = d("2027-01-10");
    let sent = [(7, due), (0, due)];
    assert!(reminders_due(&thresholds, moved, d("2027-01-02"), &sent).is_empty());
    assert_eq!(
        reminders_due(&thresholds, moved, d("2027-01-03"), &sent),
        vec![7]
    );
}

fn state() -> impl Strategy<Value = AgreementState> {
    proptest::sample::select(AgreementState::ALL.to_vec())
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (0i64..120).prop_map(|n| d("2026-11-01") + chrono::Duration::days(n))
}

proptest! {
    /// Any sequence of attempted moves: the state only ever takes allowed steps, every
    /// accepted step is recorded (nothing lost), and once closed nothing changes.
    #[test]
    fn the_state_machine_takes_only_its_steps(steps in proptest::collection::vec((state(), any::<bool>()), 0..40)) {
        let mut now = AgreementState::Proposed;
        let mut history = vec![now];
        for (to, with_reason) in steps {
            let note = if with_reason { "reden" } else { "" };
            match transition(now, to, note) {
                Ok(next) => {
                    prop_assert!(now.may_become(next));
                    prop_assert!(!now.is_closed());
                    now = next;
                    history.push(now);
                }
                Err(TransitionError::ReasonMissing) => prop_assert!(to.needs_reason() && !with_reason),
                Err(TransitionError::NotAllowed) => prop_assert!(!now.may_become(to)),
            }
        }
        for pair in history.windows(2) {
            prop_assert!(pair[0].may_become(pair[1]));
        }
        prop_assert!(history.iter().filter(|s| s.is_closed()).count() <= 1);
    }

    /// Promises kept is its definition, whatever the order of the list.
    #[test]
    fn promises_kept_is_its_definition_in_any_order(
        list in proptest::collection::vec((date(), proptest::option::of((state(), date()))), 0..30),
        as_of in date(),
        seed in any::<u64>(),
    ) {
        let promises: Vec<Promise> = list.iter().map(|(promised, closed)| Promise { promised: *promised, closed: *closed }).collect();
        let due: Vec<&Promise> = promises.iter().filter(|p| p.promised <= as_of && !matches!(p.closed, Some((AgreementState::Withdrawn, on)) if on < p.promised)).collect();
        let kept = due.iter().filter(|p| matches!(p.closed, Some((AgreementState::Done, on)) if on <= p.promised)).count();
        let expected = Kept { due: u32::try_from(due.len()).unwrap(), kept: u32::try_from(kept).unwrap() };
        prop_assert_eq!(promises_kept(&promises, as_of), expected);
        let mut shuffled = promises.clone();
        let n = shuffled.len();
        if n > 1 {
            let k = usize::try_from(seed % (n as u64)).unwrap();
            shuffled.rotate_left(k);
            shuffled.reverse();
        }
        prop_assert_eq!(promises_kept(&shuffled, as_of), expected);
        prop_assert!(expected.kept <= expected.due);
    }

    /// Run day by day, each threshold fires exactly once per due date, on or after its day;
    /// moving the date re-arms them.
    #[test]
    fn reminders_fire_once_each(
        thresholds in proptest::collection::vec(0u32..15, 1..4),
        due in date(),
        moved_by in 1i64..20,
    ) {
        let mut sent: Vec<(u32, NaiveDate)> = Vec::new();
        let mut fired: Vec<(u32, NaiveDate, NaiveDate)> = Vec::new();
        let moved = due + chrono::Duration::days(moved_by);
        let start = due - chrono::Duration::days(20);
        for n in 0..60 {
            let today = start + chrono::Duration::days(n);
            // Halfway the due date moves later.
            let current = if n < 15 { due } else { moved };
            for t in reminders_due(&thresholds, current, today, &sent) {
                prop_assert!(today >= current - chrono::Duration::days(i64::from(t)));
                sent.push((t, current));
                fired.push((t, current, today));
            }
        }
        let mut distinct = thresholds.clone();
        distinct.sort_unstable();
        distinct.dedup();
        for t in &distinct {
            prop_assert_eq!(fired.iter().filter(|(x, on, _)| x == t && *on == moved).count(), 1);
            prop_assert!(fired.iter().filter(|(x, on, _)| x == t && *on == due).count() <= 1);
        }
    }
}
