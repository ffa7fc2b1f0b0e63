package dev.coffer.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A single instance's cluster: holding writes, and questions and broadcasts that have no one to reach. */
class ClusterTest {

    @Test
    void writesWaitWhileHeldAndGoOnWhenReleased() throws Exception {
        try (Cluster cluster = new Cluster()) {
            cluster.awaitWrites(); // not held: returns at once
            cluster.holdWritesEverywhere();
            CountDownLatch passed = new CountDownLatch(1);
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    cluster.awaitWrites();
                    passed.countDown();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(passed.await(300, TimeUnit.MILLISECONDS)).as("held").isFalse();
            cluster.releaseWritesEverywhere();
            assertThat(passed.await(5, TimeUnit.SECONDS)).as("released").isTrue();
            writer.join();
        }
    }

    @Test
    void aSingleInstanceAsksNoOneAndClaimsEverything() {
        try (Cluster cluster = new Cluster()) {
            assertThat(cluster.clustered()).isFalse();
            assertThat(cluster.ask("t", "anything")).isEmpty();
            cluster.broadcast("t", "x"); // no one to wait for
            assertThat(cluster.members()).hasSize(1);
            assertThat(cluster.claim("k")).isTrue();
            assertThat(cluster.acquire("k", 1, 60)).isTrue();
        }
    }
}
