//! The SMTP mailer (lettre, on tokio, TLS by rustls).
//!
//! The URL says how to connect: `smtps://user:pass@host[:465]` (TLS from the start) or
//! `smtp://user:pass@host[:587]` (STARTTLS, required). Plain text only when asked for with
//! `?tls=none`, or to a server on this machine (`localhost`, `127.0.0.1`, `::1`), so that a
//! password never crosses a network unencrypted by accident. `?tls=opportunistic` uses
//! STARTTLS when offered.

use std::time::Duration;

use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::send::{MailError, Mailer, Outgoing};

/// How long one SMTP conversation may take.
const TIMEOUT: Duration = Duration::from_secs(20);

/// A mail configuration that cannot work, in words that never include the password.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MailConfigError {
    /// The SMTP URL does not parse.
    #[error("smtp_url is not a valid URL (expected smtp://USER:PASSWORD@HOST:PORT)")]
    InvalidUrl,
    /// Neither `smtp` nor `smtps`, or an unknown `tls` value.
    #[error("smtp_url: {0}")]
    Unsupported(String),
    /// The sender address does not parse.
    #[error("mail_from is not an e-mail address (expected e.g. buurtagenda <noreply@example.nl>)")]
    InvalidFrom,
    /// TLS could not be set up.
    #[error("smtp_url: cannot set up TLS: {0}")]
    Tls(String),
}

/// Delivers mail to an SMTP server.
#[derive(Clone)]
pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for SmtpMailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpMailer")
            .field("from", &self.from.email.to_string())
            .finish_non_exhaustive()
    }
}

/// Whether `host` is this machine. `smtp:` is not a scheme the URL standard knows, so an
/// address comes back as a plain host name and is parsed here.
fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Undoes the `%XX` escapes of a URL's user or password.
fn percent_decoded(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl SmtpMailer {
    /// A mailer for the server at `smtp_url`, sending as `from`.
    pub fn new(smtp_url: &str, from: &str) -> Result<SmtpMailer, MailConfigError> {
        let url = url::Url::parse(smtp_url).map_err(|_| MailConfigError::InvalidUrl)?;
        let from: Mailbox = from.parse().map_err(|_| MailConfigError::InvalidFrom)?;
        let host = url
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or(MailConfigError::InvalidUrl)?
            .trim_matches(['[', ']']);
        let loopback = is_loopback(host);
        let tls_param = url
            .query_pairs()
            .find(|(k, _)| k == "tls")
            .map(|(_, v)| v.into_owned());
        let parameters =
            || TlsParameters::new(host.to_owned()).map_err(|e| MailConfigError::Tls(e.to_string()));
        let (tls, default_port) = match (url.scheme(), tls_param.as_deref()) {
            ("smtps", None) => (Tls::Wrapper(parameters()?), 465),
            ("smtp", Some("none")) => (Tls::None, 25),
            ("smtp", None) if loopback => (Tls::None, 25),
            ("smtp", None | Some("required")) => (Tls::Required(parameters()?), 587),
            ("smtp", Some("opportunistic")) => (Tls::Opportunistic(parameters()?), 587),
            (scheme, tls) => {
                return Err(MailConfigError::Unsupported(format!(
                    "scheme {scheme:?} with tls={tls:?}; use smtps://, or smtp:// with \
                     tls=required, opportunistic or none"
                )));
            }
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
            .port(url.port().unwrap_or(default_port))
            .tls(tls)
            .timeout(Some(TIMEOUT));
        if !url.username().is_empty() {
            builder = builder.credentials(Credentials::new(
                percent_decoded(url.username()),
                percent_decoded(url.password().unwrap_or_default()),
            ));
        }
        Ok(SmtpMailer {
            transport: builder.build(),
            from,
        })
    }
}

impl Mailer for SmtpMailer {
    async fn send(&self, mail: Outgoing<'_>) -> Result<(), MailError> {
        let to: Mailbox = mail
            .to
            .parse()
            .map_err(|e| MailError(format!("recipient address: {e}")))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject)
            .header(ContentType::TEXT_PLAIN)
            .body(mail.body.to_owned())
            .map_err(|e| MailError(format!("building the message: {e}")))?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| MailError(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_choose_tls_and_refuse_nonsense() {
        for ok in [
            "smtp://127.0.0.1:2525",
            "smtp://localhost",
            "smtp://user:p%40ss@mail.example.nl:587",
            "smtp://mail.example.nl?tls=opportunistic",
            "smtp://relay.internal:25?tls=none",
            "smtps://user:pass@mail.example.nl",
        ] {
            assert!(
                SmtpMailer::new(ok, "buurtagenda <noreply@example.nl>").is_ok(),
                "{ok}"
            );
        }
        for (bad, expected) in [
            ("not a url", MailConfigError::InvalidUrl),
            (
                "http://mail.example.nl",
                MailConfigError::Unsupported(String::new()),
            ),
            (
                "smtp://mail.example.nl?tls=maybe",
                MailConfigError::Unsupported(String::new()),
            ),
        ] {
            let err = SmtpMailer::new(bad, "noreply@example.nl").unwrap_err();
            assert_eq!(
                std::mem::discriminant(&err),
                std::mem::discriminant(&expected),
                "{bad}"
            );
        }
        assert_eq!(
            SmtpMailer::new("smtp://localhost", "not an address").unwrap_err(),
            MailConfigError::InvalidFrom
        );
    }

    #[test]
    fn plain_text_only_on_this_machine() {
        for host in ["localhost", "127.0.0.1", "127.0.0.2", "[::1]", "::1"] {
            assert!(is_loopback(host), "{host}");
        }
        for host in ["mail.example.nl", "10.0.0.1", "localhost.example.nl"] {
            assert!(!is_loopback(host), "{host}");
        }
    }

    #[test]
    fn user_and_password_are_percent_decoded() {
        assert_eq!(percent_decoded("p%40ss+w%2Frd"), "p@ss+w/rd");
        assert_eq!(percent_decoded("100%"), "100%");
    }

    #[test]
    fn errors_never_show_the_password() {
        let err = SmtpMailer::new("ftp://user:hunter2@mail.example.nl", "a@b.nl").unwrap_err();
        assert!(!err.to_string().contains("hunter2"), "{err}");
        let mailer = SmtpMailer::new("smtp://user:hunter2@localhost", "a@b.nl").unwrap();
        assert!(!format!("{mailer:?}").contains("hunter2"));
    }
}
