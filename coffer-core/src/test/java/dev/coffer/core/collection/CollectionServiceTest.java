package dev.coffer.core.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.core.App;
import dev.coffer.core.AppConfig;
import dev.coffer.core.TestFixture;
import dev.coffer.core.validation.FieldError;
import dev.coffer.core.validation.ValidationException;
import dev.coffer.tools.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/** Validation, defaults and refusals of the collection service. */
class CollectionServiceTest {

    @TempDir
    Path dir;

    private App open() throws IOException {
        Path fixture = TestFixture.dir();
        for (String f : new String[] {"data.db", "auxiliary.db"}) {
            Files.copy(fixture.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        return App.open(AppConfig.of(dir));
    }

    private static ObjectNode json(String text) {
        return (ObjectNode) Json.parse(text);
    }

    private static Object error(ValidationException e, String... path) {
        Object node = e.errors();
        for (String key : path) {
            node = ((Map<?, ?>) node).get(key);
        }
        return node;
    }

    @Test
    void createsABaseCollectionWithDefaultIdsAndThePrimaryKeyField() throws IOException {
        try (App app = open()) {
            Collection c = new CollectionService(app).create(json("""
                    {"name":"notes","fields":[{"type":"text","name":"title"}],"listRule":"title != ''"}"""));
            assertThat(c.id()).isEqualTo("pbc_" + crc("basenotes"));
            assertThat(c.fields()).extracting(f -> f.name()).containsExactly("id", "title");
            assertThat(c.fields().get(1).id()).isEqualTo("text" + crc("title"));
            assertThat(app.collections().find("notes")).isPresent();
        }
    }

    @Test
    void createsAnAuthCollectionWithSystemFieldsIndexesAndOptions() throws IOException {
        try (App app = open()) {
            Collection c = new CollectionService(app).create(json("{\"name\":\"members\",\"type\":\"auth\"}"));
            assertThat(c.fields()).extracting(f -> f.name())
                    .containsExactly("id", "password", "tokenKey", "email", "emailVisibility", "verified");
            assertThat(c.singleColumnUniqueIndex("email")).isPresent();
            assertThat(c.singleColumnUniqueIndex("tokenKey")).isPresent();
            assertThat(c.authOptions().passwordAuth().identityFields()).containsExactly("email");
            assertThat(c.rawOptions().path("authToken").path("secret").asString()).hasSize(50);
        }
    }

    @Test
    void emptyInputRequiresAName() throws IOException {
        try (App app = open()) {
            assertThatThrownBy(() -> new CollectionService(app).create(Json.object()))
                    .isInstanceOfSatisfying(ValidationException.class, e ->
                            assertThat(((FieldError) error(e, "name")).code()).isEqualTo("validation_required"));
        }
    }

    @Test
    void rejectsTakenNamesInvalidRulesAndDuplicatedIndexNames() throws IOException {
        try (App app = open()) {
            CollectionService service = new CollectionService(app);
            assertThatThrownBy(() -> service.create(json("""
                    {"name":"DEMO1","listRule":"missing = 1",
                     "indexes":["create index dup on x (id)","create index dup on x (id)"]}""")))
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(((FieldError) error(e, "name")).code()).isEqualTo("validation_collection_name_exists");
                        assertThat(((FieldError) error(e, "listRule")).code()).isEqualTo("validation_invalid_rule");
                        assertThat(((FieldError) error(e, "indexes", "1")).code())
                                .isEqualTo("validation_duplicated_index_name");
                    });
            assertThat(app.collections().find("DEMO1").orElseThrow().name()).isEqualTo("demo1");
        }
    }

    @Test
    void systemFieldsCannotBeRemovedOrRenamed() throws IOException {
        try (App app = open()) {
            Collection demo1 = app.collections().find("demo1").orElseThrow();
            assertThatThrownBy(() -> new CollectionService(app).update(demo1, json("""
                    {"name":"new","fields":[{"type":"text","name":"created"}]}""")))
                    .isInstanceOfSatisfying(ValidationException.class, e ->
                            assertThat(((FieldError) error(e, "fields")).code())
                                    .isEqualTo("validation_system_field_change"));
        }
    }

