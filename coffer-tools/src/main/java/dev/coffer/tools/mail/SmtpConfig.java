package dev.coffer.tools.mail;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach an SMTP server.
 *
 * @param host the server's host name or IP
 * @param port the server's port
 * @param username the login ({@code ""} with an empty password for no authentication)
 * @param password the password
 * @param auth the authentication mechanism used when a login is given
 * @param tls {@code true} for implicit TLS from the first byte (port 465 style); {@code false} for a plain
 *     connection upgraded with STARTTLS when the server offers it
 * @param localName the name sent in {@code EHLO}/{@code HELO} ({@code ""} for {@code localhost})
 * @param timeout the connect, read and write timeout
 */
public record SmtpConfig(String host, int port, String username, String password, SmtpAuth auth, boolean tls,
        String localName, Duration timeout) {

    /** The timeout used by {@link #of}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** Checks the parts and turns null texts into {@code ""}. */
    public SmtpConfig {
        Objects.requireNonNull(host, "host");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("invalid SMTP port " + port);
        }
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        auth = auth == null ? SmtpAuth.PLAIN : auth;
        localName = localName == null ? "" : localName;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    /** A configuration with the default timeout. */
    public static SmtpConfig of(String host, int port, String username, String password, SmtpAuth auth,
            boolean tls, String localName) {
        return new SmtpConfig(host, port, username, password, auth, tls, localName, DEFAULT_TIMEOUT);
    }

    /** Whether the client logs in. */
    public boolean authenticates() {
        return !username.isEmpty() || !password.isEmpty();
    }

    /** The configuration without the password, for logs and messages. */
    @Override
    public String toString() {
        return "SmtpConfig[host=" + host + ", port=" + port + ", username=" + username + ", password="
                + (password.isEmpty() ? "" : "***") + ", auth=" + auth + ", tls=" + tls + ", localName=" + localName
                + ", timeout=" + timeout + "]";
    }
}
