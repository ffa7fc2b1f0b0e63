package dev.coffer.core.mail;

import java.util.List;
import java.util.Objects;

/**
 * One email: sender, recipients, subject and an HTML body (with an optional plain-text alternative).
 *
 * @param fromName the sender's display name ({@code ""} for none)
 * @param fromAddress the sender's address
 * @param to the recipients' addresses
 * @param subject the subject line
 * @param html the HTML body
 * @param text the plain-text body, or {@code ""} to derive none
 */
public record MailMessage(String fromName, String fromAddress, List<String> to, String subject, String html, String text) {

    /** Checks the parts and copies the recipients. */
    public MailMessage {
        Objects.requireNonNull(fromAddress, "fromAddress");
        Objects.requireNonNull(subject, "subject");
        to = List.copyOf(to);
        fromName = fromName == null ? "" : fromName;
        html = html == null ? "" : html;
        text = text == null ? "" : text;
    }
}
