package dev.coffer.apis;

import dev.coffer.apis.event.RealtimeMessageEvent;
import dev.coffer.core.App;
import dev.coffer.tools.subscriptions.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The messages the realtime transports write, passed through {@link ApiHooks#onRealtimeMessageSend()} first. */
final class RealtimeMessages {

    private static final Logger LOG = LoggerFactory.getLogger(RealtimeMessages.class);

    private RealtimeMessages() {}

    /**
     * The message to write for {@code m}: itself when no handler is bound, else what the handlers left (null when
     * one kept it from the client, or failed: the failure is logged).
     */
    static Message outgoing(ApiHooks hooks, App app, String clientId, Message m) {
        if (hooks.onRealtimeMessageSend().size() == 0) {
            return m;
        }
        Message[] out = new Message[1];
        try {
            hooks.onRealtimeMessageSend().trigger(new RealtimeMessageEvent(app, clientId, m),
                    e -> out[0] = e.message());
        } catch (Exception e) {
            LOG.warn("a realtime message to {} was not sent: {}", clientId, e.toString());
            return null;
        }
        return out[0];
    }
}
