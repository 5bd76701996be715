use super::*;
use crate::ids::BallotItemId as K;
use proptest::prelude::*;

const ITEMS: [ItemKey; 5] = [K(11), K(12), K(13), K(14), K(15)];

fn paper_of(counts: &[(i64, u64)], attendees: u64) -> Paper {
    Paper {
        stickers: counts.iter().map(|(item, n)| (K(*item), *n)).collect(),
        attendees,
    }
}

#[test]
fn a_phone_ballot_keeps_to_the_stickers_and_one_voice_one_vote() {
    let s = Settings::default();
    assert!(ballot(&s, &ITEMS, &[K(11), K(12), K(13)]).is_ok());
    assert_eq!(
        ballot(&s, &ITEMS, &[K(11), K(12), K(13), K(14)]),
        Err(Refusal::TooMany {
            given: 4,
            allowed: 3
        })
    );
    assert_eq!(
        ballot(&s, &ITEMS, &[K(11), K(11)]),
        Err(Refusal::Twice(K(11)))
    );
    assert_eq!(
        ballot(&s, &ITEMS, &[K(99)]),
        Err(Refusal::NotOnBallot(K(99)))
    );
    assert_eq!(ballot(&s, &ITEMS, &[]), Err(Refusal::Empty));
    let stacking = Settings { stack: true, ..s };
    assert_eq!(
        ballot(&stacking, &ITEMS, &[K(11), K(11), K(11)])
            .unwrap()
            .stickers()[&K(11)],
        3
    );
}

#[test]
fn an_impossible_paper_count_is_refused_with_its_reason() {
    let s = Settings::default();
    assert!(paper(&s, &ITEMS, &paper_of(&[(11, 20), (12, 20), (13, 20)], 20)).is_ok());
    assert_eq!(
        paper(
            &s,
            &ITEMS,
            &paper_of(&[(11, 20), (12, 20), (13, 20), (14, 1)], 20)
        ),
        Err(Refusal::MoreThanAttendees {
            stickers: 61,
            possible: 60
        })
    );
    assert_eq!(
        paper(&s, &ITEMS, &paper_of(&[(11, 21)], 20)),
        Err(Refusal::ItemOverAttendees(K(11)))
    );
    let stacking = Settings { stack: true, ..s };
    assert!(paper(&stacking, &ITEMS, &paper_of(&[(11, 21)], 20)).is_ok());
}

#[test]
fn ties_at_the_cut_off_follow_the_rule() {
    let counts = paper_of(&[(11, 9), (12, 7), (13, 5), (14, 5), (15, 1)], 10);
    let t = tally(&ITEMS, &[counts], &[]);
    let all = rank(&Settings::default(), &t, None).unwrap();
    assert_eq!(
        all.chosen,
        vec![K(11), K(12), K(13), K(14)],
        "four priorities when two tie at third"
    );
    assert_eq!(all.tied, vec![K(13), K(14)]);

    let chair = Settings {
        ties: TieRule::ChairDecides,
        ..Settings::default()
    };
    let open = rank(&chair, &t, None).unwrap();
    assert!(open.chair_must_choose);
    assert_eq!(open.chosen, vec![K(11), K(12)]);
    assert_eq!(
        rank(&chair, &t, Some(&[K(14)])).unwrap().chosen,
        vec![K(11), K(12), K(14)]
    );
    assert_eq!(
        rank(&chair, &t, Some(&[K(15)])),
        Err(ChairProblem::NotTied(K(15)))
    );
    assert_eq!(
        rank(&chair, &t, Some(&[K(13), K(14)])),
        Err(ChairProblem::WrongNumber {
            chosen: 2,
            places: 1
        })
    );
}

#[test]
fn items_without_stickers_are_never_priorities() {
    let t = tally(&ITEMS, &[paper_of(&[(11, 3), (12, 1)], 2)], &[]);
    assert_eq!(
        rank(&Settings::default(), &t, None).unwrap().chosen,
        vec![K(11), K(12)]
    );
}

fn choices() -> impl Strategy<Value = Vec<ItemKey>> {
    proptest::collection::vec(proptest::sample::select(ITEMS.to_vec()), 0..6)
}

fn papers() -> impl Strategy<Value = Vec<Paper>> {
    proptest::collection::vec(
        (
            proptest::collection::btree_map(
                proptest::sample::select(ITEMS.to_vec()),
                0u64..40,
                0..5,
            ),
            0u64..40,
        )
            .prop_map(|(stickers, attendees)| Paper {
                stickers,
                attendees,
            }),
        0..4,
    )
}

