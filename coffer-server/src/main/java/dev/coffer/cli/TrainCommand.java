package dev.coffer.cli;

import dev.coffer.Coffer;
import dev.coffer.CofferConfig;
import dev.coffer.core.auth.Superusers;
import dev.coffer.tools.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code coffer train}: runs a built-in workload of the common API calls against a throwaway server on a
 * temporary data directory, then exits. The launchers run it with the JVM's ahead-of-time cache output on (Java
 * 25 and newer), so later starts begin with the classes loaded and the methods' profiles of this run, and reach
 * full speed in far fewer requests.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Runs a built-in API workload on a throwaway server (the launchers use it to write the "
                + "JVM's ahead-of-time cache).")
final class TrainCommand implements Callable<Integer> {

    private static final String PASSWORD = "train-Passw0rd-1234";

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "4",
            description = "How many times the workload runs (default: ${DEFAULT-VALUE}).")
    int rounds;

    private HttpClient http;
    private String base;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("coffer-train");
        try {
            CofferConfig config = CofferConfig.of(dir.resolve("pb_data")).withHttp("127.0.0.1", 0);
            try (Coffer coffer = Coffer.create(config)) {
                new Superusers(coffer.app()).upsert("train@example.invalid", PASSWORD);
                coffer.start();
                base = coffer.baseUrl();
                http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10)).build();
                workload();
            }
        } finally {
            deleteTree(dir);
        }
        return 0;
    }

    private void workload() throws Exception {
        String su = token(send("POST", "/api/collections/_superusers/auth-with-password", null,
                "{\"identity\":\"train@example.invalid\",\"password\":\"" + PASSWORD + "\"}"));
        send("PATCH", "/api/settings", su, "{\"batch\":{\"enabled\":true,\"maxRequests\":50}}");
        send("PATCH", "/api/collections/users", su, "{\"listRule\":\"@request.auth.id != ''\",\"viewRule\":\"\","
                + "\"fields\":[{\"name\":\"nickname\",\"type\":\"text\"}]}");
        String orgs = id(send("POST", "/api/collections", su, "{\"name\":\"train_orgs\",\"type\":\"base\","
                + "\"listRule\":\"\",\"viewRule\":\"\",\"fields\":[{\"name\":\"name\",\"type\":\"text\"}]}"));
        String usersId = id(send("GET", "/api/collections/users", su, null));
        send("POST", "/api/collections", su, "{\"name\":\"train_posts\",\"type\":\"base\",\"listRule\":\"\","
                + "\"viewRule\":\"\",\"createRule\":\"\",\"updateRule\":\"\",\"deleteRule\":\"\",\"fields\":["
                + "{\"name\":\"title\",\"type\":\"text\",\"required\":true},{\"name\":\"body\",\"type\":\"editor\"},"
                + "{\"name\":\"n\",\"type\":\"number\"},{\"name\":\"public\",\"type\":\"bool\"},"
                + "{\"name\":\"type\",\"type\":\"select\",\"maxSelect\":3,\"values\":[\"a\",\"b\",\"c\",\"d\"]},"
                + "{\"name\":\"meta\",\"type\":\"json\"},"
                + "{\"name\":\"author\",\"type\":\"relation\",\"collectionId\":\"" + usersId + "\",\"maxSelect\":1},"
                + "{\"name\":\"org\",\"type\":\"relation\",\"collectionId\":\"" + orgs + "\",\"maxSelect\":1},"
                + "{\"name\":\"created\",\"type\":\"autodate\",\"onCreate\":true},"
                + "{\"name\":\"updated\",\"type\":\"autodate\",\"onCreate\":true,\"onUpdate\":true}]}");
        List<String> orgIds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            orgIds.add(id(send("POST", "/api/collections/train_orgs/records", su, "{\"name\":\"org" + i + "\"}")));
        }
        List<String> users = new ArrayList<>();
        List<String> userTokens = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String email = "user" + i + "@example.invalid";
            users.add(id(send("POST", "/api/collections/users/records", su, "{\"email\":\"" + email
                    + "\",\"password\":\"" + PASSWORD + "\",\"passwordConfirm\":\"" + PASSWORD + "\",\"nickname\":\"u"
                    + i + "\"}")));
            userTokens.add(token(send("POST", "/api/collections/users/auth-with-password", null,
                    "{\"identity\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}")));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < rounds; round++) {
                List<Future<?>> running = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int thread = t;
                    running.add(pool.submit(() -> {
                        mix(thread, su, users, userTokens, orgIds);
                        return null;
                    }));
                }
                for (Future<?> f : running) {
                    f.get();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** One client's share of a round: creates, reads, lists with filters, updates, deletes, auth and realtime. */
    private void mix(int thread, String su, List<String> users, List<String> tokens, List<String> orgs)
            throws Exception {
        String user = users.get(thread % users.size());
        String userToken = tokens.get(thread % tokens.size());
        String[] callers = {null, userToken, su};
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String caller = callers[i % 3];
            String body = "{\"title\":\"post " + thread + "-" + i + " <b>&</b>\",\"body\":\"<p>Lorem ipsum dolor sit "
                    + "amet, consectetur adipiscing elit</p>\",\"n\":" + i + ",\"public\":" + (i % 2 == 0)
                    + ",\"type\":[\"a\",\"c\"],\"meta\":{\"k\":[1,2,{\"x\":null}]},\"author\":\"" + user
                    + "\",\"org\":\"" + orgs.get(i % orgs.size()) + "\"}";
            created.add(id(send("POST", "/api/collections/train_posts/records", caller, body)));
        }
        for (int i = 0; i < created.size(); i++) {
            String caller = callers[i % 3];
            String id = created.get(i);
            send("GET", "/api/collections/train_posts/records/" + id, caller, null);
            send("GET", "/api/collections/train_posts/records/" + id + "?expand=author,org&fields=id,title,expand",
                    caller, null);
            send("PATCH", "/api/collections/train_posts/records/" + id, caller, "{\"n+\":1,\"public\":false}");
            send("GET", "/api/collections/users/records/" + user, caller, null);
        }
        String[] lists = {"?perPage=20", "?perPage=20&skipTotal=1", "?page=2&perPage=30&sort=-created,title",
            "?filter=" + enc("author = '" + user + "' && n > 5"), "?filter=" + enc("org.name != 'test'"),
            "?filter=" + enc("title ~ 'post' || body ~ 'ipsum'") + "&sort=-n", "?expand=author&perPage=10",
            "?filter=" + enc("type ?= 'a' && created > '2000-01-01 00:00:00'") + "&skipTotal=1"};
        for (int i = 0; i < 80; i++) {
            send("GET", "/api/collections/train_posts/records" + lists[i % lists.length], callers[i % 3], null);
        }
        for (int i = 0; i < 20; i++) {
            send("GET", "/api/collections/users/records?perPage=10", userToken, null);
            send("POST", "/api/collections/users/auth-refresh", userToken, "");
            send("GET", "/api/health", null, null);
        }
        send("POST", "/api/batch", su, "{\"requests\":[{\"method\":\"POST\",\"url\":\"/api/collections/train_posts/"
                + "records\",\"body\":{\"title\":\"batched\"}},{\"method\":\"PATCH\",\"url\":\"/api/collections/"
                + "train_posts/records/" + created.get(0) + "\",\"body\":{\"n\":1}}]}");
        realtime(userToken);
        send("GET", "/api/collections", su, null);
        send("GET", "/api/settings", su, null);
        for (int i = 0; i < created.size(); i++) {
            send("DELETE", "/api/collections/train_posts/records/" + created.get(i), callers[i % 3], null);
        }
    }

    /** Connects a realtime client, subscribes it and lets it receive one create. */
    private void realtime(String token) throws Exception {
        HttpRequest connect = HttpRequest.newBuilder(URI.create(base + "/api/realtime"))
                .header("Accept", "text/event-stream").GET().build();
        HttpResponse<InputStream> stream = http.send(connect, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = stream.body()) {
            String first = readFrame(in);
            Matcher m = Pattern.compile("\"clientId\":\"([^\"]+)\"").matcher(first);
            if (!m.find()) {
                throw new IOException("no realtime client id in " + first);
            }
            send("POST", "/api/realtime", token, "{\"clientId\":\"" + m.group(1)
                    + "\",\"subscriptions\":[\"train_posts/*\",\"train_posts\"]}");
            send("POST", "/api/collections/train_posts/records", token, "{\"title\":\"live\"}");
            readFrame(in);
        }
    }

    private static String readFrame(InputStream in) throws IOException {
        StringBuilder frame = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            frame.append((char) c);
            if (frame.length() >= 2 && frame.charAt(frame.length() - 1) == '\n'
                    && frame.charAt(frame.length() - 2) == '\n') {
                break;
            }
        }
        return frame.toString();
    }

    private String send(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", token);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> res = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (res.statusCode() >= 300) {
            throw new IOException(method + " " + path + ": " + res.statusCode() + " " + res.body());
        }
        return res.body();
    }

    private static String token(String json) throws IOException {
        return member(json, "token");
    }

    private static String id(String json) throws IOException {
        return member(json, "id");
    }

    /** A top-level string member of a JSON object. */
    private static String member(String json, String name) throws IOException {
        String value = Json.parse(json).path(name).asString("");
        if (value.isEmpty()) {
            throw new IOException("no " + name + " in " + json);
        }
        return value;
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
