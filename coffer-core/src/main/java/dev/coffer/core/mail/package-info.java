/**
 * The app's emails: the {@link dev.coffer.core.mail.Mailer} contract, the default mailer that follows the SMTP
 * settings, the auth email templates with their placeholders and layout, and the settings' test emails.
 */
package dev.coffer.core.mail;
