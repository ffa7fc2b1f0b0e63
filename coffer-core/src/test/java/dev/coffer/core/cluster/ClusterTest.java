package dev.coffer.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A single instance's cluster: holding writes, and questions and broadcasts that have no one to reach. */
class ClusterTest {

    @Test
    void writesWaitWhileHeldAndGoOnWhenTheLastHoldIsReleased() throws Exception {
        try (Cluster cluster = new Cluster()) {
            assertThat(cluster.beginWrite()).as("not held: begins at once").isTrue();
            assertThat(cluster.beginWrite()).as("the same thread's write has begun already").isFalse();
            cluster.endWrite();
            Cluster.WritesHold first = cluster.holdWritesEverywhere(false);
            Cluster.WritesHold second = cluster.holdWritesEverywhere(false);
            CountDownLatch passed = new CountDownLatch(1);
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    if (cluster.beginWrite()) {
                        passed.countDown();
                        cluster.endWrite();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(passed.await(300, TimeUnit.MILLISECONDS)).as("held").isFalse();
            first.close();
            assertThat(passed.await(300, TimeUnit.MILLISECONDS)).as("still held by the second").isFalse();
            second.close();
            assertThat(passed.await(5, TimeUnit.SECONDS)).as("released").isTrue();
            writer.join();
        }
    }

    @Test
    void aHoldWaitsForTheWritesUnderWayButNotForItsOwn() throws Exception {
        try (Cluster cluster = new Cluster()) {
            CountDownLatch begun = new CountDownLatch(1);
            CountDownLatch finish = new CountDownLatch(1);
            AtomicBoolean ended = new AtomicBoolean();
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    cluster.beginWrite();
                    begun.countDown();
                    finish.await();
                    Thread.sleep(200);
                    ended.set(true);
                    cluster.endWrite();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            begun.await();
            // the holder is itself a write under way (a backup request): it does not wait for itself
            assertThat(cluster.beginWrite()).isTrue();
            finish.countDown();
            long start = System.nanoTime();
            try (Cluster.WritesHold hold = cluster.holdWritesEverywhere(false)) {
                assertThat(ended).as("the other write finished before the hold was set").isTrue();
                assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(150_000_000L)
                        .isLessThan(Cluster.WRITE_DRAIN_LIMIT.toNanos());
            } finally {
                cluster.endWrite();
            }
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
