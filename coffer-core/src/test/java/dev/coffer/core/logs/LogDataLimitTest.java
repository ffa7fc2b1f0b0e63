package dev.coffer.core.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.tools.json.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** A log's data is cut to logs.maxDataSize on a best-effort basis: the longest texts first. */
class LogDataLimitTest {

    @Test
    void dataWithinTheLimitIsWrittenAsItIs() {
        ObjectNode data = (ObjectNode) Json.parse("{\"url\":\"/api/x\",\"status\":200}");
        assertThat(LogDataLimit.write(data, 1000)).isEqualTo("{\"url\":\"/api/x\",\"status\":200}");
    }

    @Test
    void theLongestTextsAreShortenedUntilItFits() {
        ObjectNode data = Json.object();
        data.put("url", "/api/" + "u".repeat(300));
        data.put("status", 400);
        data.putObject("details").put("error", "e".repeat(2000)).putArray("list").add("l".repeat(500));
        String written = LogDataLimit.write(data, 600);
        assertThat(written.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(600);
        var back = Json.parse(written);
        assertThat(back.path("status").asInt()).isEqualTo(400);
        assertThat(back.path("details").path("error").asString()).endsWith("...");
        assertThat(back.path("url").asString()).startsWith("/api/uuu");
        assertThat(data.path("details").path("error").asString()).hasSize(2000); // the original is kept
    }

    @Test
    void dataThatCannotBeCutFurtherIsKept() {
        ObjectNode data = Json.object();
        for (int i = 0; i < 50; i++) {
            data.put("k" + i, "v".repeat(20));
        }
        String written = LogDataLimit.write(data, 100);
        assertThat(Json.parse(written)).isEqualTo(data);
    }
}