fn settings() -> impl Strategy<Value = Settings> {
    (1u32..5, 1u32..5, any::<bool>(), any::<bool>()).prop_map(
        |(stickers, priorities, stack, chair)| Settings {
            stickers,
            priorities,
            stack,
            ties: if chair {
                TieRule::ChairDecides
            } else {
                TieRule::AllTied
            },
        },
    )
}

proptest! {
    #[test]
    fn no_voter_counts_for_more_stickers_than_allowed(s in settings(), voters in proptest::collection::vec(choices(), 0..30)) {
        let accepted: Vec<Ballot> = voters.iter().filter_map(|c| ballot(&s, &ITEMS, c).ok()).collect();
        for b in &accepted {
            prop_assert!(b.stickers().values().sum::<u32>() <= s.stickers);
            prop_assert!(s.stack || b.stickers().values().all(|n| *n == 1));
        }
        let t = tally(&ITEMS, &[], &accepted);
        prop_assert!(t.stickers() <= t.phone_voters * u64::from(s.stickers));
        prop_assert_eq!(t.phone_voters, accepted.len() as u64);
    }

    #[test]
    fn adding_paper_and_phone_does_not_depend_on_the_order(
        s in settings(),
        papers in papers(),
        voters in proptest::collection::vec(choices(), 0..20),
        seed in any::<u64>(),
    ) {
        let papers: Vec<Paper> = papers.into_iter().filter(|p| paper(&s, &ITEMS, p).is_ok()).collect();
        let ballots: Vec<Ballot> = voters.iter().filter_map(|c| ballot(&s, &ITEMS, c).ok()).collect();
        let forward = tally(&ITEMS, &papers, &ballots);
        let mut p2 = papers.clone();
        let mut b2 = ballots.clone();
        p2.reverse();
        let turn = usize::try_from(seed % (b2.len() as u64 + 1)).unwrap();
        let len = b2.len();
        b2.rotate_left(turn.min(len));
        b2.reverse();
        let shuffled = tally(&ITEMS, &p2, &b2);
        prop_assert_eq!(&forward, &shuffled);
        // A pure function: the same input, the same ranking.
        prop_assert_eq!(rank(&s, &forward, None), rank(&s, &shuffled, None));
        let total: u64 = papers.iter().flat_map(|p| p.stickers.values()).sum::<u64>()
            + ballots.iter().flat_map(|b| b.stickers().values()).map(|n| u64::from(*n)).sum::<u64>();
        prop_assert_eq!(forward.stickers(), total);
    }

    #[test]
    fn the_cut_off_is_exactly_the_rule(s in settings(), papers in papers()) {
        let papers: Vec<Paper> = papers.into_iter().filter(|p| paper(&s, &ITEMS, p).is_ok()).collect();
        let t = tally(&ITEMS, &papers, &[]);
        let r = rank(&s, &t, None).unwrap();
        let total = |i: &ItemKey| t.items[i].total();
        let places = s.priorities as usize;
        let voted: Vec<ItemKey> = r.ranked.iter().filter(|(_, n)| *n > 0).map(|(i, _)| *i).collect();
        // Everything chosen has stickers, and nothing left out has more than anything chosen.
        prop_assert!(r.chosen.iter().all(|i| total(i) > 0));
        for out in voted.iter().filter(|i| !r.chosen.contains(i)) {
            prop_assert!(r.chosen.iter().all(|c| total(c) >= total(out)));
        }
        if voted.len() <= places {
            prop_assert_eq!(r.chosen.len(), voted.len());
        } else if r.tied.is_empty() {
            prop_assert_eq!(r.chosen.len(), places);
        } else {
            let cut = total(&voted[places - 1]);
            prop_assert!(r.tied.iter().all(|i| total(i) == cut));
            match s.ties {
                TieRule::AllTied => {
                    prop_assert!(r.chosen.len() > places);
                    prop_assert!(voted.iter().filter(|i| total(i) >= cut).all(|i| r.chosen.contains(i)));
                }
                TieRule::ChairDecides => {
                    prop_assert!(r.chair_must_choose);
                    prop_assert!(r.chosen.len() < places);
                    let left = places - r.chosen.len();
                    let pick: Vec<ItemKey> = r.tied.iter().copied().take(left).collect();
                    let settled = rank(&s, &t, Some(&pick)).unwrap();
                    prop_assert_eq!(settled.chosen.len(), places);
                    prop_assert!(!settled.chair_must_choose);
                }
            }
        }
    }
}
