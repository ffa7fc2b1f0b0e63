package dev.coffer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.tools.json.Json;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code ?expand=} as PocketBase 0.40.4 answers it on its fixture (each case is also a request of
 * conformance/parity/requests.mjs): a path that can't be followed to its end expands nothing, levels past the
 * sixth are ignored, spaces and outer dots are dropped, and the older {@code collection(field)} form works.
 */
class ExpandApiTest {

    private TestApp app;

    @BeforeEach
    void start() {
        app = TestApp.fromFixture();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private JsonNode get(String token, String path, String expand) {
        HttpResponse<String> r = app.send("GET", path + "?expand=" + URLEncoder.encode(expand, StandardCharsets.UTF_8),
                Map.of("Authorization", token), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.parse(r.body());
    }

    /** The keys of the first expanded record at each level, following the first key. */
    private static List<String> chain(JsonNode record) {
        List<String> keys = new ArrayList<>();
        JsonNode current = record;
        while (current != null && current.path("expand").isObject() && !current.path("expand").isEmpty()) {
            String key = current.path("expand").propertyNames().iterator().next();
            keys.add(key);
            JsonNode value = current.path("expand").path(key);
            current = value.isArray() ? value.get(0) : value;
        }
        return keys;
    }

    @Test
    void aPathThatCantBeFollowedToItsEndExpandsNothing() {
        JsonNode invalidTail = get(BatchApiTest.SUPERUSER, "/api/collections/view1/records/84nmscqy84lsi1t",
                "rel_many.id");
        assertThat(invalidTail.has("expand")).as(invalidTail.toString()).isFalse();
        // a collection only superusers may view: the user gets no expand key either
        JsonNode superusersOnly = get(SqlApiTest.USER, "/api/collections/users/records/4q1xlclmfloku33",
                "demo1_via_rel_many");
        assertThat(superusersOnly.has("expand")).as(superusersOnly.toString()).isFalse();
        // next to a path that works, the failing one changes nothing
        JsonNode mixed = get(BatchApiTest.SUPERUSER, "/api/collections/demo2/records/llvuca81nly1qls",
                "users_via_rel,nope.deeper");
        assertThat(mixed.path("expand").propertyNames()).containsExactly("users_via_rel");
    }

    @Test
    void levelsPastTheSixthAreIgnored() {
        JsonNode record = get(BatchApiTest.SUPERUSER, "/api/collections/demo2/records/llvuca81nly1qls",
                "users_via_rel.rel.users_via_rel.rel.users_via_rel.rel.users_via_rel");
        assertThat(chain(record)).containsExactly("users_via_rel", "rel", "users_via_rel", "rel", "users_via_rel",
                "rel");
    }

    @Test
    void spacesOuterDotsAndTheOlderBackRelationForm() {
        String path = "/api/collections/demo2/records/llvuca81nly1qls";
        assertThat(chain(get(BatchApiTest.SUPERUSER, path, "users_via_rel .rel")))
                .containsExactly("users_via_rel", "rel");
        assertThat(chain(get(BatchApiTest.SUPERUSER, path, ".users_via_rel.")))
                .containsExactly("users_via_rel");
        JsonNode old = get(BatchApiTest.SUPERUSER, path, "users(rel)");
        assertThat(old.path("expand").propertyNames()).containsExactly("users(rel)");
        assertThat(old.path("expand").path("users(rel)").isArray()).isTrue();
    }

    @Test
    void pathsThroughTheSameRelationMerge() {
        JsonNode list = get(BatchApiTest.SUPERUSER, "/api/collections/demo2/records/llvuca81nly1qls",
                "users_via_rel.rel,users_via_rel");
        JsonNode user = list.path("expand").path("users_via_rel").get(0);
        assertThat(user.path("expand").propertyNames()).containsExactly("rel");
    }
}
