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
                // as PocketBase: data keeps only field errors; any other value is answered as an invalid value
                assertThat(error.path("data")).isEqualTo(Json.parse(
                        "{\"kind\": {\"code\": \"validation_invalid_value\", \"message\": \"Invalid value.\"}}"));

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

    private HttpResponse<String> get(Coffer coffer, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(coffer.baseUrl() + path));
        if (token != null) {
            b.header("Authorization", token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The data of the next event named {@code name} of an event stream (lines {@code event:…}, {@code data:…}). */
    private static String nextData(java.util.Iterator<String> lines, String name) {
        String event = null;
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("event:")) {
                event = line.substring(6);
            } else if (line.startsWith("data:") && name.equals(event)) {
                return line.substring(5);
            }
        }
        throw new AssertionError("the stream ended before a " + name + " event");
    }

    @Test
    @org.junit.jupiter.api.Timeout(120)
    void middlewaresCronsMailModulesAndTheAppApiWorkAsInPocketBase() throws Exception {
        Path hooksDir = tmp.resolve("pb_hooks");
        Files.createDirectories(hooksDir.resolve("public"));
        Files.writeString(hooksDir.resolve("public/hi.txt"), "static hi");
        Files.createDirectories(hooksDir.resolve("views"));
        Files.writeString(hooksDir.resolve("views/layout.html"), "<html>{{block \"body\" .}}{{end}}</html>");
        Files.writeString(hooksDir.resolve("views/hello.html"), "{{define \"body\"}}<p>Hello {{.name}}</p>{{end}}");
        Files.writeString(hooksDir.resolve("utils.js"), """
                const suffix = require("./lib/suffix.js")
                module.exports = { greet: (name) => "Hi " + name + suffix.mark }
                """);
        Files.createDirectories(hooksDir.resolve("lib"));
        Files.writeString(hooksDir.resolve("lib/suffix.js"), "exports.mark = '!'\n");
        Files.writeString(hooksDir.resolve("main.pb.js"), """
                routerUse((e) => {
                  e.response.header().set("X-Hooks", "on")
                  return e.next()
                })

                routerAdd("GET", "/private", (e) => e.json(200, { id: e.auth.id }), $apis.requireAuth())
                routerAdd("GET", "/admin", (e) => e.string(200, "admin"), $apis.requireSuperuserAuth())
                routerAdd("GET", "/ordered", (e) => e.noContent(204),
                  (e) => { e.response.header().add("X-Order", "second"); return e.next() },
                  new Middleware((e) => { e.response.header().add("X-Order", "first"); return e.next() }, -10))
                routerAdd("GET", "/files/{path...}", $apis.static(`${__hooks}/public`, false))
                routerAdd("GET", "/util", (e) => e.string(200, require(`${__hooks}/utils.js`).greet("Ann")))
                routerAdd("GET", "/search", (e) => {
                  const q = e.request.url.query().get("q")
                  const found = $app.findRecordsByFilter("notes", "title ~ {:q}", "-title", 10, 0, { q: q })
                  return e.json(200, found.map((r) => r.getString("title")))
                })
                routerAdd("GET", "/builder", (e) => {
                  const records = arrayOf(new Record)
                  $app.recordQuery("notes").andWhere($dbx.like("title", "alpha")).orderBy("title DESC").limit(5)
                    .all(records)
                  const rows = arrayOf(new DynamicModel({ title: "" }))
                  $app.db().select("notes.title").from("notes").where($dbx.hashExp({ title: "beta" })).all(rows)
                  $app.db().update("notes", { title: "beta!" }, $dbx.hashExp({ title: "beta" })).execute()
                  return e.json(200, { records: records.map((r) => r.getString("title")), rows: rows.map((r) => r.title),
                    updated: $app.countRecords("notes", $dbx.hashExp({ title: "beta!" })) })
                })
                routerAdd("POST", "/tx", (e) => {
                  try {
                    $app.runInTransaction((txApp) => {
                      const r = new Record(txApp.findCollectionByNameOrId("notes"))
                      r.set("title", "in tx")
                      txApp.save(r)
                      throw new Error("undo")
                    })
                  } catch (err) {}
                  return e.json(200, { count: $app.countRecords("notes", $dbx.hashExp({ title: "in tx" })) })
                })
                routerAdd("POST", "/mail", (e) => {
                  $app.newMailClient().send(new MailerMessage({
                    from: { address: $app.settings().meta.senderAddress, name: "App" },
                    to: [{ address: "ann@example.com" }],
                    subject: "Welcome",
                    html: "<p>hello</p>",
                  }))
                  return e.noContent(204)
                })
                routerAdd("GET", "/app-name", (e) => e.string(200, $app.settings().meta.appName))
                routerAdd("POST", "/reset-me", (e) => {
                  $mails.sendRecordPasswordReset($app, e.auth)
                  return e.noContent(204)
                }, $apis.requireSuperuserAuth())
                routerAdd("GET", "/view", (e) => {
                  const html = $template.loadFiles(`${__hooks}/views/layout.html`, `${__hooks}/views/hello.html`)
                    .render({ name: e.request.url.query().get("name") })
                  return e.html(200, html)
                })
                routerAdd("GET", "/std", (e) => e.json(200, {
                  md5: $security.md5("abc"),
                  file: toString($os.readFile(`${__hooks}/public/hi.txt`)),
                  claim: $security.parseJWT($security.createJWT({ a: 1 }, "key", 60), "key").a,
                }))

                onRecordRequestPasswordResetRequest((e) => {
                  $app.store().set("resetFor", e.record.email())
                  e.next()
                }, "_superusers")
                onRecordCreateExecute((e) => {
                  $app.store().set("executed", ($app.store().get("executed") || 0) + 1)
                  e.next()
                }, "notes")
                onModelAfterCreateSuccess((e) => {
                  $app.store().set("lastModel", e.model.getString("title"))
                  e.next()
                }, "notes")
                routerAdd("GET", "/stored/{key}", (e) => e.json(200, { value: $app.store().get(e.request.pathValue("key")) }))

                onSettingsUpdateRequest((e) => {
                  if (e.newSettings.meta.appName === "Forbidden") throw new BadRequestError("Not that name.")
                  e.next()
                })
                onCollectionsListRequest((e) => {
                  e.response.header().set("X-Collections", String(e.collections.length))
                  e.next()
                })
                routerAdd("POST", "/with-file", (e) => {
                  const r = new Record($app.findCollectionByNameOrId("notes"), { title: "with file" })
                  r.set("doc", $filesystem.fileFromBytes(toBytes("file body"), e.request.url.query().get("name")))
                  $app.save(r)
                  return e.json(200, { id: r.id, doc: r.getString("doc") })
                })
                onFileDownloadRequest((e) => {
                  if (e.servedName.startsWith("secret")) throw new ForbiddenError("Not this file.")
                  e.next()
                }, "notes")

                onMailerRecordPasswordResetSend((e) => {
                  if (!e.meta.token) throw new Error("no token")
                  e.message.subject = "Reset for " + e.record.email()
                  e.next()
                }, "_superusers")

                onRealtimeSubscribeRequest((e) => {
                  e.subscriptions = e.subscriptions.filter((s) => s !== "forbidden")
                  e.next()
                })
                onRealtimeMessageSend((e) => {
                  if (e.message.name === "news") {
                    e.message.data = JSON.stringify({ wrapped: JSON.parse(e.message.data), to: e.client.id })
                  }
                  e.next()
                })
                routerAdd("GET", "/subs/{id}", (e) => {
                  const client = $app.subscriptionsBroker().clients()[e.request.pathValue("id")]
                  return e.json(200, client.subscriptions())
                })
                routerAdd("POST", "/news", (e) => {
                  const clients = $app.subscriptionsBroker().clients()
                  for (const id in clients) {
                    if (clients[id].hasSubscription("news")) {
                      clients[id].send(new SubscriptionMessage({ name: "news", data: JSON.stringify({ text: "hi" }) }))
                    }
                  }
                  return e.noContent(204)
                })

                onMailerSend((e) => {
                  e.message.subject = "[app] " + e.message.subject
                  e.next()
                })

                onRecordsListRequest((e) => {
                  for (const r of e.records) r.set("title", r.getString("title") + "!")
                  e.next()
                }, "notes")

                cronAdd("addNote", "*/5 * * * *", () => {
                  const r = new Record($app.findCollectionByNameOrId("notes"))
                  r.set("title", "from cron")
                  $app.save(r)
                })
                cronAdd("gone", "* * * * *", () => {})
                cronRemove("gone")

                onBootstrap((e) => {
                  e.next()
                  const s = $app.settings()
                  s.meta.appName = "Booted"
                  $app.save(s)
                })
                """);
        try (Coffer coffer = Coffer.create(CofferConfig.of(tmp.resolve("pb_data")))) {
            new CollectionService(coffer.app()).create((ObjectNode) Json.parse("{\"name\":\"notes\",\"type\":\"base\","
                    + "\"listRule\":\"\",\"createRule\":\"\",\"viewRule\":\"\",\"fields\":[{\"name\":\"title\",\"type\":\"text\"},"
                    + "{\"name\":\"doc\",\"type\":\"file\",\"maxSelect\":1,\"maxSize\":1000}]}"));
            List<dev.coffer.core.mail.MailMessage> mails = new java.util.concurrent.CopyOnWriteArrayList<>();
            coffer.app().setMailer(mails::add);
            AtomicReference<JsHooks> loaded = new AtomicReference<>();
            coffer.routes(router -> loaded.set(JsHooks.load(coffer.app(), coffer.apiHooks(), router, hooksDir, 2)));
            JsHooks hooks = loaded.get().realtime(coffer.realtime());
            coffer.start();
            hooks.bootstrap();
            hooks.serve();
            assertThat(send(coffer, "GET", "/app-name", null).body()).isEqualTo("Booted");

            Record su = new dev.coffer.core.auth.Superusers(coffer.app()).upsert("su@example.com", "1234567890");
            String token = coffer.app().tokens().newAuthToken(su, true);
            var anonymous = get(coffer, "/private", null);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(Json.parse(anonymous.body()).path("message").asString())
                    .isEqualTo("The request requires valid record authorization token.");
            assertThat(anonymous.headers().firstValue("X-Hooks")).hasValue("on");
            assertThat(Json.parse(get(coffer, "/private", token).body()).path("id").asString()).isEqualTo(su.id());
            assertThat(get(coffer, "/admin", null).statusCode()).isEqualTo(401);
            assertThat(get(coffer, "/admin", token).body()).isEqualTo("admin");
            assertThat(get(coffer, "/ordered", null).headers().allValues("X-Order")).containsExactly("first", "second");
            assertThat(get(coffer, "/files/hi.txt", null).body()).isEqualTo("static hi");
            assertThat(get(coffer, "/files/nope.txt", null).statusCode()).isEqualTo(404);
            assertThat(get(coffer, "/util", null).body()).isEqualTo("Hi Ann!");
            assertThat(get(coffer, "/view?name=%3Cb%3E", null).body()).isEqualTo("<html><p>Hello &lt;b&gt;</p></html>");
            assertThat(Json.parse(get(coffer, "/std", null).body())).isEqualTo(Json.parse(
                    "{\"md5\": \"900150983cd24fb0d6963f7d28e17f72\", \"file\": \"static hi\", \"claim\": 1}"));

            for (String title : List.of("alpha one", "beta", "alpha two")) {
                send(coffer, "POST", "/api/collections/notes/records", "{\"title\": \"" + title + "\"}");
            }
            assertThat(Json.parse(get(coffer, "/search?q=alpha", null).body()))
                    .isEqualTo(Json.parse("[\"alpha two\", \"alpha one\"]"));
            assertThat(Json.parse(send(coffer, "POST", "/tx", null).body()).path("count").asInt()).isZero();
            assertThat(Json.parse(get(coffer, "/builder", null).body())).isEqualTo(Json.parse(
                    "{\"records\": [\"alpha two\", \"alpha one\"], \"rows\": [\"beta\"], \"updated\": 1}"));
            JsonNode listed = Json.parse(get(coffer, "/api/collections/notes/records?sort=title", null).body());
            assertThat(listed.path("items").get(0).path("title").asString()).isEqualTo("alpha one!");

            assertThat(send(coffer, "POST", "/mail", null).statusCode()).isEqualTo(204);
            assertThat(mails).singleElement().satisfies(m -> {
                assertThat(m.subject()).isEqualTo("[app] Welcome");
                assertThat(m.to()).containsExactly("ann@example.com");
                assertThat(m.fromName()).isEqualTo("App");
            });

            var reset = http.send(HttpRequest.newBuilder(URI.create(coffer.baseUrl() + "/reset-me"))
                    .header("Authorization", token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(reset.statusCode()).isEqualTo(204);
            assertThat(mails).hasSize(2).last().satisfies(m -> {
                assertThat(m.to()).containsExactly("su@example.com");
                assertThat(m.subject()).isEqualTo("[app] Reset for su@example.com");
            });

            // an auth flow's request hook and a model hook
            assertThat(send(coffer, "POST", "/api/collections/_superusers/request-password-reset",
                    "{\"email\": \"su@example.com\"}").statusCode()).isEqualTo(204);
            assertThat(Json.parse(get(coffer, "/stored/resetFor", null).body()).path("value").asString())
                    .isEqualTo("su@example.com");
            assertThat(Json.parse(get(coffer, "/stored/lastModel", null).body()).path("value").asString())
                    .isEqualTo("alpha two");
            // the three notes, the rolled-back one (its execute hook ran before the rollback) and the cron's none yet
            assertThat(Json.parse(get(coffer, "/stored/executed", null).body()).path("value").asInt()).isEqualTo(4);

            // request hooks of settings, the collections list and file downloads
            var renamed = http.send(HttpRequest.newBuilder(URI.create(coffer.baseUrl() + "/api/settings"))
                    .header("Authorization", token).header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"meta\": {\"appName\": \"Forbidden\"}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(renamed.statusCode()).isEqualTo(400);
            assertThat(Json.parse(renamed.body()).path("message").asString()).isEqualTo("Not that name.");
            var listed2 = get(coffer, "/api/collections?perPage=3", token);
            assertThat(listed2.statusCode()).isEqualTo(200);
            assertThat(listed2.headers().firstValue("X-Collections")).hasValue("3");
            for (String name : List.of("public.txt", "secret.txt")) {
                JsonNode made = Json.parse(send(coffer, "POST", "/with-file?name=" + name, null).body());
                var file = get(coffer, "/api/files/notes/" + made.path("id").asString() + "/"
                        + made.path("doc").asString(), null);
                if (name.startsWith("secret")) {
                    assertThat(file.statusCode()).isEqualTo(403);
                } else {
                    assertThat(file.statusCode()).isEqualTo(200);
                    assertThat(file.body()).isEqualTo("file body");
                }
            }

            // realtime: the subscription request and the messages written pass through their hooks
            try (java.util.stream.Stream<String> events = http.send(HttpRequest.newBuilder(
                    URI.create(coffer.baseUrl() + "/api/realtime")).build(), HttpResponse.BodyHandlers.ofLines()).body()) {
                var stream = events.iterator();
                String clientId = Json.parse(nextData(stream, "PB_CONNECT")).path("clientId").asString();
                assertThat(send(coffer, "POST", "/api/realtime", "{\"clientId\": \"" + clientId
                        + "\", \"subscriptions\": [\"news\", \"forbidden\"]}").statusCode()).isEqualTo(204);
                assertThat(Json.parse(get(coffer, "/subs/" + clientId, null).body()))
                        .isEqualTo(Json.parse("[\"news\"]"));
                assertThat(send(coffer, "POST", "/news", null).statusCode()).isEqualTo(204);
                assertThat(Json.parse(nextData(stream, "news"))).isEqualTo(Json.parse(
                        "{\"wrapped\": {\"text\": \"hi\"}, \"to\": \"" + clientId + "\"}"));
            }

            assertThat(coffer.app().cron().job("gone")).isEmpty();
            assertThat(coffer.app().cron().runNow("addNote")).isTrue();
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (coffer.app().records().query(coffer.app().collections().find("notes").orElseThrow(),
                    "title = ?", List.of("from cron"), 0).isEmpty() && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(coffer.app().records().query(coffer.app().collections().find("notes").orElseThrow(),
                    "title = ?", List.of("from cron"), 0)).hasSize(1);

            // closing (as a reload does) takes the routes, hooks and crons away
            hooks.close();
            assertThat(get(coffer, "/util", null).statusCode()).isEqualTo(404);
            assertThat(get(coffer, "/private", null).headers().firstValue("X-Hooks")).isEmpty();
            assertThat(coffer.app().cron().job("addNote")).isEmpty();
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
