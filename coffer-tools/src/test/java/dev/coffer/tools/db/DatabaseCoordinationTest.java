package dev.coffer.tools.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.tools.cluster.ClusterMember;
import dev.coffer.tools.cluster.Coordination;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The cluster's members, claims and rate windows in the database, on PostgreSQL and on MariaDB. */
class DatabaseCoordinationTest {

    static Stream<String> servers() {
        return Stream.of("postgres", "mariadb");
    }

    private static TestServers.Scratch scratch(String server) {
        return server.equals("postgres") ? TestServers.postgres() : TestServers.mariadb();
    }

    @ParameterizedTest
    @MethodSource("servers")
    void claimsWindowsAndMembersAreSharedByTheInstances(String server) throws Exception {
        try (TestServers.Scratch scratch = scratch(server);
                Database db1 = Database.open(scratch.url(), "one", 4);
                Database db2 = Database.open(scratch.url(), "two", 4)) {
            Coordination one = db1.openCoordination("instance1");
            Coordination two = db2.openCoordination("instance2");
            one.join();
            two.join();
            try {
                AtomicInteger won = new AtomicInteger();
                List<Thread> threads = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    Coordination c = i % 2 == 0 ? one : two;
                    threads.add(Thread.ofPlatform().start(() -> {
                        if (c.claim("cron:job:2026-12-03T10:00Z")) {
                            won.incrementAndGet();
                        }
                    }));
                }
                for (Thread t : threads) {
                    t.join();
                }
                assertThat(won).hasValue(1);
                String longKey = "x".repeat(1_000);
                assertThat(one.claim(longKey)).isTrue();
                assertThat(two.claim(longKey)).isFalse();

                String key = "posts:list\u0000@guest\u0000127.0.0.1";
                Supplier<Boolean> viaOne = () -> one.acquire(key, 3, 60);
                Supplier<Boolean> viaTwo = () -> two.acquire(key, 3, 60);
                assertThat(List.of(viaOne.get(), viaTwo.get(), viaOne.get(), viaTwo.get(), viaOne.get()))
                        .containsExactly(true, true, true, false, false);
                db1.write(c -> {
                    try (Statement s = c.createStatement()) {
                        s.executeUpdate("UPDATE \"_clusterRates\" SET \"start\" = \"start\" - 61");
                    }
                    return null;
                });
                assertThat(List.of(viaTwo.get(), viaOne.get(), viaOne.get(), viaTwo.get()))
                        .as("a window that ended starts again at one").containsExactly(true, true, true, false);

                one.announce("http://10.0.0.1:8090");
                assertThat(two.members()).extracting(ClusterMember::id).containsExactly("instance1", "instance2");
                assertThat(two.members().get(0).address()).isEqualTo("http://10.0.0.1:8090");
                assertThat(TableCopy.tables(db1)).doesNotContain("_clusterMembers", "_clusterClaims", "_clusterRates");
            } finally {
                one.close();
                assertThat(two.members()).extracting(ClusterMember::id).containsExactly("instance2");
                two.close();
            }
        }
    }
}
