/**
 * Sending email: an SMTP client (implicit TLS or STARTTLS, PLAIN/LOGIN auth), a {@code sendmail} fallback and the
 * plain-text rendering of HTML bodies. No domain words: callers pass an {@link dev.coffer.tools.mail.Email} and a
 * configuration.
 */
package dev.coffer.tools.mail;
