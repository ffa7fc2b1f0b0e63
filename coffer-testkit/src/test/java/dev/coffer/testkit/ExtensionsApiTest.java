package dev.coffer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.apis.UiExtension;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard extension routes, without and with extensions registered through {@code Coffer}. */
class ExtensionsApiTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void withoutExtensionsTheScriptIsEmptyAndFilesAreMissing() {
        try (TestApp app = TestApp.fromFixture()) {
            HttpResponse<String> js = app.send("GET", "/_/extensions.js", Map.of(), null);
            assertThat(js.statusCode()).isEqualTo(200);
            assertThat(js.headers().firstValue("content-type")).hasValue("text/javascript");
            assertThat(js.body()).isEmpty();
            HttpResponse<String> file = app.send("GET", "/_/extensions/ext1/test.txt", Map.of(), null);
            assertThat(file.statusCode()).isEqualTo(404);
            assertThat(file.body()).contains("\"data\":{}");
        }
    }

    @Test
    void registeredExtensionsAreServed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.js"), "ext3_main");
        Files.writeString(dir.resolve("test.txt"), "ext3_txt");
        Files.writeString(dir.getParent().resolve("outside.txt"), "secret");
        try (TestApp app = TestApp.fromFixture(c -> c
                .addUiExtension(UiExtension.ofFiles("ext1", Map.of("main.js", b("ext1_main"), "test.txt", b("ext1_txt"))))
                .addUiExtension(UiExtension.ofFiles("ext2", Map.of("test.txt", b("ext2_txt"))))
                .addUiExtension(UiExtension.ofDirectory("ext3 with spaces", dir)))) {
            HttpResponse<String> js = app.send("GET", "/_/extensions.js", Map.of(), null);
            assertThat(js.statusCode()).isEqualTo(200);
            assertThat(js.body()).isEqualTo("await (async function(){ext1_main})();await (async function(){ext3_main})();");
            assertThat(app.send("GET", "/_/extensions/ext1/test.txt", Map.of(), null).body()).isEqualTo("ext1_txt");
            assertThat(app.send("GET", "/_/extensions/ext3%20with%20spaces/test.txt", Map.of(), null).body())
                    .isEqualTo("ext3_txt");
            assertThat(app.send("GET", "/_/extensions/ext1/missing", Map.of(), null).statusCode()).isEqualTo(404);
            assertThat(app.send("GET", "/_/extensions/ext3%20with%20spaces/..%2Foutside.txt", Map.of(), null)
                    .statusCode()).isEqualTo(404);
        }
    }
}
