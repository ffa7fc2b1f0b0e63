package dev.coffer.tools.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.tools.cluster.Bus;
import dev.coffer.tools.cluster.ClusterMember;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances' buses on one PostgreSQL database: messages, transactions, long payloads, members, gaps (claims and
 * rate windows: {@link DatabaseCoordinationTest}).
 */
class PostgresBusTest {

    private TestServers.Scratch scratch;
    private Database db1;
    private Database db2;
    private Bus one;
    private Bus two;

    @BeforeEach
    void open() {
        scratch = TestServers.postgres();
        db1 = Database.open(scratch.url(), "one", 4);
        db2 = Database.open(scratch.url(), "two", 4);
        one = db1.openBus("instance1");
        two = db2.openBus("instance2");
    }

    @AfterEach
    void close() {
        for (AutoCloseable c : new AutoCloseable[] {one, two, db1, db2, scratch}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    private static String poll(BlockingQueue<String> q) throws InterruptedException {
        return q.poll(5, TimeUnit.SECONDS);
    }

    @Test
    void aMessageReachesTheOtherInstanceOnlyInPublishOrder() throws Exception {
        BlockingQueue<String> atTwo = new LinkedBlockingQueue<>();
        BlockingQueue<String> atOne = new LinkedBlockingQueue<>();
        two.subscribe("t", atTwo::add);
        one.subscribe("t", atOne::add);
        two.subscribe("other", m -> atTwo.add("other:" + m));
        for (int i = 0; i < 50; i++) {
            one.publish("t", "m" + i);
        }
        for (int i = 0; i < 50; i++) {
            assertThat(poll(atTwo)).isEqualTo("m" + i);
        }
        one.publish("other", "x");
        assertThat(poll(atTwo)).isEqualTo("other:x");
        assertThat(atOne).as("an instance doesn't receive its own messages").isEmpty();
    }

    @Test
    void aMessagePublishedInATransactionGoesOutOnCommitAndNeverOnRollback() throws Exception {
        BlockingQueue<String> atTwo = new LinkedBlockingQueue<>();
        two.subscribe("t", atTwo::add);
        CountDownLatch published = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        Thread writer = Thread.ofPlatform().start(() -> db1.write(c -> {
            one.publish("t", "committed");
            published.countDown();
            try {
                commit.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return null;
        }));
        assertThat(published.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(atTwo.poll(500, TimeUnit.MILLISECONDS)).as("not before the commit").isNull();
        commit.countDown();
        writer.join();
        assertThat(poll(atTwo)).isEqualTo("committed");

        assertThatThrownBy(() -> db1.write(c -> {
            one.publish("t", "rolled back");
            throw new IllegalStateException("undo");
        })).hasMessageContaining("undo");
        one.publish("t", "after");
        assertThat(poll(atTwo)).isEqualTo("after");
    }

    @Test
    void aPayloadLongerThanANotificationTravelsThroughTheMessagesTable() throws Exception {
        BlockingQueue<String> atTwo = new LinkedBlockingQueue<>();
        two.subscribe("t", atTwo::add);
        String big = "é".repeat(20_000);
        one.publish("t", big);
        one.publish("t", "small");
        assertThat(poll(atTwo)).isEqualTo(big);
        assertThat(poll(atTwo)).isEqualTo("small");
    }

    @Test
    void membersAreTheLiveInstancesWithTheirAddressesAndALeavingOneIsGone() {
        one.announce("http://10.0.0.1:8090");
        assertThat(two.members()).extracting(ClusterMember::id).containsExactly("instance1", "instance2");
        assertThat(two.members()).filteredOn(m -> m.id().equals("instance1")).extracting(ClusterMember::address)
                .containsExactly("http://10.0.0.1:8090");
        one.close();
        assertThat(two.members()).extracting(ClusterMember::id).containsExactly("instance2");
    }

    @Test
    void anInstanceThatLostItsListeningConnectionReconnectsAndReportsTheGap() throws Exception {
        CountDownLatch gap = new CountDownLatch(1);
        BlockingQueue<String> atTwo = new LinkedBlockingQueue<>();
        two.onGap(gap::countDown);
        two.subscribe("t", atTwo::add);
        db1.write(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND application_name = 'coffer-bus instance2'");
            }
            return null;
        });
        assertThat(gap.await(10, TimeUnit.SECONDS)).as("the gap handler ran after the reconnect").isTrue();
        one.publish("t", "after the gap");
        assertThat(poll(atTwo)).isEqualTo("after the gap");
    }

    @Test
    void theBusTablesAreNotTheAppsTables() {
        assertThat(TableCopy.tables(db1)).doesNotContain("_clusterMembers", "_clusterClaims", "_clusterRates",
                "_clusterMessages");
        db1.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM \"_clusterMembers\"")) {
                ps.executeQuery().close();
            }
            return null;
        });
    }
}
