package dev.coffer.tools.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The {@code ?fields=} picker; the expectations were checked against PocketBase 0.40.4's answers. */
class FieldsPickerTest {

    private static final String RECORD = "{\"id\":\"i9\",\"title\":\"test2\",\"json_object\":{\"a\":{\"b\":\"test\"}},"
            + "\"json_array\":[1,2,3],\"expand\":{\"rel\":{\"id\":\"r1\",\"title\":\"x\"}}}";

    private static String pick(String fields, String json) {
        return Json.write(FieldsPicker.parse(fields).pick(Json.parse(json)));
    }

    private static String pick(String fields) {
        return pick(fields, RECORD);
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

    @Test
    void aPathNamedAsAWholeKeepsItsWholeValue() {
        assertThat(pick("json_object,json_object.a")).isEqualTo("{\"json_object\":{\"a\":{\"b\":\"test\"}}}");
        assertThat(pick("expand.rel.id,expand")).isEqualTo("{\"expand\":{\"rel\":{\"id\":\"r1\",\"title\":\"x\"}}}");
        assertThat(pick("expand.rel.id")).isEqualTo("{\"expand\":{\"rel\":{\"id\":\"r1\"}}}");
        assertThat(pick("id.")).as("a trailing dot").isEqualTo("{\"id\":\"i9\"}");
        assertThat(pick("id..")).isEqualTo("{\"id\":\"i9\"}");
        assertThat(pick("json_array.x")).as("arrays of non-objects stay whole").isEqualTo("{\"json_array\":[1,2,3]}");
    }

    @Test
    void starOnlyCountsWhenNamedAsAWhole() {
        assertThat(pick("*.id")).isEqualTo("{}");
        assertThat(pick("expand.*.id")).isEqualTo("{\"expand\":{}}");
        assertThat(pick("*,*.id")).isEqualTo(Json.write(Json.parse(RECORD)));
        assertThat(pick("*:excerpt(2),id")).isEqualTo("{\"id\":\"i9\",\"title\":\"te\",\"json_object\":{\"a\":{\"b\":"
                + "\"test\"}},\"json_array\":[1,2,3],\"expand\":{\"rel\":{\"id\":\"r1\",\"title\":\"x\"}}}");
        assertThat(pick("expand.*")).isEqualTo("{\"expand\":{\"rel\":{\"id\":\"r1\",\"title\":\"x\"}}}");
    }

    @Test
    void aLaterItemReplacesAnEarlierOneAndThePathIsNotTrimmedBeforeTheColon() {
        assertThat(pick("title:excerpt(2),title")).isEqualTo("{\"title\":\"test2\"}");
        assertThat(pick("title,title:excerpt(2)")).isEqualTo("{\"title\":\"te\"}");
        assertThat(pick("title :excerpt(2)")).isEqualTo("{}");
        assertThat(pick(" title , id ")).isEqualTo("{\"id\":\"i9\",\"title\":\"test2\"}");
    }

    @Test
    void quotesAndParenthesesMustBalance() {
        for (String bad : new String[] {"id,\"", "id,(", "id,'", "id,`x", "title:excerpt(2"}) {
            assertThatThrownBy(() -> FieldsPicker.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(pick("id,)")).as("a lone closing parenthesis is just a character").isEqualTo("{\"id\":\"i9\"}");
        assertThat(pick("a\\(,id")).as("an escaped parenthesis doesn't count").isEqualTo("{\"id\":\"i9\"}");
        assertThat(pick("ti't,le'")).as("no split inside quotes").isEqualTo("{}");
        // NUL (Go's reader's end-of-input marker) ends the token it is in, and the input where a token starts
        assertThat(pick("id\u0000,title")).isEqualTo("{\"id\":\"i9\",\"title\":\"test2\"}");
        assertThat(pick("id\u0000title")).isEqualTo("{\"id\":\"i9\",\"title\":\"test2\"}");
        assertThat(pick("id,\u0000title")).isEqualTo("{\"id\":\"i9\"}");
        assertThat(pick("\u0000id,title")).isEqualTo(Json.write(Json.parse(RECORD)));
        assertThatThrownBy(() -> FieldsPicker.parse("id\u0000(,title")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldsPicker.parse("title:excerpt(2\u0000,true)"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void excerptArgumentsAreReadAsPocketBaseReadsThem() {
        assertThat(pick("title:excerpt(1.5)")).isEqualTo("{\"title\":\"t\"}");
        assertThat(pick("title:excerpt(99999999999)")).isEqualTo("{\"title\":\"test2\"}");
        assertThat(pick("title:excerpt(, 2)")).isEqualTo("{\"title\":\"te\"}");
        assertThat(pick("title:excerpt 2")).isEqualTo("{\"title\":\"te\"}");
        assertThat(pick("title:excerpt(2)x")).isEqualTo("{\"title\":\"te\"}");
        assertThat(pick("title:excerpt(2))")).isEqualTo("{\"title\":\"te\"}");
        assertThat(pick("title:excerpt(0x2)")).isEqualTo("{\"title\":\"te\"}");
        assertThat(pick("title:excerpt(010)")).as("octal 8").isEqualTo("{\"title\":\"test2\"}");
        assertThat(pick("title:excerpt(1_0)")).isEqualTo("{\"title\":\"test2\"}");
        assertThat(pick("title:excerpt(2,True)")).isEqualTo("{\"title\":\"te...\"}");
        assertThat(pick("title:excerpt(2,tRuE)")).as("not a Go bool: false").isEqualTo("{\"title\":\"te\"}");
        assertThat(pick("title:excerpt(2,maybe)")).isEqualTo("{\"title\":\"te\"}");
        for (String bad : new String[] {"title:excerpt(0)", "title:excerpt(-1)", "title:excerpt(08)",
            "title:excerpt(99999999999999999999)", "title:excerpt(abc)", "title:excerpt()", "title:excerpt",
            "title:excerpt(2,true,1)", "title:", "title:nope(2)", "title:excerpt(1__0)", "title:excerpt(_1)"}) {
            assertThatThrownBy(() -> FieldsPicker.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void castToIntMirrorsGo() {
        assertThat(FieldsPicker.castToInt("42")).isEqualTo(42);
        assertThat(FieldsPicker.castToInt("+42")).isEqualTo(42);
        assertThat(FieldsPicker.castToInt("-42")).isEqualTo(-42);
        assertThat(FieldsPicker.castToInt("4.9")).isEqualTo(4);
        assertThat(FieldsPicker.castToInt(".9")).isZero();
        assertThat(FieldsPicker.castToInt("0x1F")).isEqualTo(31);
        assertThat(FieldsPicker.castToInt("0b101")).isEqualTo(5);
        assertThat(FieldsPicker.castToInt("0o17")).isEqualTo(15);
        assertThat(FieldsPicker.castToInt("017")).isEqualTo(15);
        assertThat(FieldsPicker.castToInt("0x_1F")).isEqualTo(31);
        assertThat(FieldsPicker.castToInt("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        for (String zero : new String[] {"", "x", "1e3", "9223372036854775808", "0x", "08", "1_", "1__0", "١"}) {
            assertThat(FieldsPicker.castToInt(zero)).as(zero).isZero();
        }
    }
}
