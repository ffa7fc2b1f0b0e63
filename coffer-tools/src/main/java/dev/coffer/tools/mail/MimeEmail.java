package dev.coffer.tools.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Date;

/**
 * The MIME form of an {@link Email}: {@code From: "Name" <address>}, the recipients, a UTF-8 subject and a
 * {@code multipart/alternative} body of the plain text and the HTML; the {@code Message-ID} is random at the
 * sender's domain.
 */
final class MimeEmail extends MimeMessage {

    private static final String ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String idDomain;

    private MimeEmail(Session session, String idDomain) {
        super(session);
        this.idDomain = idDomain;
    }

    /**
     * Builds the message.
     *
     * @throws MailSendException when an address is malformed
     */
    static MimeMessage of(Session session, Email email) {
        String from = email.fromAddress();
        int at = from.lastIndexOf('@');
        MimeEmail m = new MimeEmail(session, at >= 0 ? from.substring(at + 1) : "localhost");
        try {
            m.setFrom(email.fromName().isEmpty() ? address(from)
                    : new InternetAddress(address(from).getAddress(), email.fromName(), StandardCharsets.UTF_8.name()));
            InternetAddress[] to = new InternetAddress[email.to().size()];
            for (int i = 0; i < to.length; i++) {
                to[i] = address(email.to().get(i));
            }
            m.setRecipients(Message.RecipientType.TO, to);
            m.setSubject(email.subject(), StandardCharsets.UTF_8.name());
            m.setSentDate(new Date());
            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(email.plainText(), StandardCharsets.UTF_8.name());
            alternative.addBodyPart(text);
            if (!email.html().isEmpty()) {
                MimeBodyPart html = new MimeBodyPart();
                html.setText(email.html(), StandardCharsets.UTF_8.name(), "html");
                alternative.addBodyPart(html);
            }
            m.setContent(alternative);
            m.saveChanges();
            return m;
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new MailSendException("cannot build the email: " + e.getMessage(), e);
        }
    }

    private static InternetAddress address(String value) {
        try {
            return new InternetAddress(value, true);
        } catch (AddressException e) {
            throw new MailSendException("invalid email address \"" + value + "\": " + e.getMessage(), e);
        }
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        StringBuilder id = new StringBuilder("<");
        for (int i = 0; i < 15; i++) {
            id.append(ID_CHARS.charAt(RANDOM.nextInt(ID_CHARS.length())));
        }
        setHeader("Message-ID", id.append('@').append(idDomain).append('>').toString());
    }
}
