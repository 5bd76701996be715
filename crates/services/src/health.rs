//! Liveness and readiness, as load balancers and operators ask for them.

use crate::{Ctx, ServiceResult};

/// Ready when the database answers.
pub async fn check_ready(ctx: &Ctx) -> ServiceResult<()> {
    Ok(ctx.store.ping().await?)
}
