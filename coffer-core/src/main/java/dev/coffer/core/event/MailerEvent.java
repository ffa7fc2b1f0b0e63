package dev.coffer.core.event;

import dev.coffer.core.App;
import dev.coffer.core.mail.MailMessage;
import dev.coffer.tools.hook.Event;
import java.util.Objects;

/**
 * An email about to be sent by the app's mailer: a handler may change the message (the action sends whatever
 * {@link #message()} holds when the chain ends) or stop it by not calling {@code next()}.
 */
public final class MailerEvent extends Event {

    private final App app;
    private MailMessage message;

    /** Creates the event. */
    public MailerEvent(App app, MailMessage message) {
        this.app = app;
        this.message = Objects.requireNonNull(message, "message");
    }

    /** The app. */
    public App app() {
        return app;
    }

    /** The message to send. */
    public MailMessage message() {
        return message;
    }

    /** Replaces the message to send. */
    public void setMessage(MailMessage value) {
        this.message = Objects.requireNonNull(value, "message");
    }
}
