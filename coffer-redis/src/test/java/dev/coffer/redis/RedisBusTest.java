package dev.coffer.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.tools.cluster.Bus;
import dev.coffer.tools.cluster.ClusterMember;
import dev.coffer.tools.cluster.RelayBus;
import dev.coffer.tools.cluster.RelayProvider;
import dev.coffer.tools.testing.Services;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two instances' buses over the local Redis ({@code COFFER_TEST_REDIS_URL}), each test under a prefix of its own. */
class RedisBusTest {

    private String url;
    private Bus one;
    private Bus two;

    @BeforeEach
    void open() {
        String base = Services.require("Redis", "COFFER_TEST_REDIS_URL", "redis://127.0.0.1:6379", 6379);
        url = base + "?prefix=t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        one = open("instance1");
        two = open("instance2");
    }

    private Bus open(String id) {
        RelayProvider p = RelayProvider.forUrl(url).orElseThrow();
        return RelayBus.start(id, p.open(url), p.coordination(url, id).orElseThrow(), Runnable::run);
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
    void messagesReachTheOtherInstanceInPublishOrderAndNotTheSender() throws Exception {
        BlockingQueue<String> atTwo = new LinkedBlockingQueue<>();
        BlockingQueue<String> atOne = new LinkedBlockingQueue<>();
        two.subscribe("t", atTwo::add);
        one.subscribe("t", atOne::add);
        String big = "é".repeat(50_000);
        for (int i = 0; i < 100; i++) {
            one.publish("t", "m" + i);
        }
        one.publish("t", big);
        for (int i = 0; i < 100; i++) {
            assertThat(atTwo.poll(5, TimeUnit.SECONDS)).isEqualTo("m" + i);
        }
        assertThat(atTwo.poll(5, TimeUnit.SECONDS)).isEqualTo(big);
        assertThat(atOne).isEmpty();
    }

    @Test
    void claimsRateWindowsAndMembersAreShared() {
        assertThat(one.claim("cron:job:2026-12-03T10:00Z")).isTrue();
        assertThat(two.claim("cron:job:2026-12-03T10:00Z")).isFalse();
        String key = "posts:list\u0000@guest\u0000127.0.0.1";
        assertThat(one.acquire(key, 2, 60)).isTrue();
        assertThat(two.acquire(key, 2, 60)).isTrue();
        assertThat(one.acquire(key, 2, 60)).isFalse();
        assertThat(two.acquire("other", 2, 60)).isTrue();
        one.announce("http://10.0.0.1:8090");
        assertThat(two.members()).extracting(ClusterMember::id).containsExactly("instance1", "instance2");
        assertThat(two.members().get(0).address()).isEqualTo("http://10.0.0.1:8090");
        one.close();
        one = null;
        assertThat(two.members()).extracting(ClusterMember::id).containsExactly("instance2");
    }

    @Test
    void anUnreachableRedisIsRefusedWithTheAddress() {
        RelayProvider p = RelayProvider.forUrl("redis://127.0.0.1:1").orElseThrow();
        assertThatThrownBy(() -> p.open("redis://127.0.0.1:1").start(m -> { }, () -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("127.0.0.1:1");
    }
}
