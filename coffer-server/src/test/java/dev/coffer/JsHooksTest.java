package dev.coffer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.core.collection.CollectionService;
import dev.coffer.core.record.Record;
import dev.coffer.js.JsHooks;
import dev.coffer.tools.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** pb_hooks files: routes and record hooks written as for PocketBase, run on the server. */
class JsHooksTest {

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(Coffer coffer, String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(coffer.baseUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void routesAndRecordHooksRunAsInPocketBase() throws Exception {
        Path hooksDir = tmp.resolve("pb_hooks");
        Files.createDirectories(hooksDir);
        Files.writeString(hooksDir.resolve("main.pb.js"), """
                /// <reference path="../pb_data/types.d.ts" />
                const unused = "variables of the file are not seen by handlers"

                routerAdd("GET", "/hello/{name}", (e) => {
                  let name = e.request.pathValue("name")
                  return e.json(200, { "message": "Hello " + name })
                })

                routerAdd("POST", "/echo", (e) => {
                  const info = e.requestInfo()
                  return e.json(201, { body: info.body, method: e.request.method, q: info.query.q || null })
                })

                routerAdd("GET", "/count", (e) => {
                  return e.string(200, "collections: " + $app.findAllCollections("base").length)
                })

                routerAdd("GET", "/page", (e) => e.html(200, "<h1>hi</h1>"))

                routerAdd("GET", "/teapot", (e) => {
                  throw new BadRequestError("no tea", { kind: "teapot" })
                })

                routerAdd("GET", "/loop", (e) => {
                  while (true) {}
                })

                routerAdd("GET", "/oops", (e) => {
                  undefinedThing()
                })

                onRecordCreateRequest((e) => {
                  e.record.set("title", e.record.get("title").toUpperCase())
                  e.next()
                }, "notes")

                onRecordCreateRequest((e) => {
                  throw new ForbiddenError("no docs")
                }, "docs")

                onRecordAfterCreateSuccess((e) => {
                  const entry = new Record($app.findCollectionByNameOrId("audit"))
                  entry.set("what", "created " + e.record.get("title"))
                  $app.save(entry)
                  e.next()
                }, "notes")
                """);
        try (Coffer coffer = Coffer.create(CofferConfig.of(tmp.resolve("pb_data")))) {
            CollectionService collections = new CollectionService(coffer.app());
            for (String name : List.of("notes", "docs", "audit")) {
                collections.create((ObjectNode) Json.parse("{\"name\":\"" + name + "\",\"type\":\"base\","
                        + "\"createRule\":\"\",\"fields\":[{\"name\":\"title\",\"type\":\"text\"},"
                        + "{\"name\":\"what\",\"type\":\"text\"}]}"));
            }
            AtomicReference<JsHooks> loaded = new AtomicReference<>();
            coffer.routes(router -> loaded.set(JsHooks.load(coffer.app(), coffer.apiHooks(), router, hooksDir, 4)));
            try (JsHooks hooks = loaded.get()) {
                hooks.timeLimit(Duration.ofSeconds(1));
                assertThat(hooks.size()).isEqualTo(10);
                coffer.start();

                var hello = send(coffer, "GET", "/hello/world", null);
                assertThat(hello.statusCode()).isEqualTo(200);
                assertThat(Json.parse(hello.body()).path("message").asString()).isEqualTo("Hello world");

                var echo = send(coffer, "POST", "/echo?q=x", "{\"a\": [1, 2]}");
                assertThat(echo.statusCode()).isEqualTo(201);
                assertThat(Json.parse(echo.body())).isEqualTo(Json.parse(
                        "{\"body\": {\"a\": [1, 2]}, \"method\": \"POST\", \"q\": \"x\"}"));

                long base = coffer.app().collections().all().stream().filter(c -> c.toJson().path("type").asString().equals("base")).count();
                assertThat(base).isGreaterThan(3); // the three here and system ones such as _mfas
                assertThat(send(coffer, "GET", "/count", null).body()).isEqualTo("collections: " + base);
                var page = send(coffer, "GET", "/page", null);
                assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
                assertThat(page.body()).isEqualTo("<h1>hi</h1>");

                var teapot = send(coffer, "GET", "/teapot", null);
                assertThat(teapot.statusCode()).isEqualTo(400);
                JsonNode error = Json.parse(teapot.body());
                assertThat(error.path("message").asString()).isEqualTo("No tea."); // PocketBase writes API error messages as sentences
                assertThat(error.path("data").path("kind").asString()).isEqualTo("teapot");

                long started = System.nanoTime();
                var loop = send(coffer, "GET", "/loop", null);
                assertThat(loop.statusCode()).isEqualTo(400);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
                // the engine that was stopped serves again
                assertThat(send(coffer, "GET", "/hello/again", null).statusCode()).isEqualTo(200);

                var oops = send(coffer, "GET", "/oops", null);
                assertThat(oops.statusCode()).isEqualTo(400);
                assertThat(Json.parse(oops.body()).path("message").asString())
                        .isEqualTo("Something went wrong while processing your request.");

                var note = send(coffer, "POST", "/api/collections/notes/records", "{\"title\": \"hi\"}");
                assertThat(note.statusCode()).isEqualTo(200);
                assertThat(Json.parse(note.body()).path("title").asString()).isEqualTo("HI");
                List<Record> audit = coffer.app().records().query(coffer.app().collections().find("audit")
                        .orElseThrow(), "", List.of(), 0);
                assertThat(audit).extracting(r -> r.getString("what")).containsExactly("created HI");

                var doc = send(coffer, "POST", "/api/collections/docs/records", "{\"title\": \"x\"}");
                assertThat(doc.statusCode()).isEqualTo(403);
                assertThat(Json.parse(doc.body()).path("message").asString()).isEqualTo("No docs.");
                // a hook for other collections leaves this one alone
                var plain = send(coffer, "POST", "/api/collections/audit/records", "{\"title\": \"as is\"}");
                assertThat(Json.parse(plain.body()).path("title").asString()).isEqualTo("as is");

                // handlers run in parallel on the pool's engines
                List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
                for (int i = 0; i < 24; i++) {
                    calls.add(http.sendAsync(HttpRequest.newBuilder(URI.create(coffer.baseUrl() + "/hello/n" + i))
                            .build(), HttpResponse.BodyHandlers.ofString()));
                }
                for (int i = 0; i < calls.size(); i++) {
                    assertThat(Json.parse(calls.get(i).get().body()).path("message").asString())
                            .isEqualTo("Hello n" + i);
                }
            }
        }
    }

    @Test
    void aFileThatFailsToLoadNamesItsFileAndLine() throws Exception {
        Path hooksDir = tmp.resolve("pb_hooks");
        Files.createDirectories(hooksDir);
        Files.writeString(hooksDir.resolve("broken.pb.js"), "routerAdd(\"GET\", \"/x\", (e) => {})\nnotDefined()\n");
        try (Coffer coffer = Coffer.create(CofferConfig.of(tmp.resolve("pb_data")))) {
            coffer.routes(router -> {
                try {
                    JsHooks.load(coffer.app(), coffer.apiHooks(), router, hooksDir, 2);
                    throw new AssertionError("loaded");
                } catch (IllegalStateException e) {
                    assertThat(e.getMessage()).startsWith("failed to load broken.pb.js: ")
                            .contains("notDefined").endsWith("(broken.pb.js:2)");
                }
            });
        }
    }
}
