package dev.coffer.tools.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BusUrlTest {

    @Test
    void thePrefixOptionIsTakenOutAndTheOtherOptionsStay() {
        assertThat(BusUrl.parse("redis://h:6379")).isEqualTo(new BusUrl("redis://h:6379", "coffer"));
        assertThat(BusUrl.parse("redis://h:6379/2?prefix=shop")).isEqualTo(new BusUrl("redis://h:6379/2", "shop"));
        assertThat(BusUrl.parse("rediss://u:p@h?timeout=10s&prefix=a_b-1&clientName=x"))
                .isEqualTo(new BusUrl("rediss://u:p@h?timeout=10s&clientName=x", "a_b-1"));
        assertThat(RelayProvider.masked("redis://user:secret@h:6379?password=x")).isEqualTo("redis://user:***@h:6379?password=***");
    }

    @Test
    void aPrefixThatCantNameAChannelIsRefused() {
        assertThatThrownBy(() -> BusUrl.parse("nats://h:4222?prefix=a.b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a.b");
        assertThatThrownBy(() -> BusUrl.parse("nats://h:4222?prefix=")).isInstanceOf(IllegalArgumentException.class);
    }
}