    @Test
    void systemCollectionsKeepTheirNameAndRules() throws IOException {
        try (App app = open()) {
            Collection superusers = app.collections().find("_superusers").orElseThrow();
            assertThatThrownBy(() -> new CollectionService(app).update(superusers, json("""
                    {"name":"admins","listRule":""}""")))
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(((FieldError) error(e, "name")).code())
                                .isEqualTo("validation_collection_system_name_change");
                        assertThat(((FieldError) error(e, "listRule")).code())
                                .isEqualTo("validation_collection_system_rule_change");
                    });
        }
    }

    @Test
    void relationFieldsNeedAnExistingNonViewCollection() throws IOException {
        try (App app = open()) {
            assertThatThrownBy(() -> new CollectionService(app).create(json("""
                    {"name":"refs","fields":[{"type":"relation","name":"r","collectionId":"nope"}]}""")))
                    .isInstanceOfSatisfying(ValidationException.class, e ->
                            assertThat(((FieldError) error(e, "fields", "1", "collectionId")).code())
                                    .isEqualTo("validation_field_relation_missing_collection"));
        }
    }

    @Test
    void referencedAndSystemCollectionsCannotBeDeletedAndViewsNotTruncated() throws IOException {
        try (App app = open()) {
            CollectionService service = new CollectionService(app);
            assertThatThrownBy(() -> service.delete(app.collections().find("demo2").orElseThrow()))
                    .isInstanceOf(CollectionException.class)
                    .hasMessageStartingWith("Failed to delete collection probably due to existing reference in");
            assertThatThrownBy(() -> service.delete(app.collections().find("_superusers").orElseThrow()))
                    .isInstanceOf(CollectionException.class);
            assertThatThrownBy(() -> service.truncate(app.collections().find("view2").orElseThrow()))
                    .hasMessage("View collections cannot be truncated since they don't store their own records.");
            assertThat(app.collections().find("demo2")).isPresent();
        }
    }

    @Test
    void invalidImportChangesNothing() throws IOException {
        try (App app = open()) {
            int before = app.collections().all().size();
            assertThatThrownBy(() -> new CollectionService(app).importCollections(Json.parse("""
                    [{"name":"import_ok"},{"name":"bad name!"}]"""), true))
                    .isInstanceOfSatisfying(ValidationException.class, e ->
                            assertThat(((FieldError) error(e, "collections")).code())
                                    .isEqualTo("validation_collections_import_failure"));
            assertThat(app.collections().all()).hasSize(before);
            assertThat(app.collections().find("import_ok")).isEmpty();
        }
    }

    @Test
    void importErrorsAreWordedAsPocketBaseWordsThem() throws IOException {
        try (App app = open()) {
            // the message PocketBase 0.40.4 answers for this import (conformance/parity/requests.mjs has the case)
            assertThatThrownBy(() -> new CollectionService(app).importCollections(Json.parse("""
                    [{"name":"parity_imported2","type":"base","listRule":"nope = 1","fields":[
                      {"name":"bad name","type":"text"},{"name":"n","type":"number","min":5,"max":1}]}]"""), false))
                    .isInstanceOfSatisfying(ValidationException.class, e ->
                            assertThat(((FieldError) error(e, "collections")).message()).isEqualTo("""
                                    Data validations failed for collection "parity_imported2" (pbc_4041074969):
                                    {
                                      "fields": {
                                        "1": {
                                          "name": "must be in a valid format"
                                        },
                                        "2": {
                                          "max": "Must be greater or equal than 5"
                                        }
                                      },
                                      "listRule": "Invalid rule. Raw error: invalid left operand \\"nope\\" - unknown field \\"nope\\""
                                    }."""));
        }
    }

    @Test
    void scaffoldsAreBlankCollectionsOfEachType() throws IOException {
        try (App app = open()) {
            ObjectNode scaffolds = new CollectionService(app).scaffolds();
            assertThat(scaffolds.path("base").path("id").asString()).isEmpty();
            assertThat(scaffolds.path("base").path("fields")).hasSize(1);
            assertThat(scaffolds.path("auth").path("fields")).hasSize(6);
            assertThat(scaffolds.path("view").path("viewQuery").asString()).isEmpty();
        }
    }

    @Test
    void dryRunReturnsSampleRowsOrRefusesBadQueries() throws IOException {
        try (App app = open()) {
            CollectionService service = new CollectionService(app);
            assertThat(service.dryRunView("select id from demo1")).hasSizeLessThanOrEqualTo(10).isNotEmpty();
            assertThatThrownBy(() -> service.dryRunView("")).isInstanceOf(ValidationException.class);
            assertThatThrownBy(() -> service.dryRunView("select * from missing_table"))
                    .isInstanceOf(CollectionException.class).hasMessageContaining("Raw error:");
        }
    }

    private static long crc(String s) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return crc.getValue();
    }
}
