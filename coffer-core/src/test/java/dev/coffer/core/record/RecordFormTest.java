package dev.coffer.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.core.App;
import dev.coffer.core.AppConfig;
import dev.coffer.core.RequestInfo;
import dev.coffer.core.TestFixture;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.validation.FieldError;
import dev.coffer.core.validation.ValidationException;
import dev.coffer.tools.filesystem.UploadedFile;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.security.Passwords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading and validating create/update data against PocketBase's fixture collections. */
class RecordFormTest {

    @TempDir
    static Path dir;
    static App app;

    @BeforeAll
    static void open() throws IOException {
        Path fixture = TestFixture.dir();
        for (String f : new String[] {"data.db", "auxiliary.db"}) {
            Files.copy(fixture.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        app = App.open(AppConfig.of(dir));
    }

    @AfterAll
    static void close() {
        app.close();
    }

    // --- helpers ---------------------------------------------------------------------------------------

    static Collection collection(String name) {
        return app.collections().find(name).orElseThrow();
    }

    static Record stored(String collection, String id) {
        return app.records().findById(collection(collection), id).orElseThrow();
    }

    static Map<String, Object> body(String json) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (var e : Json.parse(json).properties()) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    static RequestInfo as(Record auth) {
        return RequestInfo.empty().withAuth(auth);
    }

    static RecordForm form(String collection, Record existing, RequestInfo info, boolean canManage, String json,
            Map<String, List<UploadedFile>> files) {
        RecordForm form = new RecordForm(app, collection(collection), existing, info, canManage);
        form.load(body(json), files);
        return form;
    }

    static RecordForm form(String collection, Record existing, String json) {
        return form(collection, existing, as(superuser()), false, json, Map.of());
    }

    static Record superuser() {
        return stored("_superusers", "sywbhecnh46rhm0");
    }

    static Map<String, Object> errors(RecordForm form) {
        try {
            form.validate();
            return Map.of();
        } catch (ValidationException e) {
            return e.errors();
        }
    }

    static String code(Map<String, Object> errors, String field) {
        assertThat(errors).containsKey(field);
        return ((FieldError) errors.get(field)).code();
    }

    static UploadedFile upload(String name) {
        return UploadedFile.named(name, name.replace(".", "_abcdefghij."), "text".getBytes(StandardCharsets.UTF_8));
    }

    // --- base collections ------------------------------------------------------------------------------

    @Test
    void createFillsTheIdAndReportsEveryInvalidField() {
        RecordForm form = form("demo2", null, "{\"title\":\"x\",\"unknown\":1,\"expand\":\"a\"}");
        Map<String, Object> errors = errors(form);
        assertThat(errors).containsOnlyKeys("title");
        assertThat(code(errors, "title")).isEqualTo("validation_min_text_constraint");
        assertThat(form.record().id()).matches("[a-z0-9]{15}");
        assertThat(form.resolvedBody()).containsEntry("unknown", 1.0).containsEntry("title", "x");
    }

    @Test
    void uniqueIndexAndIdChecks() {
        assertThat(code(errors(form("demo2", null, "{\"title\":\"test1\"}")), "title")).isEqualTo("validation_not_unique");
        assertThat(errors(form("demo2", null, "{\"title\":\"brand new\"}"))).isEmpty();
        assertThat(errors(form("demo2", stored("demo2", "llvuca81nly1qls"), "{\"title\":\"test1\"}")))
                .as("a record doesn't collide with itself").isEmpty();
        assertThat(code(errors(form("demo2", null, "{\"id\":\"llvuca81nly1qls\",\"title\":\"abc\"}")), "id"))
                .isEqualTo("validation_not_unique");
        assertThat(code(errors(form("demo2", null, "{\"id\":\"abc\",\"title\":\"abc\"}")), "id"))
                .isEqualTo("validation_min_text_constraint");
        assertThat(code(errors(form("demo2", stored("demo2", "llvuca81nly1qls"), "{\"id\":\"aaaaaaaaaaaaaaa\"}")), "id"))
                .isEqualTo("validation_pk_change");
    }

    @Test
    void relationsMustExist() {
        Map<String, Object> errors = errors(form("demo1", null, "{\"rel_one\":\"missingmissing1\",\"rel_many\":[\"4q1xlclmfloku33\"]}"));
        assertThat(errors).containsOnlyKeys("rel_one");
        FieldError e = (FieldError) errors.get("rel_one");
        assertThat(e.code()).isEqualTo("validation_missing_rel_records");
        assertThat(e.message()).isEqualTo("Failed to find all relation records with the provided ids.");
    }

    @Test
    void modifiersResolveShortestKeyFirstAgainstTheStoredValues() {
        Record existing = stored("demo1", "al1h9ijdeojtsjy");
        RecordForm form = form("demo1", existing,
                "{\"select_many+\":\"optionC\",\"+select_many\":[\"optionA\"],\"number\":5,\"number+\":2,"
                        + "\"select_one\":[\"optionA\",\"optionB\"],\"created\":\"2000-01-01\",\"json\":\"[1,2]\","
                        + "\"collectionName\":\"x\"}");
        Record r = form.record();
        assertThat(r.get("select_many")).isEqualTo(List.of("optionA", "optionB", "optionC"));
        assertThat(r.get("number")).isEqualTo(7.0);
        assertThat(r.get("select_one")).isEqualTo("optionB");
        assertThat(r.get("created")).isEqualTo(existing.get("created"));
        assertThat(r.get("json")).isEqualTo(Json.parse("[1,2]"));
        assertThat(existing.get("select_many")).as("the stored record is untouched").isEqualTo(List.of("optionB"));
        Map<String, Object> resolved = form.resolvedBody();
        assertThat(resolved).containsEntry("select_many", List.of("optionA", "optionB", "optionC"))
                .containsEntry("number", 7.0).containsEntry("collectionName", "x").doesNotContainKeys("number+", "+select_many");
        assertThat(resolved.get("created")).as("autodate keys stay unresolved").isNotNull();
        assertThat(errors(form)).isEmpty();
        assertThat(code(errors(form("demo1", existing, "{\"select_one\":\"nope\"}")), "select_one"))
                .isEqualTo("validation_invalid_value");
    }

    @Test
    void fileUploadsAppendReplaceAndRemove() {
        Record existing = stored("demo1", "84nmscqy84lsi1t");
        List<String> before = existing.getStrings("file_many");
        UploadedFile a = upload("new.txt");

        RecordForm append = form("demo1", existing, as(superuser()), false, "{\"file_many-\":[\"300_WlbFWSGmW9.png\"]}",
                Map.of("file_many+", List.of(a)));
        List<String> expected = new java.util.ArrayList<>(before);
        expected.remove("300_WlbFWSGmW9.png");
        expected.add(a.name());
        assertThat(append.record().getStrings("file_many")).isEqualTo(expected);
        assertThat(append.record().uploads()).isEqualTo(Map.of("file_many", List.of(a)));
        assertThat(append.record().filesToDelete()).isEqualTo(Map.of("file_many", List.of("300_WlbFWSGmW9.png")));
        assertThat(errors(append)).isEmpty();

        RecordForm replace = form("demo1", existing, as(superuser()), false, "{\"file_many\":[\"test_QZFjKjXchk.txt\"]}",
                Map.of("file_many", List.of(a)));
        assertThat(replace.record().getStrings("file_many")).containsExactly("test_QZFjKjXchk.txt", a.name());
        assertThat(replace.record().filesToDelete().get("file_many")).hasSize(before.size() - 1);

        RecordForm clear = form("demo1", existing, "{\"file_many\":[]}");
        assertThat(clear.record().getStrings("file_many")).isEmpty();
        assertThat(clear.record().filesToDelete().get("file_many")).isEqualTo(before);

        RecordForm forged = form("demo1", existing, "{\"file_many+\":\"forged.txt\"}");
        assertThat(code(errors(forged), "file_many")).isEqualTo("validation_invalid_file");
    }

    @Test
    void singleFileUploadReplacesTheStoredFile() {
        Record existing = stored("demo1", "84nmscqy84lsi1t");
        String old = existing.getString("file_one");
        UploadedFile a = upload("one.txt");
        UploadedFile b = upload("two.txt");
        RecordForm form = form("demo1", existing, as(superuser()), false, "{}", Map.of("file_one", List.of(a, b)));
        assertThat(form.record().get("file_one")).isEqualTo(b.name());
        assertThat(form.record().uploads()).isEqualTo(Map.of("file_one", List.of(b)));
        if (!old.isEmpty()) {
            assertThat(form.record().filesToDelete()).containsEntry("file_one", List.of(old));
        }
    }

    // --- auth collections ------------------------------------------------------------------------------

    @Test
    void authCreateNeedsConfirmedPassword() {
        Map<String, Object> missing = errors(form("users", null, RequestInfo.empty(), false, "{}", Map.of()));
        assertThat(code(missing, "password")).isEqualTo("validation_required");
        assertThat(code(missing, "passwordConfirm")).isEqualTo("validation_required");

        Map<String, Object> mismatch = errors(form("users", null, RequestInfo.empty(), false,
                "{\"password\":\"1234567890\",\"passwordConfirm\":\"12345678901\"}", Map.of()));
        assertThat(mismatch).containsOnlyKeys("passwordConfirm");
        assertThat(code(mismatch, "passwordConfirm")).isEqualTo("validation_values_mismatch");

        Map<String, Object> tooShort = errors(form("users", null, RequestInfo.empty(), false,
                "{\"password\":\"123\",\"passwordConfirm\":\"123\"}", Map.of()));
        assertThat(code(tooShort, "password")).isEqualTo("validation_min_text_constraint");
    }

    @Test
    void authCreateHashesThePasswordAndChecksEmailAndVerified() {
        String ok = "\"password\":\"1234567890\",\"passwordConfirm\":\"1234567890\"";
        RecordForm created = form("users", null, RequestInfo.empty(), false, "{" + ok + ",\"email\":\"new@example.com\"}", Map.of());
        assertThat(errors(created)).isEmpty();
        assertThat(Passwords.matches("1234567890", created.record().passwordHash())).isTrue();
        assertThat(created.record().getString("username")).matches("users[0-9]{5}");
        assertThat(created.record().tokenKey()).hasSize(50);

        Map<String, Object> verified = errors(form("users", null, RequestInfo.empty(), false, "{" + ok + ",\"verified\":true}", Map.of()));
        assertThat(code(verified, "verified")).isEqualTo("validation_values_mismatch");
        assertThat(errors(form("users", null, RequestInfo.empty(), true, "{" + ok + ",\"verified\":true}", Map.of()))).isEmpty();

        Map<String, Object> duplicate = errors(form("users", null, RequestInfo.empty(), false, "{" + ok + ",\"email\":\"TEST@example.com\"}", Map.of()));
        assertThat(code(duplicate, "email")).isEqualTo("validation_not_unique");

        Map<String, Object> badEmail = errors(form("users", null, RequestInfo.empty(), false, "{" + ok + ",\"email\":\"nope\"}", Map.of()));
        assertThat(code(badEmail, "email")).isEqualTo("validation_is_email");

        Map<String, Object> otherAuthId = errors(form("users", null, RequestInfo.empty(), false,
                "{" + ok + ",\"id\":\"gk390qegs4y47wn\"}", Map.of()));
        assertThat(code(otherAuthId, "id")).isEqualTo("validation_invalid_auth_id");
    }

    @Test
    void authUpdateByTheOwnerNeedsTheOldPassword() {
        Record user = stored("users", "4q1xlclmfloku33");
        RequestInfo self = as(user);
        String change = "\"password\":\"0987654321\",\"passwordConfirm\":\"0987654321\"";
        assertThat(code(errors(form("users", user, self, false, "{" + change + "}", Map.of())), "oldPassword"))
                .isEqualTo("validation_required");
        Map<String, Object> wrong = errors(form("users", user, self, false, "{" + change + ",\"oldPassword\":\"wrongwrong\"}", Map.of()));
        FieldError e = (FieldError) wrong.get("oldPassword");
        assertThat(e.code()).isEqualTo("validation_invalid_old_password");
        assertThat(e.message()).isEqualTo("Missing or invalid old password.");

        RecordForm ok = form("users", user, self, false, "{" + change + ",\"oldPassword\":\"1234567890\"}", Map.of());
        assertThat(errors(ok)).isEmpty();
        assertThat(Passwords.matches("0987654321", ok.record().passwordHash())).isTrue();
        assertThat(ok.record().tokenKey()).isNotEqualTo(user.tokenKey()).hasSize(50);

        assertThat(errors(form("users", user, RequestInfo.empty(), true, "{" + change + "}", Map.of())))
                .as("managers skip the old password").isEmpty();
    }

    @Test
    void authUpdateEmailOnlyByManagersAndHiddenFieldsOnlyBySuperusers() {
        Record user = stored("users", "4q1xlclmfloku33");
        assertThat(code(errors(form("users", user, as(user), false, "{\"email\":\"changed@example.com\"}", Map.of())), "email"))
                .isEqualTo("validation_values_mismatch");
        RecordForm managed = form("users", user, as(user), true, "{\"email\":\"changed@example.com\"}", Map.of());
        assertThat(errors(managed)).isEmpty();
        assertThat(managed.record().tokenKey()).as("email change rotates the token key").isNotEqualTo(user.tokenKey());

        String key = "x".repeat(40);
        RecordForm guest = form("users", user, as(user), false, "{\"tokenKey\":\"" + key + "\",\"emailVisibility\":true}", Map.of());
        assertThat(guest.record().tokenKey()).isEqualTo(user.tokenKey());
        assertThat(guest.record().emailVisibility()).isTrue();
        assertThat(guest.resolvedBody()).doesNotContainKey("tokenKey");
        RecordForm admin = form("users", user, as(superuser()), false, "{\"tokenKey\":\"" + key + "\"}", Map.of());
        assertThat(admin.record().tokenKey()).isEqualTo(key);
    }

    @Test
    void formRulesAreReportedBeforeFieldRules() {
        Record user = stored("users", "bgs820n361vj1qd");
        Map<String, Object> formStage = errors(form("users", user, as(superuser()), false,
                "{\"password\":\"\",\"passwordConfirm\":\"1234560\",\"email\":\"invalid\",\"verified\":false}", Map.of()));
        assertThat(formStage).containsOnlyKeys("password", "passwordConfirm");
        assertThat(code(formStage, "password")).isEqualTo("validation_required");
        assertThat(code(formStage, "passwordConfirm")).isEqualTo("validation_values_mismatch");

        Map<String, Object> fieldStage = errors(form("users", user, as(superuser()), false,
                "{\"password\":\"1234567\",\"passwordConfirm\":\"1234567\",\"rel\":\"invalid\"}", Map.of()));
        assertThat(fieldStage).containsOnlyKeys("password", "rel");
        assertThat(code(fieldStage, "rel")).isEqualTo("validation_missing_rel_records");
    }

    @Test
    void resolvedBodyShowsSingleFileFieldsAsOneName() {
        UploadedFile a = upload("avatar.png");
        RecordForm form = form("users", stored("users", "4q1xlclmfloku33"), as(superuser()), false, "{}",
                Map.of("avatar", List.of(a)));
        assertThat(form.resolvedBody()).containsEntry("avatar", a.name());
    }

    @Test
    void validationExceptionCarriesEveryFieldError() {
        assertThatThrownBy(() -> form("demo1", null, "{\"email\":\"bad\",\"url\":\"bad url\",\"select_one\":\"zz\"}").validate())
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).errors()).containsOnlyKeys("email", "url", "select_one"));
    }

}
