package dev.coffer.apis;

import dev.coffer.core.App;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the mails of the auth flows off the request thread, so a response takes as long whether or not a
 * mail goes out (a basic guard against probing for accounts). Failures are logged, never shown to the client.
 */
final class BackgroundMail {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundMail.class);

    private BackgroundMail() {}

    /**
     * Builds and sends a mail on a background thread ({@code send} builds it and hands it to the mailer).
     *
     * @param what names the mail in the log
     * @param onSent runs after a successful send
     * @param onFailure runs after a failed build or send
     */
    static void send(App app, String what, Runnable send, Runnable onSent, Runnable onFailure) {
        Thread.ofPlatform().daemon().name("coffer-mail").start(() -> {
            try {
                send.run();
            } catch (RuntimeException ex) {
                LOG.error("failed to send {} email", what, ex);
                run(onFailure, what);
                return;
            }
            run(onSent, what);
        });
    }

    private static void run(Runnable r, String what) {
        try {
            r.run();
        } catch (RuntimeException ex) {
            LOG.error("failed to finish after the {} email", what, ex);
        }
    }
}
