package dev.coffer.apis.event;

import dev.coffer.core.App;
import dev.coffer.tools.hook.Event;
import dev.coffer.tools.subscriptions.Message;
import java.util.Objects;

/**
 * A message about to be written to a realtime client (record events and custom messages, over either transport): a
 * handler may change it, or keep it from the client by not calling {@code next()}.
 */
public final class RealtimeMessageEvent extends Event {

    private final App app;
    private final String clientId;
    private Message message;

    /** Creates the event. */
    public RealtimeMessageEvent(App app, String clientId, Message message) {
        this.app = app;
        this.clientId = clientId;
        this.message = Objects.requireNonNull(message, "message");
    }

    /** The app. */
    public App app() {
        return app;
    }

    /** The client's id. */
    public String clientId() {
        return clientId;
    }

    /** The message to write. */
    public Message message() {
        return message;
    }

    /** Replaces the message to write. */
    public void setMessage(Message value) {
        this.message = Objects.requireNonNull(value, "message");
    }
}
