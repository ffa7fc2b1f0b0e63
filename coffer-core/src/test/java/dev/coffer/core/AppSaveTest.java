package dev.coffer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.core.collection.Collection;
import dev.coffer.core.record.Record;
import dev.coffer.core.record.RecordDeleteException;
import dev.coffer.core.validation.FieldError;
import dev.coffer.core.validation.ValidationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving and deleting records below the API: unique races, superusers' verified flag, relation clean-up. */
class AppSaveTest {

    @TempDir
    Path dir;

    private App open() throws IOException {
        Path fixture = TestFixture.dir();
        for (String f : new String[] {"data.db", "auxiliary.db"}) {
            Files.copy(fixture.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        return App.open(AppConfig.of(dir));
    }

    @Test
    void aUniqueValueTakenBetweenValidationAndInsertIsAFieldError() throws IOException {
        try (App app = open()) {
            Collection demo2 = app.collections().find("demo2").orElseThrow();
            Record r = new Record(demo2);
            r.set("title", "test1"); // taken; no validation runs on this path
            assertThatThrownBy(() -> app.save(r)).isInstanceOfSatisfying(ValidationException.class, e ->
                    assertThat(((FieldError) e.errors().get("title")).code()).isEqualTo("validation_not_unique"));
            assertThat(app.records().query(demo2, "\"title\" = ?", java.util.List.of("test1"), 0)).hasSize(1);
        }
    }

    @Test
    void superusersAreSavedVerified() throws IOException {
        try (App app = open()) {
            Record su = app.records().findById(app.collections().find("_superusers").orElseThrow(), "sywbhecnh46rhm0").orElseThrow();
            su.set("verified", false);
            app.save(su);
            assertThat(app.records().findById(su.collection(), su.id()).orElseThrow().verified()).isTrue();
        }
    }

    @Test
    void deletingAReferencedRecordCascadesOrRefuses() throws IOException {
        try (App app = open()) {
            Collection demo3 = app.collections().find("demo3").orElseThrow();
            // demo3/7nwo8tuiatetxdm is held by a required, non-cascading demo4 relation
            Record held = app.records().findById(demo3, "7nwo8tuiatetxdm").orElseThrow();
            assertThatThrownBy(() -> app.delete(held)).isInstanceOf(RecordDeleteException.class);
            assertThat(app.records().findById(demo3, held.id())).isPresent();

            // users/oap640cot4yru2s is in demo1's cascading rel_many: a record left with no other reference goes,
            // a record with other references keeps them
            Collection users = app.collections().find("users").orElseThrow();
            Collection demo1 = app.collections().find("demo1").orElseThrow();
            app.delete(app.records().findById(users, "oap640cot4yru2s").orElseThrow());
            assertThat(app.records().findById(users, "oap640cot4yru2s")).isEmpty();
            assertThat(app.records().findById(demo1, "84nmscqy84lsi1t")).isEmpty();
            assertThat(app.records().findById(demo1, "al1h9ijdeojtsjy").orElseThrow().getStrings("rel_many"))
                    .containsExactly("bgs820n361vj1qd", "4q1xlclmfloku33");
        }
    }
}
