//! The network address of the visitor, for rate limits: the peer of the connection, or,
//! when that peer is a reverse proxy listed in `WebConfig::trusted_proxies`, the address the
//! proxy put in `X-Forwarded-For`. Without the setting the header is ignored, so nobody can
//! escape a limit by writing it themselves.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;

use crate::AppState;
use crate::error::AppError;

/// Extractor: the visitor's network address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);

impl std::fmt::Display for ClientIp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip())
            .ok_or_else(|| {
                let missing = std::io::Error::other(
                    "no connection info: serve with into_make_service_with_connect_info",
                );
                AppError::Service(services::ServiceError::Internal(missing.into()))
            })?;
        Ok(ClientIp(client_ip(
            peer,
            &parts.headers,
            &state.config.trusted_proxies,
        )))
    }
}

/// The visitor behind `peer`: walking `X-Forwarded-For` from the right (the hop nearest to
/// us), past every trusted proxy, the first address that is not one. A missing or garbled
/// header leaves the last trusted address seen.
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let hops = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .collect::<Vec<_>>();
    let mut client = peer;
    for hop in hops.into_iter().rev() {
        let Ok(ip) = hop.parse::<IpAddr>() else {
            break;
        };
        client = ip;
        if !trusted.contains(&ip) {
            break;
        }
    }
    client
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn forwarded(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for v in values {
            headers.append("x-forwarded-for", HeaderValue::from_str(v).unwrap());
        }
        headers
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_claims() {
        let headers = forwarded(&["203.0.113.9"]);
        assert_eq!(
            client_ip(ip("198.51.100.1"), &headers, &[]),
            ip("198.51.100.1")
        );
        assert_eq!(
            client_ip(ip("198.51.100.1"), &headers, &[ip("10.0.0.1")]),
            ip("198.51.100.1")
        );
    }

    #[test]
    fn behind_a_trusted_proxy_the_nearest_untrusted_hop_is_the_client() {
        let proxy = ip("10.0.0.1");
        let trusted = [proxy, ip("10.0.0.2")];
        // The client wrote a fake first entry; the proxies appended the real one.
        let headers = forwarded(&["6.6.6.6, 203.0.113.9", "10.0.0.2"]);
        assert_eq!(client_ip(proxy, &headers, &trusted), ip("203.0.113.9"));
        let headers = forwarded(&["2001:db8::7"]);
        assert_eq!(client_ip(proxy, &headers, &trusted), ip("2001:db8::7"));
    }

    #[test]
    fn a_missing_or_garbled_header_leaves_the_proxy() {
        let proxy = ip("10.0.0.1");
        assert_eq!(client_ip(proxy, &HeaderMap::new(), &[proxy]), proxy);
        let headers = forwarded(&["203.0.113.9, nonsense"]);
        assert_eq!(client_ip(proxy, &headers, &[proxy]), proxy);
    }
}
