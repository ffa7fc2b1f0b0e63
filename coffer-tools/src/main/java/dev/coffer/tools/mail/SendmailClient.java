package dev.coffer.tools.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Sends emails by piping them to the local {@code sendmail} program ({@code sendmail -i -t}, recipients read
 * from the headers), the fallback when no SMTP server is configured.
 */
public final class SendmailClient {

    /** Where the program is looked for, in order. */
    public static final List<Path> LOCATIONS = List.of(Path.of("/usr/sbin/sendmail"), Path.of("/usr/bin/sendmail"));

    private static final long TIMEOUT_SECONDS = 30;

    private final Path program;
    private final Session session = Session.getInstance(new Properties());

    /** A client running the given program. */
    public SendmailClient(Path program) {
        this.program = program;
    }

    /** A client for the first executable {@code sendmail} of {@link #LOCATIONS}, if any. */
    public static Optional<SendmailClient> find() {
        return LOCATIONS.stream().filter(Files::isExecutable).findFirst().map(SendmailClient::new);
    }

    /**
     * Sends one email.
     *
     * @throws MailSendException when the program can't run, times out or exits with an error
     */
    public void send(Email email) {
        var message = MimeEmail.of(session, email);
        try {
            Process process = new ProcessBuilder(program.toString(), "-i", "-t")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try (OutputStream in = process.getOutputStream()) {
                message.writeTo(in);
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new MailSendException(program + " did not finish within " + TIMEOUT_SECONDS + "s");
            }
            if (process.exitValue() != 0) {
                String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                throw new MailSendException(program + " exited with " + process.exitValue()
                        + (err.isEmpty() ? "" : ": " + err));
            }
        } catch (IOException | MessagingException e) {
            throw new MailSendException("failed to send the email via " + program + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailSendException("interrupted while sending the email via " + program, e);
        }
    }
}
