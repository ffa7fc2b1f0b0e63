package dev.coffer.core.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.core.collection.Collection;
import dev.coffer.core.collection.CollectionType;
import dev.coffer.core.record.Record;
import dev.coffer.core.settings.Settings;
import dev.coffer.tools.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmailTemplateTest {

    private static Collection collection() {
        return new Collection("c1", "people", CollectionType.BASE, false, Collection.parseFields(Json.parse("""
                [{"name":"name","type":"text"},{"name":"age","type":"number"},
                 {"name":"secret","type":"text","hidden":true}]""")),
                new Collection.Rules(null, null, null, null, null), List.of(), Json.object(), "", "");
    }

    @Test
    void resolvesPlaceholdersEscapingTextFields() {
        Record record = new Record(collection());
        record.set("name", "<b>Ann</b>");
        record.set("age", 30);
        record.set("secret", "s");
        EmailTemplate template = new EmailTemplate("{APP_NAME}: hi {RECORD:name}",
                "<p>{RECORD:name} ({RECORD:age}) {RECORD:secret} <a href=\"{APP_URL}/t/{TOKEN}\">go</a></p>");

        EmailTemplate.Resolved r = template.resolve(Settings.defaults(), record, Map.of(EmailTemplate.TOKEN, "tk"));

        assertThat(r.subject()).isEqualTo("Acme: hi &lt;b&gt;Ann&lt;/b&gt;");
        assertThat(r.html()).contains(
                "<p>&lt;b&gt;Ann&lt;/b&gt; (30) {RECORD:secret} <a href=\"http://localhost:8090/t/tk\">go</a></p>")
                .startsWith("<!DOCTYPE html>").endsWith("</html>\n");
    }
}
