package dev.coffer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.tools.json.Json;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The record history endpoints over HTTP: a record's changes under the history rule, a record as it was, restoring
 * a version and a deleted record, a collection's deletes and the audit list, with hostile input.
 */
class RecordHistoryApiTest {

    private static final String SUPERUSER = ApiCalls.SUPERUSER;
    private static final String USER = ApiCalls.USER;
    private static final String USER_ID = ApiCalls.USER_ID;

    private TestApp app;
    private String noteId;

    @BeforeEach
    void start() {
        app = TestApp.fromFixture();
        ok(send("POST", "/api/collections", SUPERUSER, """
                {"name":"notes","type":"base","listRule":"","viewRule":"","createRule":"","deleteRule":"",
                 "updateRule":"owner = @request.auth.id","historyRule":"owner = @request.auth.id",
                 "history":{"enabled":true,"retentionDays":0},
                 "fields":[{"name":"title","type":"text"},{"name":"owner","type":"text"},
                           {"name":"secret","type":"text","hidden":true}]}"""));
        noteId = ok(send("POST", "/api/collections/notes/records", USER,
                "{\"title\":\"first\",\"owner\":\"" + USER_ID + "\"}")).path("id").asString();
        ok(send("PATCH", "/api/collections/notes/records/" + noteId, USER, "{\"title\":\"second\"}"));
        // a hidden field is the superusers' to write
        ok(send("PATCH", "/api/collections/notes/records/" + noteId, SUPERUSER, "{\"secret\":\"s2\"}"));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private HttpResponse<String> send(String method, String path, String token, String body) {
        return ApiCalls.send(app, method, path, token, body);
    }

    private static JsonNode ok(HttpResponse<String> r) {
        return ApiCalls.ok(r);
    }

    private String history() {
        return "/api/collections/notes/records/" + noteId + "/history";
    }

    @Test
    void aSuperuserSeesEveryChangeNewestFirstWithWhoAndFrom() {
        JsonNode page = ok(send("GET", history(), SUPERUSER, null));
        assertThat(page.path("totalItems").asInt()).isEqualTo(3);
        JsonNode items = page.path("items");
        assertThat(items.valueStream().map(i -> i.path("action").asString())).containsExactly("update", "update",
                "create");
        assertThat(items.get(0).path("version").asInt()).isEqualTo(3);
        assertThat(items.get(0).path("changes").path("secret").toString()).isEqualTo("{\"old\":\"\",\"new\":\"s2\"}");
        assertThat(items.get(0).path("actor").asString()).isEqualTo("_superusers/sywbhecnh46rhm0");
        assertThat(items.get(2).path("actor").asString()).isEqualTo("users/" + USER_ID);
        assertThat(items.get(2).path("userAgent").asString()).isEqualTo("coffer-api-test");
        assertThat(items.get(2).has("ip")).isTrue();
        assertThat(items.get(1).path("changes").path("title").toString())
                .isEqualTo("{\"old\":\"first\",\"new\":\"second\"}");
    }

    @Test
    void theOwnerSeesTheHistoryWithoutHiddenFieldsOthersGetA404() {
        JsonNode items = ok(send("GET", history(), USER, null)).path("items");
        assertThat(items).hasSize(3);
        assertThat(items.toString()).doesNotContain("secret").doesNotContain("s2").doesNotContain("coffer-api-test");
        assertThat(items.get(0).has("ip")).isFalse();
        assertThat(send("GET", history(), null, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/collections/notes/records/nosuchrecord12/history", SUPERUSER, null).statusCode())
                .isEqualTo(404);
        assertThat(send("GET", "/api/collections/nosuch/records/" + noteId + "/history", SUPERUSER, null)
                .statusCode()).isEqualTo(404);
        // without a history rule only superusers read it
        ok(send("PATCH", "/api/collections/notes", SUPERUSER, "{\"historyRule\":null}"));
        assertThat(send("GET", history(), USER, null).statusCode()).isEqualTo(403);
    }

    @Test
    void entriesFilterByFieldActorAndTime() {
        assertThat(ok(send("GET", history() + "?field=title", SUPERUSER, null)).path("totalItems").asInt()).isEqualTo(2);
        assertThat(ok(send("GET", history() + "?actor=users/" + USER_ID + "&action=create", SUPERUSER, null))
                .path("totalItems").asInt()).isEqualTo(1);
        assertThat(ok(send("GET", history() + "?since=2100-01-01", SUPERUSER, null)).path("totalItems").asInt())
                .isZero();
        assertThat(ok(send("GET", history() + "?field=%25", SUPERUSER, null)).path("totalItems").asInt()).isZero();
        assertThat(send("GET", history() + "?since=not-a-date", SUPERUSER, null).statusCode()).isEqualTo(400);
        assertThat(ok(send("GET", history() + "?perPage=1&page=2", SUPERUSER, null)).path("items").get(0)
                .path("version").asInt()).isEqualTo(2);
    }

    @Test
    void aRecordAsItWasAtATime() {
        JsonNode items = ok(send("GET", history(), SUPERUSER, null)).path("items");
        String createdAt = items.get(2).path("created").asString();
        JsonNode then = ok(send("GET", "/api/collections/notes/records/" + noteId + "?at="
                + createdAt.replace(" ", "%20"), USER, null));
        assertThat(then.path("title").asString()).isEqualTo("first");
        assertThat(then.has("secret")).isFalse();
        assertThat(send("GET", "/api/collections/notes/records/" + noteId + "?at=2000-01-01", USER, null)
                .statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/collections/notes/records/" + noteId + "?at=garbage", USER, null).statusCode())
                .isEqualTo(400);
        assertThat(send("GET", "/api/collections/notes/records/" + noteId + "?at=2100-01-01", null, null)
                .statusCode()).isEqualTo(404);
    }

    @Test
    void aVersionIsWrittenBackAsAnAuditedUpdateUnderTheUpdateRule() {
        JsonNode restored = ok(send("POST", "/api/collections/notes/records/" + noteId + "/restore", USER,
                "{\"version\":1}"));
        assertThat(restored.path("title").asString()).isEqualTo("first");
        JsonNode latest = ok(send("GET", history(), SUPERUSER, null)).path("items").get(0);
        assertThat(latest.path("action").asString()).isEqualTo("update");
        assertThat(latest.path("version").asInt()).isEqualTo(4);
        assertThat(latest.path("changes").path("title").path("new").asString()).isEqualTo("first");

        assertThat(send("POST", "/api/collections/notes/records/" + noteId + "/restore", USER, "{}").statusCode())
                .isEqualTo(400);
        assertThat(send("POST", "/api/collections/notes/records/" + noteId + "/restore", USER, "{\"version\":99}")
                .statusCode()).isEqualTo(400);
        assertThat(send("POST", "/api/collections/notes/records/" + noteId + "/restore", USER, "{\"version\":\"x\"}")
                .statusCode()).isEqualTo(400);
        assertThat(send("POST", "/api/collections/notes/records/" + noteId + "/restore", USER, "not json")
                .statusCode()).isEqualTo(400);
        assertThat(send("POST", "/api/collections/notes/records/" + noteId + "/restore", null, "{\"version\":1}")
                .statusCode()).isEqualTo(404);
    }

    @Test
    void aDeletedRecordIsListedAndRestoredWithItsId() {
        assertThat(send("DELETE", "/api/collections/notes/records/" + noteId, USER, null).statusCode()).isEqualTo(204);
        JsonNode deletes = ok(send("GET", "/api/collections/notes/history?action=delete", SUPERUSER, null));
        assertThat(deletes.path("items").get(0).path("recordId").asString()).isEqualTo(noteId);
        assertThat(deletes.path("items").get(0).path("changes").path("title").path("old").asString())
                .isEqualTo("second");
        assertThat(send("GET", "/api/collections/notes/history", USER, null).statusCode()).isEqualTo(403);
        // the owner still reads the history of the deleted record
        assertThat(ok(send("GET", history(), USER, null)).path("totalItems").asInt()).isEqualTo(4);

        JsonNode back = ok(send("POST", "/api/collections/notes/records/" + noteId + "/restore", USER, "{}"));
        assertThat(back.path("id").asString()).isEqualTo(noteId);
        assertThat(back.path("title").asString()).isEqualTo("second");
        assertThat(ok(send("GET", "/api/collections/notes/records/" + noteId, SUPERUSER, null)).path("secret")
                .asString()).isEqualTo("s2");
        assertThat(ok(send("GET", history(), SUPERUSER, null)).path("items").get(0).path("action").asString())
                .isEqualTo("create");
    }

    @Test
    void theAuditListIsForSuperusers() {
        JsonNode audit = ok(send("GET", "/api/audit?kind=collections", SUPERUSER, null));
        assertThat(audit.path("items").get(0).path("action").asString()).isEqualTo("create");
        assertThat(audit.path("items").get(0).path("changes").path("name").path("new").asString()).isEqualTo("notes");
        ok(send("PATCH", "/api/settings", SUPERUSER, "{\"meta\":{\"appName\":\"Audited\"}}"));
        JsonNode settings = ok(send("GET", "/api/audit?kind=settings", SUPERUSER, null)).path("items").get(0);
        assertThat(settings.path("changes").path("meta.appName").path("new").asString()).isEqualTo("Audited");
        assertThat(settings.path("actor").asString()).startsWith("_superusers/");
        assertThat(ok(send("GET", "/api/audit", SUPERUSER, null)).path("totalItems").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(send("GET", "/api/audit", USER, null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/api/audit", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/audit?kind=nope", SUPERUSER, null).statusCode()).isEqualTo(400);
    }
}
