package dev.coffer.core.mail;

/** Sends emails; the app's mailer follows the SMTP settings. */
@FunctionalInterface
public interface Mailer {

    /**
     * Sends a message.
     *
     * @throws MailException when the message can't be handed to the mail server
     */
    void send(MailMessage message);
}
