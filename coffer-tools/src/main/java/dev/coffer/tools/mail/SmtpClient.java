package dev.coffer.tools.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import java.util.Set;

/**
 * Sends emails through one SMTP server. With {@link SmtpConfig#tls()} the connection is TLS from the start;
 * otherwise it is upgraded with STARTTLS whenever the server offers it. Credentials are only ever sent over TLS,
 * or in the clear to a server on this machine (as Go's SMTP client insists). Each send opens its own connection.
 */
public final class SmtpClient {

    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "::1");

    private final SmtpConfig config;
    private final Session session;

    /** A client for one server. */
    public SmtpClient(SmtpConfig config) {
        this.config = config;
        this.session = Session.getInstance(properties(config));
    }

    private static Properties properties(SmtpConfig c) {
        String p = "mail." + protocol(c) + ".";
        Properties props = new Properties();
        props.put(p + "host", c.host());
        props.put(p + "port", Integer.toString(c.port()));
        String millis = Long.toString(c.timeout().toMillis());
        props.put(p + "connectiontimeout", millis);
        props.put(p + "timeout", millis);
        props.put(p + "writetimeout", millis);
        if (!c.localName().isEmpty()) {
            props.put(p + "localhost", c.localName());
        }
        if (c.tls()) {
            props.put(p + "ssl.checkserveridentity", "true");
        } else {
            props.put(p + "starttls.enable", "true");
            boolean mustEncrypt = c.authenticates() && !LOCAL_HOSTS.contains(c.host());
            props.put(p + "starttls.required", Boolean.toString(mustEncrypt));
        }
        if (c.authenticates()) {
            props.put(p + "auth", "true");
            props.put(p + "auth.mechanisms", c.auth().name());
        }
        return props;
    }

    private static String protocol(SmtpConfig c) {
        return c.tls() ? "smtps" : "smtp";
    }

    /** The server configuration. */
    public SmtpConfig config() {
        return config;
    }

    /**
     * Sends one email, with a plain-text part rendered from the HTML when it has none.
     *
     * @throws MailSendException when the server can't be reached, refuses the login or the message
     */
    public void send(Email email) {
        MimeMessage message = MimeEmail.of(session, email);
        try (Transport transport = session.getTransport(protocol(config))) {
            if (config.authenticates()) {
                transport.connect(config.host(), config.port(), config.username(), config.password());
            } else {
                transport.connect(config.host(), config.port(), null, null);
            }
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            throw new MailSendException("failed to send the email via SMTP " + config.host() + ":" + config.port()
                    + ": " + describe(e), e);
        }
    }

    /** The message of an SMTP failure and its first cause (such as a refused connection or a TLS error). */
    private String describe(MessagingException e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !text.contains(cause.getMessage())) {
            text = text + " (" + cause.getMessage() + ")";
        }
        return config.password().isEmpty() ? text : text.replace(config.password(), "***");
    }
}
