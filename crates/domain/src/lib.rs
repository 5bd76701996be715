//! Pure types and rules of the Safer Neighbourhoods method.
//!
//! Nothing here does IO, async or SQL: every function is true or false on its inputs alone,
//! which is what makes it cheap to test exhaustively (unit and property tests live beside the
//! code). Other crates turn outside data into these types at their edge.

#[macro_use]
mod coded;

pub mod access;
pub mod address;
pub mod agreement;
pub mod ballot_export;
pub mod boundary;
pub mod credentials;
pub mod escalation;
pub mod ids;
pub mod import;
pub mod inventory;
pub mod locale;
pub mod map;
pub mod meeting;
pub mod number;
pub mod org;
pub mod paging;
pub mod paper_count;
pub mod place;
pub mod slug;
pub mod structure;
pub mod suggest;
pub mod tally;
pub mod text;
pub mod vote_code;

pub use ids::{
    AgendaItemId, AgreementId, BallotItemId, ConcernId, CycleId, EscalationId, MeetingId,
    PaperCountId, PriorityId,
};
pub use ids::{
    DepartmentId, DistrictId, GroupId, MunicipalityId, NeighbourhoodId, OrganisationId, PersonId,
    TeamId, UserId,
};
pub use locale::Locale;
pub use number::{OutOfRange, fit};
pub use paging::{Cursor, Page, PageRequest};
pub use slug::Slug;
