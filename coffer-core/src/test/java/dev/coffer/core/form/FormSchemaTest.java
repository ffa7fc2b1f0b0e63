package dev.coffer.core.form;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.core.collection.Collection;
import dev.coffer.core.collection.CollectionType;
import dev.coffer.core.field.Field;
import dev.coffer.tools.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which widget each field type and its options get, with the validation and options the widget needs. */
class FormSchemaTest {

    private static String widget(String json) {
        return FormSchema.widget(Field.parse(Json.parse(json)), new LinkedHashMap<>(), new LinkedHashMap<>(), null);
    }

    private static Map<String, Object> entry(Collection c, String name) {
        return FormSchema.field(c, c.field(name).orElseThrow(), null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static List<Object> names(Map<String, Object> schema) {
        return ((List<?>) schema.get("fields")).stream().map(f -> map(f).get("name")).toList();
    }

    private static Collection collection(CollectionType type, String fields) {
        return new Collection("c1", "things", type, false, Collection.parseFields(Json.parse(fields)),
                new Collection.Rules("", null, null, null, null), List.of(), Json.object(), "", "");
    }

    @Test
    void textIsAnInputATextareaForLongTextAndTheIdForThePrimaryKey() {
        assertThat(widget("{\"type\":\"text\",\"name\":\"title\",\"max\":100}")).isEqualTo("text");
        assertThat(widget("{\"type\":\"text\",\"name\":\"title\",\"max\":255}")).isEqualTo("text");
        assertThat(widget("{\"type\":\"text\",\"name\":\"title\",\"max\":256}")).isEqualTo("textarea");
        assertThat(widget("{\"type\":\"text\",\"name\":\"title\"}")).as("no limit").isEqualTo("textarea");
        assertThat(widget("{\"type\":\"text\",\"name\":\"code\",\"pattern\":\"^[A-Z]{3}$\"}"))
                .as("no limit but a pattern").isEqualTo("text");
        assertThat(widget("{\"type\":\"text\",\"name\":\"Description\",\"max\":50}")).as("a long-text name")
                .isEqualTo("textarea");
        assertThat(widget("{\"type\":\"text\",\"name\":\"id\",\"primaryKey\":true,\"max\":15}")).isEqualTo("id");
    }

    @Test
    void numbersWithASmallRangeGetASlider() {
        assertThat(widget("{\"type\":\"number\",\"name\":\"n\"}")).isEqualTo("number");
        assertThat(widget("{\"type\":\"number\",\"name\":\"n\",\"min\":1,\"max\":10}")).isEqualTo("slider");
        assertThat(widget("{\"type\":\"number\",\"name\":\"n\",\"min\":0,\"max\":100}")).isEqualTo("slider");
        assertThat(widget("{\"type\":\"number\",\"name\":\"n\",\"min\":0,\"max\":101}")).isEqualTo("number");
        assertThat(widget("{\"type\":\"number\",\"name\":\"n\",\"min\":5}")).isEqualTo("number");
        Map<String, Object> validation = new LinkedHashMap<>();
        Map<String, Object> options = new LinkedHashMap<>();
        FormSchema.widget(Field.parse(Json.parse("{\"type\":\"number\",\"name\":\"n\",\"min\":1,\"max\":5,\"onlyInt\":true}")),
                validation, options, null);
        assertThat(validation).containsEntry("min", 1.0).containsEntry("max", 5.0).containsEntry("onlyInt", true);
        assertThat(options).containsEntry("step", "1");
    }

    @Test
    void eachOtherTypeHasItsWidget() {
        assertThat(widget("{\"type\":\"editor\",\"name\":\"e\"}")).isEqualTo("richtext");
        assertThat(widget("{\"type\":\"bool\",\"name\":\"b\"}")).isEqualTo("toggle");
        assertThat(widget("{\"type\":\"email\",\"name\":\"e\"}")).isEqualTo("email");
        assertThat(widget("{\"type\":\"url\",\"name\":\"u\"}")).isEqualTo("url");
        assertThat(widget("{\"type\":\"date\",\"name\":\"d\"}")).isEqualTo("datetime");
        assertThat(widget("{\"type\":\"autodate\",\"name\":\"a\",\"onCreate\":true}")).isEqualTo("autodate");
        assertThat(widget("{\"type\":\"select\",\"name\":\"s\",\"values\":[\"a\"],\"maxSelect\":1}")).isEqualTo("select");
        assertThat(widget("{\"type\":\"select\",\"name\":\"s\",\"values\":[\"a\",\"b\"],\"maxSelect\":2}"))
                .isEqualTo("multiselect");
        assertThat(widget("{\"type\":\"file\",\"name\":\"f\",\"maxSelect\":3}")).isEqualTo("file");
        assertThat(widget("{\"type\":\"json\",\"name\":\"j\"}")).isEqualTo("json");
        assertThat(widget("{\"type\":\"password\",\"name\":\"p\"}")).isEqualTo("password");
        assertThat(widget("{\"type\":\"geoPoint\",\"name\":\"g\"}")).isEqualTo("geopoint");
    }

    @Test
    void validationAndOptionsCarryTheFieldsLimits() {
        Collection c = collection(CollectionType.BASE, """
                [{"name":"id","type":"text","primaryKey":true,"system":true,"min":15,"max":15,"pattern":"^[a-z0-9]+$",
                  "autogeneratePattern":"[a-z0-9]{15}"},
                 {"name":"files","type":"file","maxSelect":4,"maxSize":1000,"mimeTypes":["image/png"],"thumbs":["10x10"]},
                 {"name":"site","type":"url","onlyDomains":["example.com"],"required":true,"help":"Home page"},
                 {"name":"tags","type":"select","values":["a","b","c"],"maxSelect":2},
                 {"name":"created","type":"autodate","onCreate":true}]""");
        Map<String, Object> id = entry(c, "id");
        assertThat(id).containsEntry("widget", "id").containsEntry("createOnly", true).containsEntry("system", true);
        assertThat(map(id.get("validation"))).containsEntry("min", 15L).containsEntry("pattern", "^[a-z0-9]+$");
        assertThat(map(id.get("options"))).containsEntry("autogeneratePattern", "[a-z0-9]{15}");
        Map<String, Object> files = entry(c, "files");
        assertThat(map(files.get("validation"))).containsEntry("maxSelect", 4L).containsEntry("maxSize", 1000L)
                .containsEntry("mimeTypes", List.of("image/png"));
        assertThat(map(files.get("options"))).containsEntry("multiple", true).containsEntry("thumbs", List.of("10x10"));
        Map<String, Object> site = entry(c, "site");
        assertThat(site).containsEntry("required", true).containsEntry("help", "Home page").containsEntry("label", "site");
        assertThat(map(site.get("validation"))).containsEntry("onlyDomains", List.of("example.com"));
        assertThat(map(entry(c, "tags").get("options"))).containsEntry("values", List.of("a", "b", "c"));
        assertThat(entry(c, "created")).containsEntry("readOnly", true);
        assertThat(entry(c, "site")).containsEntry("readOnly", false);
    }

    @Test
    void aViewsFieldsAreReadOnlyAndHiddenFieldsAndTheTokenKeyAreLeftOut() {
        Collection view = collection(CollectionType.VIEW, "[{\"name\":\"id\",\"type\":\"text\",\"primaryKey\":true},"
                + "{\"name\":\"total\",\"type\":\"number\"}]");
        assertThat(entry(view, "total")).containsEntry("readOnly", true);
        assertThat(entry(view, "id")).containsEntry("createOnly", false);
        Collection auth = collection(CollectionType.AUTH, """
                [{"name":"id","type":"text","primaryKey":true},{"name":"password","type":"password","hidden":true},
                 {"name":"tokenKey","type":"text","hidden":true},{"name":"email","type":"email"},
                 {"name":"secret","type":"text","hidden":true}]""");
        assertThat(names(FormSchema.of(auth, null, true))).containsExactly("id", "password", "email", "secret");
        assertThat(names(FormSchema.of(auth, null, false))).containsExactly("id", "email");
    }
}
