//! Voting on a phone with a one-time code. The code names the meeting; it is kept only as a
//! hash, and used once: claiming it is one conditional `UPDATE` in the same transaction as
//! the anonymous ballot, so fifty submissions of one code store exactly one ballot. The
//! ballot carries no code and no time.

use domain::BallotItemId;
use domain::meeting::MeetingState;
use domain::tally::{self, Refusal};
use domain::vote_code::VoteCode;
use store::repo::meetings::{self, MeetingRecord};
use store::repo::votes;

use super::BallotItemRecord;
use super::plan::code_hash;
use crate::{Ctx, ServiceError, ServiceResult};

/// The message key of an unknown code: the web layer counts these per address, so that
/// guessing codes stops long before it could succeed.
pub const UNKNOWN_CODE: &str = "error-vote-code-unknown";

/// What a voter sees after entering a good code.
#[derive(Clone, Debug)]
pub struct VoteBallot {
    /// The code as printed (`ABCDE-FGHJK`).
    pub code: String,
    /// The team's name.
    pub team: String,
    /// The meeting (its settings say how many stickers and whether they stack).
    pub meeting: MeetingRecord,
    /// The items.
    pub items: Vec<BallotItemRecord>,
}

fn refused(key: &'static str) -> ServiceError {
    ServiceError::invalid("code", key)
}

/// The meeting of a typed code and its ballot, if the code can still vote.
async fn open_meeting_of(ctx: &Ctx, typed: &str) -> ServiceResult<(VoteCode, MeetingRecord)> {
    if typed.trim().is_empty() {
        return Err(refused("error-vote-code-empty"));
    }
    let code = VoteCode::parse(typed).map_err(|_| refused("error-vote-code-form"))?;
    let conn = ctx.store.conn();
    let (meeting, used) = votes::find_code(conn, &code_hash(&code))
        .await?
        .ok_or_else(|| refused(UNKNOWN_CODE))?;
    let meeting = meetings::get(conn, meeting)
        .await?
        .ok_or_else(|| refused(UNKNOWN_CODE))?;
    match meeting.state {
        MeetingState::Planned => return Err(refused("error-vote-not-open")),
        MeetingState::Closed | MeetingState::Published => {
            return Err(refused("error-vote-closed"));
        }
        MeetingState::Open => {}
    }
    if used {
        return Err(refused("error-vote-code-used"));
    }
    Ok((code, meeting))
}

/// The ballot for a typed code: refused when the code is malformed, unknown, used, or its
/// meeting is not open.
pub async fn ballot_for(ctx: &Ctx, typed: &str) -> ServiceResult<VoteBallot> {
    let (code, meeting) = open_meeting_of(ctx, typed).await?;
    let conn = ctx.store.conn();
    let items = meetings::ballot(conn, meeting.id).await?;
    let team = store::repo::teams::name(conn, meeting.team)
        .await?
        .unwrap_or_default();
    Ok(VoteBallot {
        code: code.to_string(),
        team,
        meeting,
        items,
    })
}

fn choice_problem(refusal: &Refusal) -> ServiceError {
    let key = match refusal {
        Refusal::Empty => "error-vote-empty",
        Refusal::TooMany { .. } => "error-vote-too-many",
        Refusal::Twice(_) => "error-vote-twice",
        _ => "error-vote-not-on-ballot",
    };
    ServiceError::invalid("choices", key)
}

/// Casts a ballot: `choices` names an item once per sticker. Exactly one ballot per code,
/// however many times and however fast it is sent; a closed meeting refuses.
pub async fn cast(ctx: &Ctx, typed: &str, choices: &[BallotItemId]) -> ServiceResult<()> {
    let (code, meeting) = open_meeting_of(ctx, typed).await?;
    let hash = code_hash(&code);
    let tx = ctx.store.begin_write().await?;
    // The state again, under a shared lock: closing waits for ballots in flight.
    match meetings::state_for_vote(&tx, meeting.id).await? {
        Some(MeetingState::Open) => {}
        _ => return Err(refused("error-vote-closed")),
    }
    let items: Vec<BallotItemId> = meetings::ballot(&tx, meeting.id)
        .await?
        .iter()
        .map(|i| i.id)
        .collect();
    let ballot =
        tally::ballot(&meeting.settings, &items, choices).map_err(|r| choice_problem(&r))?;
    if !votes::claim_code(&tx, meeting.id, &hash).await? {
        return Err(refused("error-vote-code-used"));
    }
    votes::add_ballot(&tx, meeting.id, ballot.stickers()).await?;
    tx.commit().await?;
    Ok(())
}
