package dev.coffer.testkit;

import dev.coffer.core.mail.MailMessage;
import dev.coffer.core.mail.Mailer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A mailer that keeps the messages instead of sending them, for tests (PocketBase's API tests run with one too).
 * Install it with {@code TestApp.fromFixture(c -> c.app().setMailer(mailer))}.
 */
public final class TestMailer implements Mailer {

    private final List<MailMessage> sent = new ArrayList<>();

    @Override
    public synchronized void send(MailMessage message) {
        sent.add(message);
    }

    /** The messages sent so far, oldest first. */
    public synchronized List<MailMessage> messages() {
        return List.copyOf(sent);
    }

    /** The last message sent, if any. */
    public synchronized Optional<MailMessage> last() {
        return sent.isEmpty() ? Optional.empty() : Optional.of(sent.get(sent.size() - 1));
    }
}
