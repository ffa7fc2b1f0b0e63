package dev.coffer.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

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
            Writer writer = Writer.brief(cluster);
            assertThat(writer.begunWithin(300)).as("held").isFalse();
            first.close();
            assertThat(writer.begunWithin(300)).as("still held by the second").isFalse();
            second.close();
            assertThat(writer.begunWithin(5_000)).as("released").isTrue();
            writer.join();
        }
    }

    @Test
    void aHoldWaitsForTheWritesUnderWayButNotForItsOwn() throws Exception {
        try (Cluster cluster = new Cluster()) {
            Writer other = Writer.untilFinished(cluster, 200);
            assertThat(other.begunWithin(5_000)).isTrue();
            // the holder is itself a write under way (a backup request): it does not wait for itself
            assertThat(cluster.beginWrite()).isTrue();
            other.finish();
            long start = System.nanoTime();
            try (Cluster.WritesHold hold = cluster.holdWritesEverywhere(false)) {
                assertThat(other.ended()).as("the other write finished before the hold was set").isTrue();
                assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(150_000_000L)
                        .isLessThan(Cluster.WRITE_DRAIN_LIMIT.toNanos());
            } finally {
                cluster.endWrite();
            }
            other.join();
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
