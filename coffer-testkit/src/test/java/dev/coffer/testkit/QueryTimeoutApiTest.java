package dev.coffer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.tools.json.Json;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --queryTimeout}: a records list whose query runs longer than the limit is interrupted and answered
 * with PocketBase's generic 400, the server stays responsive, and other requests are unaffected.
 */
class QueryTimeoutApiTest {

    /** A view of 100 million generated rows: listing it (and counting them) takes far longer than the limit. */
    /**
     * A view of a billion generated rows (a thousand, MariaDB's default limit of recursion, cubed), in SQL that
     * SQLite, PostgreSQL and MariaDB all run.
     */
    private static final String HUGE_VIEW = "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r "
            + "WHERE i < 1000) SELECT CONCAT(a.i, '-', b.i, '-', c.i) AS id, a.i AS n FROM r a, r b, r c";

    private TestApp app;

    @BeforeEach
    void start() {
        app = TestApp.fromFixture(config -> config.withQueryTimeout(Duration.ofMillis(500)), coffer -> { });
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private HttpResponse<String> asSuperuser(String method, String path, String body) {
        return app.send(method, path, Map.of("Authorization", BatchApiTest.SUPERUSER), body);
    }

    @Test
    void aListRunningLongerThanTheLimitIsInterrupted() {
        HttpResponse<String> created = asSuperuser("POST", "/api/collections",
                Json.write(Map.of("name", "huge", "type", "view", "listRule", "", "viewQuery", HUGE_VIEW)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);

        long start = System.nanoTime();
        HttpResponse<String> list = app.send("GET", "/api/collections/huge/records?filter=id%3D%27none%27", Map.of(), null);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(list.statusCode()).as(list.body()).isEqualTo(400);
        assertThat(Json.parse(list.body()).path("message").asString())
                .isEqualTo("Something went wrong while processing your request.");
        // refused by the limit, not by something else: not before 500 ms, and long before the query would end
        assertThat(millis).as("ms until the answer").isBetween(450L, 10_000L);

        // a quick list of the same view, and of other collections, still works
        HttpResponse<String> page = app.send("GET", "/api/collections/huge/records?perPage=2&skipTotal=1", Map.of(),
                null);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(Json.parse(page.body()).path("items").size()).isEqualTo(2);
        assertThat(asSuperuser("GET", "/api/collections/demo1/records", null).statusCode()).isEqualTo(200);
    }
}
