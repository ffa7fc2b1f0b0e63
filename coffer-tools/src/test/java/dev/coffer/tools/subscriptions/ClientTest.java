package dev.coffer.tools.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A realtime client's queue: waiting for, and taking without waiting, the messages sent to it. */
class ClientTest {

    @Test
    void pollTakesTheQueuedMessagesInOrderAndNothingOnceDiscarded() throws Exception {
        Client client = new Client("c1");
        assertThat(client.poll()).as("nothing queued").isNull();
        assertThat(client.send(new Message("a", "1"))).isTrue();
        assertThat(client.send(new Message("a", "2"))).isTrue();
        assertThat(client.send(new Message("a", "3"))).isTrue();
        assertThat(client.next(1, TimeUnit.SECONDS).data()).isEqualTo("1");
        assertThat(client.poll().data()).isEqualTo("2");
        assertThat(client.poll().data()).isEqualTo("3");
        assertThat(client.poll()).isNull();
        client.send(new Message("a", "4"));
        client.discard();
        assertThat(client.poll()).as("a discarded client hands out nothing").isNull();
        assertThat(client.next(10, TimeUnit.MILLISECONDS)).isNull();
        assertThat(client.send(new Message("a", "5"))).isFalse();
    }
}
