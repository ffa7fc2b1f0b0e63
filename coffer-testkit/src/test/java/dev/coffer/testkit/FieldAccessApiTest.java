package dev.coffer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.tools.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Field read and write rules with masks, walked through every endpoint a value can leave by: a field another
 * user may not read never appears in clear in a view, list, expand, back-relation expand, {@code fields=},
 * realtime message, batch answer, auth response, history entry or time-travel view; it can't be filtered or sorted
 * on; writing it against its write rule is a 400 with a field error.
 */
class FieldAccessApiTest {

    private static final String SUPERUSER = ApiCalls.SUPERUSER;
    private static final String USER = ApiCalls.USER;
    private static final String USER_ID = ApiCalls.USER_ID;
    private static final String OTHER_ID = "oap640cot4yru2s";
    /** The other user's secrets: none may reach USER in clear. */
    private static final List<String> SECRETS = List.of("5559876543", "owner2@example.org", "SSN-999-88-7777",
            "code-of-test");

    // one app for all tests (its setup is most of their time, on three databases): tests that write make their own
    // records or leave the shared ones' guarded values as they were
    private static TestApp app;
    private static String mine;
    private static String theirs;

    @BeforeAll
    static void start() {
        app = TestApp.fromFixture();
        ok(send("PATCH", "/api/settings", SUPERUSER, "{\"batch\":{\"enabled\":true,\"maxRequests\":10}}"));
        String accountsId = ok(send("POST", "/api/collections", SUPERUSER, """
                {"name":"accounts","type":"base","listRule":"","viewRule":"","createRule":"","updateRule":"",
                 "deleteRule":"","history":{"enabled":true},"historyRule":"",
                 "fields":[{"name":"title","type":"text"},
                   {"name":"owner","type":"relation","collectionId":"_pb_users_auth_","maxSelect":1},
                   {"name":"phone","type":"text","readRule":"owner = @request.auth.id","mask":"last4",
                    "writeRule":"owner = @request.auth.id"},
                   {"name":"contact","type":"email","readRule":"owner = @request.auth.id","mask":"email"},
                   {"name":"ssn","type":"text","readRule":null}]}""")).path("id").asString();
        ok(send("POST", "/api/collections", SUPERUSER, """
                {"name":"memos","type":"base","listRule":"","viewRule":"",
                 "fields":[{"name":"text","type":"text"},
                   {"name":"account","type":"relation","collectionId":"%s","maxSelect":1,
                    "readRule":"account.owner = @request.auth.id"}]}""".formatted(accountsId)));
        JsonNode users = ok(send("GET", "/api/collections/users", SUPERUSER, null));
        List<JsonNode> fields = new ArrayList<>();
        users.path("fields").forEach(fields::add);
        fields.add(Json.parse("{\"name\":\"secretCode\",\"type\":\"text\",\"readRule\":null}"));
        ok(send("PATCH", "/api/collections/users", SUPERUSER, Json.write(Map.of("fields", fields,
                "mfa", Map.of("enabled", false)))));
        ok(send("PATCH", "/api/collections/users/records/" + USER_ID, SUPERUSER, "{\"secretCode\":\"code-of-test\"}"));
        ok(send("PATCH", "/api/collections/users/records/" + OTHER_ID, SUPERUSER, "{\"secretCode\":\"code-of-test\"}"));

        mine = ok(send("POST", "/api/collections/accounts/records", SUPERUSER, "{\"title\":\"mine\",\"owner\":\""
                + USER_ID + "\",\"phone\":\"5551234567\",\"contact\":\"me@example.org\",\"ssn\":\"SSN-1\"}"))
                .path("id").asString();
        theirs = ok(send("POST", "/api/collections/accounts/records", SUPERUSER, "{\"title\":\"theirs\",\"owner\":\""
                + OTHER_ID + "\",\"phone\":\"5559876543\",\"contact\":\"owner2@example.org\","
                + "\"ssn\":\"SSN-999-88-7777\"}")).path("id").asString();
        ok(send("POST", "/api/collections/memos/records", SUPERUSER, "{\"text\":\"about theirs\",\"account\":\""
                + theirs + "\"}"));
        ok(send("PATCH", "/api/collections/accounts/records/" + theirs, SUPERUSER, "{\"phone\":\"5559876543\","
                + "\"title\":\"theirs again\"}"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static HttpResponse<String> send(String method, String path, String token, String body) {
        return ApiCalls.send(app, method, path, token, body);
    }

    private static JsonNode ok(HttpResponse<String> r) {
        return ApiCalls.ok(r);
    }

    private static void assertNoSecret(String body) {
        for (String secret : SECRETS) {
            assertThat(body).as("a response holding %s", secret).doesNotContain(secret);
        }
    }

    @Test
    void theOwnerReadsTheFieldsOthersGetMasksOrNothing() {
        JsonNode own = ok(send("GET", "/api/collections/accounts/records/" + mine, USER, null));
        assertThat(own.path("phone").asString()).isEqualTo("5551234567");
        assertThat(own.path("contact").asString()).isEqualTo("me@example.org");
        assertThat(own.has("ssn")).as("superusers only").isFalse();

        HttpResponse<String> other = send("GET", "/api/collections/accounts/records/" + theirs, USER, null);
        JsonNode json = ok(other);
        assertThat(json.path("phone").asString()).isEqualTo("******6543");
        assertThat(json.path("contact").asString()).isEqualTo("o***@example.org");
        assertThat(json.has("ssn")).isFalse();
        assertNoSecret(other.body());

        JsonNode asSuperuser = ok(send("GET", "/api/collections/accounts/records/" + theirs, SUPERUSER, null));
        assertThat(asSuperuser.path("ssn").asString()).isEqualTo("SSN-999-88-7777");
        assertThat(asSuperuser.path("phone").asString()).isEqualTo("5559876543");
        // a guest sees the masks too
        assertThat(ok(send("GET", "/api/collections/accounts/records/" + theirs, null, null)).path("phone").asString())
                .isEqualTo("******6543");
    }

    @Test
    void noReadEndpointLetsTheValueOut() {
        List<String> paths = List.of(
                "/api/collections/accounts/records",
                "/api/collections/accounts/records?fields=id,phone,contact,ssn",
                "/api/collections/accounts/records/" + theirs + "?expand=owner",
                "/api/collections/accounts/records/" + theirs + "?expand=memos_via_account",
                "/api/collections/memos/records?expand=account",
                "/api/collections/accounts/records/" + theirs + "/history",
                "/api/collections/accounts/records/" + theirs + "?at=2100-01-01",
                "/api/collections/users/records/" + USER_ID,
                "/api/collections/users/records/" + USER_ID + "?expand=accounts_via_owner");
        for (String path : paths) {
            HttpResponse<String> r = send("GET", path, USER, null);
            assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
            assertNoSecret(r.body());
        }
        JsonNode history = ok(send("GET", "/api/collections/accounts/records/" + theirs + "/history?perPage=100",
                USER, null));
        assertThat(history.path("items").valueStream().map(i -> i.path("changes").path("title").path("new")
                .asString(""))).contains("theirs again");
        JsonNode create = history.path("items").valueStream().filter(i -> i.path("action").asString().equals("create"))
                .findFirst().orElseThrow().path("changes");
        assertThat(create.path("phone").path("new").asString()).isEqualTo("******6543");
        assertThat(create.has("ssn")).isFalse();
        // the memo's relation to someone else's account is not readable: neither the id nor its expansion
        JsonNode memos = ok(send("GET", "/api/collections/memos/records?expand=account", USER, null));
        assertThat(memos.path("items").get(0).has("account")).isFalse();
        assertThat(memos.path("items").get(0).has("expand")
                && memos.path("items").get(0).path("expand").has("account")).isFalse();
        JsonNode back = ok(send("GET", "/api/collections/accounts/records/" + theirs + "?expand=memos_via_account",
                USER, null));
        assertThat(back.path("expand").path("memos_via_account").isMissingNode()
                || back.path("expand").path("memos_via_account").isEmpty()).isTrue();
    }

    @Test
    void theFieldsCantBeFilteredOrSortedOn() {
        for (String query : List.of("filter=phone~'555'", "filter=ssn!=''", "sort=phone", "filter=contact~'owner2'",
                "filter=account.owner='" + OTHER_ID + "'")) {
            String path = (query.contains("account.") ? "/api/collections/memos/records?" : "/api/collections/accounts/records?")
                    + query.replace("'", "%27").replace("~", "%7E").replace("!", "%21");
            HttpResponse<String> r = send("GET", path, USER, null);
            assertThat(r.statusCode()).as(query + " " + r.body()).isEqualTo(400);
        }
        assertThat(ok(send("GET", "/api/collections/accounts/records?filter=phone%7E%27555%27", SUPERUSER, null))
                .path("totalItems").asInt()).isEqualTo(2);
    }

    @Test
    void writingAFieldAgainstItsWriteRuleIsAFieldError() {
        HttpResponse<String> denied = send("PATCH", "/api/collections/accounts/records/" + theirs, USER,
                "{\"phone\":\"000\"}");
        assertThat(denied.statusCode()).isEqualTo(400);
        assertThat(Json.parse(denied.body()).path("data").path("phone").path("code").asString())
                .isEqualTo("validation_field_not_writable");
        String own = ok(send("POST", "/api/collections/accounts/records", USER, "{\"title\":\"own\",\"owner\":\""
                + USER_ID + "\",\"phone\":\"5551112222\"}")).path("id").asString();
        assertThat(ok(send("PATCH", "/api/collections/accounts/records/" + own, USER, "{\"phone\":\"111\"}"))
                .path("phone").asString()).isEqualTo("111");
        // sending the current value back is no change
        ok(send("PATCH", "/api/collections/accounts/records/" + theirs, USER,
                "{\"title\":\"renamed\",\"phone\":\"5559876543\"}"));
        HttpResponse<String> create = send("POST", "/api/collections/accounts/records", USER,
                "{\"title\":\"for someone else\",\"owner\":\"" + OTHER_ID + "\",\"phone\":\"123\"}");
        assertThat(create.statusCode()).isEqualTo(400);
        assertThat(Json.parse(create.body()).path("data").has("phone")).isTrue();
        assertThat(ok(send("GET", "/api/collections/accounts/records/" + theirs, SUPERUSER, null)).path("phone")
                .asString()).isEqualTo("5559876543");
    }

    @Test
    void batchAnswersAndAuthResponsesAreMaskedToo() {
        HttpResponse<String> batch = send("POST", "/api/batch", USER, """
                {"requests":[{"method":"PATCH","url":"/api/collections/accounts/records/%s","body":{"title":"b"}},
                  {"method":"POST","url":"/api/collections/accounts/records","body":{"title":"new","owner":"%s"}}]}"""
                .formatted(theirs, OTHER_ID));
        assertThat(batch.statusCode()).as(batch.body()).isEqualTo(200);
        assertNoSecret(batch.body());
        assertThat(Json.parse(batch.body()).get(0).path("body").path("phone").asString()).isEqualTo("******6543");

        HttpResponse<String> auth = send("POST", "/api/collections/users/auth-with-password", null,
                "{\"identity\":\"test@example.com\",\"password\":\"1234567890\"}");
        assertThat(auth.statusCode()).as(auth.body()).isEqualTo(200);
        assertThat(Json.parse(auth.body()).path("record").has("secretCode")).isFalse();
        assertNoSecret(auth.body());
    }

    @Test
    void realtimeMessagesAreMaskedPerSubscriber() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<Stream<String>> stream = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl()
                + "/api/realtime")).build(), HttpResponse.BodyHandlers.ofLines());
        BlockingQueue<String> data = new LinkedBlockingQueue<>();
        Iterator<String> lines = stream.body().iterator();
        Thread reader = Thread.ofVirtual().start(() -> {
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("data:")) {
                    data.add(line.substring(5));
                }
            }
        });
        try {
            String connect = data.poll(10, TimeUnit.SECONDS);
            String clientId = Json.parse(connect).path("clientId").asString();
            HttpResponse<String> sub = send("POST", "/api/realtime", USER, Json.write(Map.of("clientId", clientId,
                    "subscriptions", List.of("accounts/*"))));
            assertThat(sub.statusCode()).as(sub.body()).isEqualTo(204);
            ok(send("PATCH", "/api/collections/accounts/records/" + theirs, SUPERUSER, "{\"title\":\"live\"}"));
            String message = data.poll(10, TimeUnit.SECONDS);
            assertThat(message).as("a realtime message").isNotNull();
            assertThat(Json.parse(message).path("record").path("phone").asString()).isEqualTo("******6543");
            assertNoSecret(message);
        } finally {
            stream.body().close();
            reader.interrupt();
        }
    }
}
