package dev.coffer.core.mail;

import dev.coffer.core.settings.Settings;
import dev.coffer.tools.mail.Email;
import dev.coffer.tools.mail.MailSendException;
import dev.coffer.tools.mail.SendmailClient;
import dev.coffer.tools.mail.SmtpClient;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The app's default mailer. It reads the current settings at each send: with {@code smtp.enabled} the message
 * goes to the configured SMTP server, otherwise to the local {@code sendmail} program as PocketBase does, and
 * when there is neither the send fails. A message without a sender gets the settings' sender name and address.
 */
public final class SettingsMailer implements Mailer {

    private final Supplier<Settings> settings;
    private final Supplier<Optional<SendmailClient>> sendmail;

    /** A mailer following the given settings, falling back to the system's {@code sendmail}. */
    public SettingsMailer(Supplier<Settings> settings) {
        this(settings, SendmailClient::find);
    }

    /** A mailer following the given settings, with the fallback found by {@code sendmail}. */
    public SettingsMailer(Supplier<Settings> settings, Supplier<Optional<SendmailClient>> sendmail) {
        this.settings = settings;
        this.sendmail = sendmail;
    }

    @Override
    public void send(MailMessage message) {
        Settings current = settings.get();
        Email email = toEmail(message, current);
        try {
            if (current.smtpEnabled()) {
                new SmtpClient(current.smtp()).send(email);
                return;
            }
            SendmailClient fallback = sendmail.get().orElseThrow(() -> new MailException(
                    "cannot send the email: no SMTP server is configured (smtp.enabled is false) and no sendmail"
                            + " program was found"));
            fallback.send(email);
        } catch (MailSendException e) {
            throw new MailException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new MailException("cannot send the email: " + e.getMessage(), e);
        }
    }

    /** The message with the settings' sender when it names none. */
    static Email toEmail(MailMessage message, Settings settings) {
        boolean defaultSender = message.fromAddress().isBlank();
        String address = defaultSender ? settings.senderAddress() : message.fromAddress();
        String name = defaultSender && message.fromName().isEmpty() ? settings.senderName() : message.fromName();
        return new Email(name, address, message.to(), message.subject(), message.html(), message.text());
    }
}
