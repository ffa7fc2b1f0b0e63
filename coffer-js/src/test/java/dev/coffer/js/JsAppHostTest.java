package dev.coffer.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.tools.json.Json;
import dev.coffer.tools.search.Filter;
import dev.coffer.tools.search.FilterLimits;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** {@code {:name}} parameters of {@code $app.findRecordsByFilter}: values become filter literals, never filter text. */
class JsAppHostTest {

    private static ObjectNode params(String json) {
        return (ObjectNode) Json.parse(json);
    }

    @Test
    void valuesBecomeQuotedLiteralsThatCannotEscapeTheirQuotes() {
        String filter = JsAppHost.withParams("title = {:q} && views > {:n} && ok = {:b} && x = {:none}",
                params("{\"q\": \"x' || id != '\", \"n\": 3, \"b\": true, \"none\": null}"));
        assertThat(filter).isEqualTo("title = 'x\\' || id != \\'' && views > 3 && ok = true && x = null");
        // the whole value stays one text literal: the filter has exactly the four comparisons written
        assertThat(Filter.parse(filter, FilterLimits.RULE).comparisons()).isEqualTo(4);
        assertThat(JsAppHost.withParams("a = {:q}", params("{\"q\": \"back\\\\slash\"}")))
                .isEqualTo("a = 'back\\\\slash'");
    }

    @Test
    void aMissingValueIsAnError() {
        assertThatThrownBy(() -> JsAppHost.withParams("a = {:q}", params("{}")))
                .hasMessage("no value bound for {:q}");
    }
}
