package dev.coffer.core.event;

import dev.coffer.core.App;
import dev.coffer.core.mail.MailMessage;
import dev.coffer.core.record.Record;
import dev.coffer.tools.hook.Event;
import java.util.Map;
import java.util.Objects;

/**
 * One of an auth record's emails (verification, password reset, email change, OTP, login alert) about to be sent: a
 * handler may change the message, or keep it from being sent by not calling {@code next()}. It then passes through
 * {@code onMailerSend} like every mail.
 */
public final class MailerRecordEvent extends Event {

    private final App app;
    private final Record record;
    private final Map<String, Object> meta;
    private MailMessage message;

    /** Creates the event; {@code meta} holds the flow's values (token, otpId, newEmail, info). */
    public MailerRecordEvent(App app, Record record, MailMessage message, Map<String, Object> meta) {
        this.app = app;
        this.record = record;
        this.message = Objects.requireNonNull(message, "message");
        this.meta = Map.copyOf(meta);
    }

    /** The app. */
    public App app() {
        return app;
    }

    /** The auth record the mail is about. */
    public Record record() {
        return record;
    }

    /** The flow's values the mail was made with. */
    public Map<String, Object> meta() {
        return meta;
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
