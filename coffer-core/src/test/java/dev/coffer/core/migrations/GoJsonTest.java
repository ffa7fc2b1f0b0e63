package dev.coffer.core.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.tools.json.Json;
import org.junit.jupiter.api.Test;

class GoJsonTest {

    @Test
    void escapesHtmlCharactersLikeGo() {
        var node = Json.object().put("body", "<p>a & b</p>\n\u2028").putNull("x");
        assertThat(GoJson.write(node))
                .isEqualTo("{\"body\":\"\\u003cp\\u003ea \\u0026 b\\u003c/p\\u003e\\n\\u2028\",\"x\":null}");
        assertThat(Json.parse(GoJson.write(node))).isEqualTo(node);
    }

    @Test
    void computesPocketBaseChecksumIds() {
        assertThat(FieldDefinition.collectionId("auth", "_superusers")).isEqualTo("pbc_3142635823");
        assertThat(FieldDefinition.fieldId("text", "id")).isEqualTo("text3208210256");
        assertThat(FieldDefinition.fieldId("autodate", "updated")).isEqualTo("autodate3332085495");
    }
}
