package dev.coffer.tools.mail;

import java.util.List;
import java.util.Objects;

/**
 * One outgoing email.
 *
 * @param fromName the sender's display name ({@code ""} for none)
 * @param fromAddress the sender's address
 * @param to the recipients' addresses (at least one)
 * @param subject the subject line
 * @param html the HTML body
 * @param text the plain-text alternative; {@code ""} to derive it from the HTML
 */
public record Email(String fromName, String fromAddress, List<String> to, String subject, String html, String text) {

    /** Checks the parts, copies the recipients and turns null texts into {@code ""}. */
    public Email {
        Objects.requireNonNull(fromAddress, "fromAddress");
        to = List.copyOf(to);
        if (to.isEmpty()) {
            throw new IllegalArgumentException("an email needs at least one recipient");
        }
        fromName = fromName == null ? "" : fromName;
        subject = subject == null ? "" : subject;
        html = html == null ? "" : html;
        text = text == null ? "" : text;
    }

    /** The plain-text body: the given one, or one rendered from the HTML. */
    public String plainText() {
        return text.isEmpty() ? HtmlToText.convert(html) : text;
    }
}
