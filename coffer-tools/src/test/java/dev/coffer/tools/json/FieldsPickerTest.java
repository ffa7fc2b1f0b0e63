package dev.coffer.tools.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FieldsPickerTest {

    private static String pick(String fields, String json) {
        return Json.write(FieldsPicker.parse(fields).pick(Json.parse(json)));
    }

    @Test
    void picksTopLevelNestedAndStar() {
        String data = "{\"a\":1,\"b\":{\"c\":2,\"d\":3},\"e\":[{\"f\":1,\"g\":2}]}";
        assertThat(pick("a", data)).isEqualTo("{\"a\":1}");
        assertThat(pick("b.c,e.g", data)).isEqualTo("{\"b\":{\"c\":2},\"e\":[{\"g\":2}]}");
        assertThat(pick("*,b.d", data)).isEqualTo("{\"a\":1,\"b\":{\"d\":3},\"e\":[{\"f\":1,\"g\":2}]}");
        assertThat(pick("", data)).isEqualTo(data);
    }

    @Test
    void excerptStripsHtmlAndCuts() {
        String data = "{\"t\":\"<p>Hello <b>big</b> world</p>\",\"n\":5}";
        assertThat(pick("t:excerpt(9,true),n:excerpt(2)", data)).isEqualTo("{\"t\":\"Hello big...\",\"n\":5}");
        assertThat(pick("t:excerpt(100)", data)).isEqualTo("{\"t\":\"Hello big world\"}");
        assertThatThrownBy(() -> FieldsPicker.parse("t:unknown()")).isInstanceOf(IllegalArgumentException.class);
    }
}
