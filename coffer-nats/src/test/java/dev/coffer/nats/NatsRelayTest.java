package dev.coffer.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.tools.cluster.Relay;
import dev.coffer.tools.cluster.RelayProvider;
import dev.coffer.tools.testing.Services;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two relays over the local NATS server ({@code COFFER_TEST_NATS_URL}), each test on a subject of its own. */
class NatsRelayTest {

    private String url;
    private Relay one;
    private Relay two;

    @BeforeEach
    void open() {
        String base = Services.require("NATS", "COFFER_TEST_NATS_URL", "nats://127.0.0.1:4222", 4222);
        url = base + "?prefix=t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        one = RelayProvider.forUrl(url).orElseThrow().open(url);
        two = RelayProvider.forUrl(url).orElseThrow().open(url);
    }

    @AfterEach
    void close() {
        if (one != null) {
            one.close();
        }
        if (two != null) {
            two.close();
        }
    }

    @Test
    void everyStartedRelayGetsEveryMessageInPublishOrder() throws Exception {
        BlockingQueue<String> atOne = new LinkedBlockingQueue<>();
        BlockingQueue<String> atTwo = new LinkedBlockingQueue<>();
        one.start(atOne::add, () -> { });
        two.start(atTwo::add, () -> { });
        assertThat(one.transactional()).isFalse();
        for (int i = 0; i < 200; i++) {
            one.publish("m" + i);
        }
        for (int i = 0; i < 200; i++) {
            assertThat(atTwo.poll(5, TimeUnit.SECONDS)).isEqualTo("m" + i);
            assertThat(atOne.poll(5, TimeUnit.SECONDS)).isEqualTo("m" + i);
        }
        String other = url.replace("?prefix=", "?prefix=x");
        Relay elsewhere = RelayProvider.forUrl(other).orElseThrow().open(other);
        try {
            elsewhere.start(m -> { }, () -> { });
            elsewhere.publish("not for them");
            one.publish("last");
            assertThat(atTwo.poll(5, TimeUnit.SECONDS)).as("another prefix is another subject").isEqualTo("last");
        } finally {
            elsewhere.close();
        }
    }

    @Test
    void anUnreachableServerIsRefusedWithTheAddress() {
        Relay r = RelayProvider.forUrl("nats://127.0.0.1:1").orElseThrow().open("nats://127.0.0.1:1");
        assertThatThrownBy(() -> r.start(m -> { }, () -> { })).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("127.0.0.1:1");
    }
}
