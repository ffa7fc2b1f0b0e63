package dev.coffer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL the database carries the messages between instances: when the connection that listens for them
 * breaks, changes made elsewhere may be missed, so the instance ends its realtime streams (clients reconnect).
 */
class RealtimeBusGapTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aBrokenBusConnectionEndsTheRealtimeStreamsSoTheirClientsReconnect() throws Exception {
        Assumptions.assumeTrue(TestDatabases.kind().equals("postgres"),
                "the database is the bus between instances on PostgreSQL only (this run: " + TestDatabases.kind() + ")");
        try (TestApp app = TestApp.fromFixture()) {
            HttpResponse<Stream<String>> stream = HTTP.send(HttpRequest.newBuilder(URI.create(app.baseUrl()
                    + "/api/realtime")).build(), HttpResponse.BodyHandlers.ofLines());
            Iterator<String> lines = stream.body().iterator();
            assertThat(lines.next()).startsWith("id:");
            assertThat(lines.next()).isEqualTo("event:PB_CONNECT");
            CompletableFuture<Boolean> ended = CompletableFuture.supplyAsync(() -> {
                while (lines.hasNext()) {
                    lines.next();
                }
                return true;
            });
            Thread.sleep(1_000);
            assertThat(ended).as("the stream stays open while the bus works").isNotDone();

            String instance = app.coffer().app().cluster().instanceId();
            int terminated = app.coffer().app().db().write(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT count(pg_terminate_backend(pid))"
                        + " FROM pg_stat_activity WHERE application_name = ?")) {
                    ps.setString(1, "coffer-bus " + instance);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getInt(1);
                    }
                }
            });
            assertThat(terminated).as("the instance's listening connection").isEqualTo(1);
            assertThat(ended.get(15, TimeUnit.SECONDS)).as("the stream ends once the bus is back").isTrue();

            // a new stream works and gets the changes again
            HttpResponse<Stream<String>> again = HTTP.send(HttpRequest.newBuilder(URI.create(app.baseUrl()
                    + "/api/realtime")).build(), HttpResponse.BodyHandlers.ofLines());
            assertThat(again.body().iterator().next()).startsWith("id:");
        }
    }
}
