package dev.coffer.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsStdTest {

    private static final Engine ENGINE = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();

    private Context context;

    @TempDir
    Path tmp;

    @BeforeEach
    void setUp() {
        context = Context.newBuilder("js")
                .engine(ENGINE)
                .allowHostAccess(HostAccess.EXPLICIT)
                .option("js.ecmascript-version", "2022")
                .build();
        context.getBindings("js").putMember("__cofferStd", new JsStdHost(List.of("coffer", "serve")));
        context.eval(JsRuntime.resource("std.js"));
    }

    @AfterEach
    void tearDown() {
        context.close();
    }

    private Value js(String code) {
        return context.eval("js", code);
    }

    private String str(String code) {
        return js(code).asString();
    }

    /** The message of the JS error the code throws. */
    private String error(String code) {
        return str("(() => { try { " + code + "; return 'no error'; } catch (e) { "
                + "return (e instanceof Error ? 'Error: ' : 'other: ') + e.message; } })()");
    }

    // ------------------------------------------------------------------ $security

    @Test
    void hashesAndHmacs() {
        assertThat(str("$security.md5('test')")).isEqualTo("098f6bcd4621d373cade4e832627b4f6");
        assertThat(str("$security.sha256('test')"))
                .isEqualTo("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        assertThat(str("$security.sha512('test')")).isEqualTo("ee26b0dd4af7e749aa1a8ee3c10ae9923f618980772e473f8819"
                + "a5d4940e0db27ac185f8a0e1d5f84f88bc887fd67b143732c304cc5fa9ad8e6f57f50028a8ff");
        // RFC 4231 test case 2
        assertThat(str("$security.hs256('what do ya want for nothing?', 'Jefe')"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        assertThat(str("$security.hs512('what do ya want for nothing?', 'Jefe')")).isEqualTo("164b7a7bfcf819e2e395fb"
                + "e73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737");
        assertThat(str("$security.hs256('data', '')")).hasSize(64);
        assertThat(js("$security.equal('abc', 'abc')").asBoolean()).isTrue();
        assertThat(js("$security.equal('abc', 'abd')").asBoolean()).isFalse();
        assertThat(js("$security.equal('abc', 'abcd')").asBoolean()).isFalse();
    }

    @Test
    void randomStrings() {
        assertThat(str("$security.randomString(30)")).matches("[A-Za-z0-9]{30}");
        assertThat(str("$security.pseudorandomString(12)")).matches("[A-Za-z0-9]{12}");
        assertThat(str("$security.randomStringWithAlphabet(20, 'ab')")).matches("[ab]{20}");
        assertThat(str("$security.pseudorandomStringWithAlphabet(5, 'x')")).isEqualTo("xxxxx");
        assertThat(str("$security.randomString(0)")).isEmpty();
        assertThat(str("$security.randomString(30)")).isNotEqualTo(str("$security.randomString(30)"));
    }

    @Test
    void randomStringsByRegex() {
        for (int i = 0; i < 20; i++) {
            assertThat(str("$security.randomStringByRegex('[a-z0-9]{30}')")).matches("[a-z0-9]{30}");
            assertThat(str("$security.randomStringByRegex('(abc|xyz)-\\\\d{3}_[^a-zA-Z0-9\\\\s]')"))
                    .matches("(abc|xyz)-\\d{3}_[^a-zA-Z0-9\\s]");
            assertThat(str("$security.randomStringByRegex('a.b+c*')")).matches("a[A-Za-z0-9]b{1,5}c{0,5}");
            assertThat(str("$security.randomStringByRegex('(?i)[a-c]{4}x?')")).matches("[a-cA-C]{4}"); // x? gives none
            assertThat(str("$security.randomStringByRegex('[[:digit:]]{2,4}')")).matches("[0-9]{2,3}");
        }
        assertThat(error("$security.randomStringByRegex('^abc$')")).isEqualTo("Error: unsupported pattern operator 9");
        assertThat(error("$security.randomStringByRegex('[a-')"))
                .isEqualTo("Error: error parsing regexp: missing closing ]: `[a-`");
        assertThat(error("$security.randomStringByRegex('a**')")).startsWith("Error: error parsing regexp: invalid nested");
    }

    @Test
    void jwtMadeHereMatchesTheGoEncoding() {
        // header and claims as Go's encoding/json writes them (sorted keys, <>& escaped), HS256 over them
        String token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjQxMDI0NDQ4MDAsIm5hbWUiOiJcdTAwM2NKbyBcdTAwMjYgQWx"
                + "cdTAwM2UiLCJuZXN0ZWQiOnsiYSI6WzEuNSwieCJdLCJ6IjoxfSwic3ViIjoiMSJ9.jui4LFFlEYiK4mSa5DHCOU8MCp59FxbGb8K0Q78MILo";
        assertThat(str("$security.createJWT({sub: '1', name: '<Jo & Al>', nested: {z: 1, a: [1.5, 'x']}, "
                + "exp: 4102444800}, 'my-secret', 60)")).isEqualTo(token);
        assertThat(str("JSON.stringify($security.parseJWT('" + token + "', 'my-secret'))"))
                .isEqualTo("{\"exp\":4102444800,\"name\":\"<Jo & Al>\",\"nested\":{\"a\":[1.5,\"x\"],\"z\":1},\"sub\":\"1\"}");
    }

    @Test
    void jwtRoundTripAndFailures() {
        js("var t = $security.createJWT({id: 'abc', n: 5}, 'secret', 120)");
        assertThat(str("$security.parseJWT(t, 'secret').id")).isEqualTo("abc");
        assertThat(js("$security.parseJWT(t, 'secret').n").asInt()).isEqualTo(5);
        long exp = js("$security.parseJWT(t, 'secret').exp").asLong();
        long now = System.currentTimeMillis() / 1000;
        assertThat(exp).isBetween(now + 118, now + 121);
        assertThat(str("$security.parseUnverifiedJWT(t).id")).isEqualTo("abc");

        assertThat(error("$security.parseJWT(t, 'other')"))
                .isEqualTo("Error: token signature is invalid: signature is invalid");
        assertThat(error("$security.parseJWT($security.createJWT({id: 'x'}, 'secret', -10), 'secret')"))
                .isEqualTo("Error: token has invalid claims: token is expired");
        assertThat(error("$security.parseUnverifiedJWT($security.createJWT({id: 'x'}, 'secret', -10))"))
                .isEqualTo("Error: token has invalid claims: token is expired");
        assertThat(error("$security.parseJWT('abc', 'secret')"))
                .isEqualTo("Error: token is malformed: token contains an invalid number of segments");
        // HS512 with the right key is still refused: only HS256 is accepted
        String hs512 = "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJpZCI6IngifQ.c2ln";
        assertThat(error("$security.parseJWT('" + hs512 + "', 'secret')"))
                .isEqualTo("Error: token signature is invalid: signing method HS512 is invalid");
        // a token without exp stays valid; iat in the future is refused only by parseUnverifiedJWT
        js("var future = $security.createJWT({exp: null, iat: 4102444800}, 'k', 0)");
        assertThat(js("$security.parseJWT(future, 'k').iat").asLong()).isEqualTo(4102444800L);
        assertThat(error("$security.parseUnverifiedJWT(future)"))
                .isEqualTo("Error: token has invalid claims: token used before issued");
        assertThat(error("$security.parseJWT($security.createJWT({nbf: 4102444800}, 'k', 60), 'k')"))
                .isEqualTo("Error: token has invalid claims: token is not valid yet");
    }

    @Test
    void encryptDecrypt() throws Exception {
        String key = "abcdefghijklmnopqrstuvwxyz012345";
        js("var key = '" + key + "'");
        js("var c = $security.encrypt('hello coffer ü', key)");
        assertThat(str("$security.decrypt(c, key)")).isEqualTo("hello coffer ü");
        assertThat(str("$security.decrypt($security.encrypt(toBytes('bytes too'), key), key)")).isEqualTo("bytes too");
        assertThat(str("c")).isNotEqualTo(str("$security.encrypt('hello coffer ü', key)")); // a fresh nonce each time

        // PocketBase's layout: standard base64 of nonce (12 bytes) + sealed data (cipher text + 16 byte tag)
        byte[] raw = Base64.getDecoder().decode(str("c"));
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "AES"),
                new GCMParameterSpec(128, raw, 0, 12));
        assertThat(new String(cipher.doFinal(raw, 12, raw.length - 12), StandardCharsets.UTF_8))
                .isEqualTo("hello coffer ü");

        // made by Go's algorithm (AES-256-GCM, nonce 01..0c prepended, std base64) with another implementation
        assertThat(str("$security.decrypt('AQIDBAUGBwgJCgsMtYvCYLV2x9LhFvNFtE9WRSgNlGkuDJYZbTtIyp2n4w==', key)"))
                .isEqualTo("hello coffer ü");

        assertThat(error("$security.decrypt(c, 'abcdefghijklmnopqrstuvwxyz012346')"))
                .isEqualTo("Error: cipher: message authentication failed");
        assertThat(error("$security.encrypt('x', 'short')")).isEqualTo("Error: crypto/aes: invalid key size 5");
        assertThat(error("$security.decrypt('%%%', key)")).isEqualTo("Error: illegal base64 data");
    }

    // ------------------------------------------------------------------ $http

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            ex.getResponseBody().write(b);
        }
        ex.close();
    }

    @Test
    void httpSend() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/json", ex -> {
            ex.getResponseHeaders().add("content-type", "application/json");
            ex.getResponseHeaders().add("x-multi", "one");
            ex.getResponseHeaders().add("x-multi", "two");
            ex.getResponseHeaders().add("Set-Cookie", "sid=abc123; Path=/; Max-Age=60; HttpOnly; SameSite=Lax");
            respond(ex, 201, "{\"a\":1,\"list\":[true,null]}");
        });
        server.createContext("/echo", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            respond(ex, 200, ex.getRequestMethod() + "|" + ex.getRequestHeaders().getFirst("X-Token") + "|"
                    + ex.getRequestHeaders().getFirst("Content-Type") + "|" + body);
        });
        server.createContext("/bytes", ex -> {
            ex.sendResponseHeaders(200, 3);
            ex.getResponseBody().write(new byte[] {0, (byte) 0xff, 65});
            ex.close();
        });
        server.createContext("/empty", ex -> respond(ex, 204, ""));
        server.createContext("/slow", ex -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(ex, 200, "late");
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            js("var base = '" + base + "'");

            js("var r = $http.send({url: base + '/json'})");
            assertThat(js("r.statusCode").asInt()).isEqualTo(201);
            assertThat(str("JSON.stringify(r.json)")).isEqualTo("{\"a\":1,\"list\":[true,null]}");
            assertThat(str("r.raw")).isEqualTo("{\"a\":1,\"list\":[true,null]}");
            assertThat(str("toString(r.body)")).isEqualTo("{\"a\":1,\"list\":[true,null]}");
            assertThat(js("Array.isArray(r.body) && r.body[0] === 123").asBoolean()).isTrue();
            assertThat(str("JSON.stringify(r.headers['Content-Type'])")).isEqualTo("[\"application/json\"]");
            assertThat(str("JSON.stringify(r.headers['X-Multi'])")).isEqualTo("[\"one\",\"two\"]");
            assertThat(str("r.cookies.sid.value")).isEqualTo("abc123");
            assertThat(js("r.cookies.sid.maxAge").asInt()).isEqualTo(60);
            assertThat(js("r.cookies.sid.httpOnly && r.cookies.sid.path === '/' && r.cookies.sid.sameSite === 2")
                    .asBoolean()).isTrue();
            assertThat(str("Object.keys(r).sort().join(',')")).isEqualTo("body,cookies,headers,json,raw,statusCode");

            js("var p = $http.send({url: base + '/echo', method: 'post', body: JSON.stringify({x: 1}), "
                    + "headers: {'x-token': 'T', 'content-type': 'application/json'}, timeout: 5})");
            assertThat(str("p.raw")).isEqualTo("POST|T|application/json|{\"x\":1}");
            assertThat(js("p.json").isNull()).isTrue(); // not JSON
            assertThat(str("$http.send({url: base + '/echo', method: 'PUT', data: {b: 2, a: '<'}}).raw"))
                    .isEqualTo("PUT|null|null|{\"a\":\"\\u003c\",\"b\":2}");
            assertThat(str("$http.send({url: base + '/echo', method: 'PATCH', body: toBytes('raw')}).raw"))
                    .isEqualTo("PATCH|null|null|raw");

            assertThat(str("JSON.stringify(Array.from($http.send({url: base + '/bytes'}).body))")).isEqualTo("[0,255,65]");
            js("var e = $http.send({url: base + '/empty'})");
            assertThat(js("e.statusCode === 204 && e.json === null && e.body.length === 0 && e.raw === ''")
                    .asBoolean()).isTrue();
            assertThat(js("$http.send({url: base + '/missing'}).statusCode").asInt()).isEqualTo(404);

            long start = System.nanoTime();
            assertThat(error("$http.send({url: base + '/slow', timeout: 1})"))
                    .isEqualTo("Error: Get \"" + base + "/slow\": context deadline exceeded");
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2900);

            assertThat(error("$http.send({url: 'ftp://example.com/x'})"))
                    .isEqualTo("Error: Get \"ftp://example.com/x\": unsupported protocol scheme \"ftp\"");
            assertThat(error("$http.send({url: base + '/echo', body: new FormData()})"))
                    .contains("FormData bodies are not supported");
        } finally {
            server.stop(0);
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertThat(error("$http.send({url: 'http://127.0.0.1:" + closed + "/x'})")).isEqualTo(
                "Error: Get \"http://127.0.0.1:" + closed + "/x\": dial tcp 127.0.0.1:" + closed
                        + ": connect: connection refused");
    }

    // ------------------------------------------------------------------ $os

    @Test
    void osFiles() throws Exception {
        js("var dir = '" + tmp + "'");
        js("$os.writeFile(dir + '/a.txt', 'héllo', 0o644)");
        assertThat(Files.readString(tmp.resolve("a.txt"))).isEqualTo("héllo");
        assertThat(str("toString($os.readFile(dir + '/a.txt'))")).isEqualTo("héllo");
        assertThat(str("JSON.stringify(Array.from($os.readFile(dir + '/a.txt')))"))
                .isEqualTo("[104,195,169,108,108,111]");
        js("$os.writeFile(dir + '/b.bin', [0, 1, 255], 0o600)");
        assertThat(Files.readAllBytes(tmp.resolve("b.bin"))).containsExactly(0, 1, 255);

        js("var st = $os.stat(dir + '/a.txt')");
        assertThat(str("st.name()")).isEqualTo("a.txt");
        assertThat(js("st.size()").asInt()).isEqualTo(6);
        assertThat(js("st.isDir()").asBoolean()).isFalse();
        assertThat(js("st.mode() & 0o777").asInt()).isEqualTo(0644);
        long mod = Files.getLastModifiedTime(tmp.resolve("a.txt")).toMillis();
        assertThat(js("st.modTime().getTime()").asLong()).isEqualTo(mod);
        assertThat(js("st.modTime().unix()").asLong()).isEqualTo(mod / 1000);

        js("$os.mkdir(dir + '/sub', 0o755)");
        js("$os.mkdirAll(dir + '/deep/er/est', 0o755)");
        js("$os.mkdirAll(dir + '/deep/er', 0o755)"); // already there: no error
        assertThat(Files.isDirectory(tmp.resolve("deep/er/est"))).isTrue();
        assertThat(error("$os.mkdir(dir + '/sub', 0o755)")).isEqualTo("Error: mkdir " + tmp + "/sub: file exists");
        assertThat(str("$os.readDir(dir).map((e) => e.name() + (e.isDir() ? '/' : '')).join(',')"))
                .isEqualTo("a.txt,b.bin,deep/,sub/");
        assertThat(js("$os.readDir(dir)[0].info().size()").asInt()).isEqualTo(6);
        assertThat(js("$os.stat(dir + '/sub').isDir()").asBoolean()).isTrue();

        js("$os.rename(dir + '/b.bin', dir + '/sub/c.bin')");
        assertThat(Files.exists(tmp.resolve("sub/c.bin"))).isTrue();
        assertThat(error("$os.remove(dir + '/sub')")).isEqualTo("Error: remove " + tmp + "/sub: directory not empty");
        js("$os.remove(dir + '/sub/c.bin')");
        js("$os.remove(dir + '/sub')");
        js("$os.removeAll(dir + '/deep')");
        js("$os.removeAll(dir + '/never-there')");
        assertThat(str("$os.readDir(dir).map((e) => e.name()).join(',')")).isEqualTo("a.txt");
        js("$os.truncate(dir + '/a.txt', 2)");
        assertThat(Files.readAllBytes(tmp.resolve("a.txt"))).containsExactly(0x68, 0xC3);

        assertThat(error("$os.readFile(dir + '/nope')")).isEqualTo("Error: open " + tmp + "/nope: no such file or directory");
        assertThat(error("$os.stat(dir + '/nope')")).isEqualTo("Error: stat " + tmp + "/nope: no such file or directory");
        assertThat(error("$os.remove(dir + '/nope')")).isEqualTo("Error: remove " + tmp + "/nope: no such file or directory");

        assertThat(str("$os.getenv('PATH')")).isEqualTo(System.getenv("PATH"));
        assertThat(str("$os.getenv('COFFER_SURELY_UNSET_VARIABLE')")).isEmpty();
        assertThat(str("$os.tempDir()")).isNotEmpty();
        assertThat(str("$os.getwd()")).isEqualTo(Path.of("").toAbsolutePath().toString());
        assertThat(str("$os.args.join(' ')")).isEqualTo("coffer serve");
    }

    // ------------------------------------------------------------------ plain globals

    @Test
    void toStringAndToBytes() {
        assertThat(str("toString('text')")).isEqualTo("text");
        assertThat(str("toString(toBytes('hé'))")).isEqualTo("hé");
        assertThat(str("JSON.stringify(toBytes('hé'))")).isEqualTo("[104,195,169]");
        assertThat(str("toString(new Uint8Array([104, 105]))")).isEqualTo("hi");
        assertThat(str("toString(123)")).isEqualTo("123");
        assertThat(str("toString(1.5)")).isEqualTo("1.5");
        assertThat(str("toString(1e21)")).isEqualTo("1000000000000000000000");
        assertThat(str("toString(1.5e-7)")).isEqualTo("0.00000015");
        assertThat(str("toString(true)")).isEqualTo("true");
        assertThat(str("toString(null) + toString(undefined)")).isEmpty();
        // a plain list is no []byte: like any other value it is written as JSON
        assertThat(str("toString([104, 105])")).isEqualTo("[104,105]");
        assertThat(str("toString({b: 1, a: '<x>'})")).isEqualTo("{\"a\":\"\\u003cx\\u003e\",\"b\":1}");

        assertThat(str("JSON.stringify(toBytes([1, 2, 255]))")).isEqualTo("[1,2,255]");
        assertThat(str("JSON.stringify(toBytes(12))")).isEqualTo("[49,50]");
        assertThat(str("JSON.stringify(toBytes(null))")).isEqualTo("[]");
        assertThat(str("toString(toBytes({a: 1}))")).isEqualTo("{\"a\":1}");
        assertThat(str("readerToString('abcdef', 3)")).isEqualTo("abc");
    }

    @Test
    void modelsSleepAndFilepath() {
        assertThat(error("new DynamicModel({})")).isEqualTo("Error: [DynamicModel] missing shape data");
        js("var m = new DynamicModel({title: '', total: 0, tags: [], meta: {}, note: nullString()})");
        assertThat(str("JSON.stringify(m)")).isEqualTo("{\"meta\":{},\"note\":null,\"tags\":[],\"title\":\"\",\"total\":0}");
        assertThat(js("m instanceof DynamicModel").asBoolean()).isTrue();
        js("var list = arrayOf(m)");
        assertThat(js("Array.isArray(list) && list.length === 0 && list[Symbol.for('coffer.arrayOf.model')] === m")
                .asBoolean()).isTrue();

        long start = System.nanoTime();
        js("sleep(50)");
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(45);

        assertThat(str("$filepath.join('a', 'b/../c', '', 'd.txt')")).isEqualTo("a/c/d.txt");
        assertThat(str("$filepath.join()")).isEmpty();
        assertThat(str("$filepath.clean('/../a//b/./c/..')")).isEqualTo("/a/b");
        assertThat(str("$filepath.base('/a/b.txt/')")).isEqualTo("b.txt");
        assertThat(str("$filepath.dir('/a/b.txt')")).isEqualTo("/a");
        assertThat(str("$filepath.dir('b.txt')")).isEqualTo(".");
        assertThat(str("$filepath.ext('x/a.tar.gz')")).isEqualTo(".gz");
        assertThat(str("$filepath.ext('a.d/b')")).isEmpty();
        assertThat(str("$filepath.rel('/a/b', '/a/c/d')")).isEqualTo("../c/d");
        assertThat(str("$filepath.rel('/', '/a')")).isEqualTo("a");
        assertThat(str("JSON.stringify($filepath.split('a/b/c.txt'))")).isEqualTo("[\"a/b/\",\"c.txt\"]");
        assertThat(js("$filepath.isAbs('/x') && !$filepath.isAbs('x')").asBoolean()).isTrue();
        assertThat(js("$filepath.match('*.js', 'a.pb.js') && !$filepath.match('*.js', 'd/a.js')"
                + " && $filepath.match('[a-c]?.txt', 'bz.txt')").asBoolean()).isTrue();
    }

    @Test
    void hostFailuresAreJsErrors() {
        // a failure is an Error a script can catch and read, never a host object
        assertThatThrownBy(() -> js("$os.readFile('/surely/not/here')"))
                .isInstanceOf(PolyglotException.class)
                .hasMessageContaining("open /surely/not/here: no such file or directory")
                .satisfies(e -> assertThat(((PolyglotException) e).isHostException()).isFalse());
    }
}
