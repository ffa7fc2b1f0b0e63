package dev.coffer.tools.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared mapper's output form. */
class JsonTest {

    @Test
    void escapesHtmlCharactersAsPocketBaseDoes() {
        String written = Json.write(Map.of("logo", "<svg a=\"1\">&amp;</svg>"));
        assertThat(written).isEqualTo("{\"logo\":\"\\u003csvg a=\\\"1\\\"\\u003e\\u0026amp;\\u003c/svg\\u003e\"}");
        assertThat(Json.parse(written).path("logo").asString()).isEqualTo("<svg a=\"1\">&amp;</svg>");
    }

    @Test
    void keepsOtherTextAsItIs() {
        assertThat(Json.write(Map.of("t", "héllo\n\"x\" / 'y'"))).isEqualTo("{\"t\":\"héllo\\n\\\"x\\\" / 'y'\"}");
    }
}
