package dev.coffer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.tools.json.Json;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/collections/{collection}/ui-schema}: superusers get every field but the token key; a caller the
 * list rule lets list the collection gets the fields that aren't hidden; a collection only superusers may list is a
 * 403 for everyone else, and a missing one a 404.
 */
class UiSchemaApiTest {

    private TestApp app;

    @BeforeEach
    void start() {
        app = TestApp.fromFixture();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private HttpResponse<String> get(String token, String collection) {
        return app.send("GET", "/api/collections/" + collection + "/ui-schema",
                token == null ? Map.of() : Map.of("Authorization", token), null);
    }

    private static List<String> names(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        Json.parse(r.body()).path("fields").forEach(f -> names.add(f.path("name").asString()));
        return names;
    }

    @Test
    void superusersSeeHiddenFieldsButNeverTheTokenKey() {
        List<String> fields = names(get(BatchApiTest.SUPERUSER, "nologin"));
        assertThat(fields).contains("id", "password", "email", "emailVisibility", "verified").doesNotContain("tokenKey");
    }

    @Test
    void othersSeeOnlyTheFieldsThatArentHidden() {
        List<String> guest = names(get(null, "nologin"));
        assertThat(guest).contains("id", "email", "emailVisibility", "verified")
                .doesNotContain("password", "tokenKey");
        assertThat(names(get(SqlApiTest.USER, "demo2"))).isEqualTo(names(get(BatchApiTest.SUPERUSER, "demo2")));
    }

    @Test
    void aCollectionOnlySuperusersMayListIsForbiddenToOthers() {
        for (String token : new String[] {null, SqlApiTest.USER}) {
            HttpResponse<String> r = get(token, "demo1");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
            assertThat(Json.parse(r.body()).path("message").asString())
                    .isEqualTo("Only superusers can perform this action.");
        }
        assertThat(names(get(BatchApiTest.SUPERUSER, "demo1"))).contains("rel_many", "file_many", "point");
        assertThat(get(BatchApiTest.SUPERUSER, "missing").statusCode()).isEqualTo(404);
    }

    @Test
    void eachFieldSaysItsWidgetValidationAndOptions() {
        JsonNode schema = Json.parse(get(BatchApiTest.SUPERUSER, "demo1").body());
        assertThat(schema.path("collection").path("name").asString()).isEqualTo("demo1");
        assertThat(schema.path("collection").path("type").asString()).isEqualTo("base");
        Map<String, JsonNode> byName = new java.util.HashMap<>();
        schema.path("fields").forEach(f -> byName.put(f.path("name").asString(), f));
        assertThat(byName.get("id").path("widget").asString()).isEqualTo("id");
        assertThat(byName.get("id").path("createOnly").asBoolean()).isTrue();
        assertThat(byName.get("select_many").path("widget").asString()).isEqualTo("multiselect");
        assertThat(byName.get("select_many").path("validation").path("maxSelect").asLong()).isEqualTo(3);
        assertThat(byName.get("select_one").path("widget").asString()).isEqualTo("select");
        assertThat(byName.get("rel_many").path("widget").asString()).isEqualTo("relation");
        assertThat(byName.get("rel_many").path("options").path("multiple").asBoolean()).isTrue();
        assertThat(byName.get("rel_many").path("options").path("collectionName").asString()).isNotEmpty();
        assertThat(byName.get("file_many").path("widget").asString()).isEqualTo("file");
        assertThat(byName.get("created").path("widget").asString()).isEqualTo("autodate");
        assertThat(byName.get("created").path("readOnly").asBoolean()).isTrue();
        assertThat(byName.get("point").path("widget").asString()).isEqualTo("geopoint");
        assertThat(byName.get("json").path("widget").asString()).isEqualTo("json");
        assertThat(byName.get("datetime").path("widget").asString()).isEqualTo("datetime");
        assertThat(byName.get("bool").path("widget").asString()).isEqualTo("toggle");
        // a view's fields can't be edited
        JsonNode view = Json.parse(get(BatchApiTest.SUPERUSER, "view1").body());
        view.path("fields").forEach(f -> assertThat(f.path("readOnly").asBoolean()).as(f.toString()).isTrue());
    }
}
