package dev.coffer.core.rules;

import static dev.coffer.core.rules.FixtureApp.as;
import static dev.coffer.core.rules.FixtureApp.collection;
import static dev.coffer.core.rules.FixtureApp.record;
import static dev.coffer.core.rules.FixtureApp.superuser;
import static dev.coffer.core.rules.FixtureApp.withBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.core.App;
import dev.coffer.core.RequestInfo;
import dev.coffer.core.record.Record;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rule checks on stored and unsaved fixture records: request values, auth traversal, body modifiers. */
class RecordRulesTest {

    @TempDir
    static Path dir;

    static App app;
    static RecordRules rules;

    @BeforeAll
    static void open() {
        app = FixtureApp.open(dir);
        rules = app.rules();
    }

    @AfterAll
    static void close() {
        app.close();
    }

    private static RequestInfo user() {
        return as(app, "users", "4q1xlclmfloku33");
    }

    @Test
    void clientFiltersRefuseHiddenFieldsUnlessSuperuser() {
        Record user = FixtureApp.record(app, "users", "4q1xlclmfloku33");
        RequestInfo owner = FixtureApp.as(app, "users", "4q1xlclmfloku33");
        assertThat(app.rules().matchesClientFilter(user, owner, "tokenKey != ''")).isFalse();
        assertThat(app.rules().matchesClientFilter(user, FixtureApp.superuser(app), "tokenKey != ''")).isTrue();
        assertThat(app.rules().matchesClientFilter(user, owner, "username != ''")).isTrue();
        // the same expression as an API rule may read hidden fields
        assertThat(app.rules().matches(user, owner, "tokenKey != ''")).isTrue();
    }

    @Test
    void requestAuthTraversesTheAuthRecordsRelations() {
        String rule = "@request.auth.rel.title = title";
        assertThat(rules.matches(record(app, "demo2", "llvuca81nly1qls"), user(), rule)).isTrue();
        assertThat(rules.matches(record(app, "demo2", "achvryl401bhse3"), user(), rule)).isFalse();
        assertThat(rules.matches(record(app, "demo2", "llvuca81nly1qls"), RequestInfo.empty(), rule)).isFalse();
        assertThat(rules.matches(record(app, "demo2", "llvuca81nly1qls"), RequestInfo.empty(), "@request.auth.id = ''"))
                .isTrue();
        assertThat(rules.matches(record(app, "demo2", "llvuca81nly1qls"), user(), "@request.auth.name = 'test1'"))
                .isTrue();
        assertThat(rules.matches(record(app, "demo2", "llvuca81nly1qls"), user(),
                "@request.auth.collectionName = 'users' && @request.auth.verified = false")).isTrue();
    }

    @Test
    void viewRuleWithDeepMultiRelationTraversal() {
        Record demo5 = record(app, "demo5", "qjeql998mtp1azp");
        assertThat(rules.canAccess(demo5, RequestInfo.empty(), demo5.collection().rules().view())).isFalse();
        assertThat(rules.matches(demo5, RequestInfo.empty(), "rel_many.self_rel_many.rel_many_cascade.files:length ?= 0"))
                .isTrue();
        assertThat(rules.matches(demo5, RequestInfo.empty(), "rel_many.self_rel_many.title ?= 'test1'")).isTrue();
        assertThat(rules.matches(demo5, RequestInfo.empty(), "rel_many.self_rel_many.title = 'test1'")).isFalse();
    }

    @Test
    void bodyValuesAndModifiers() {
        Record demo5 = record(app, "demo5", "qjeql998mtp1azp");
        RequestInfo body = withBody(RequestInfo.empty(),
                Map.of("total", "3", "select_many", List.of("a", "b"), "rel_many", List.of("i9naidtvr6qsgb4")));
        assertThat(rules.matches(demo5, body, "@request.body.total = 3")).isTrue();
        assertThat(rules.matches(demo5, body, "@request.body.select_many:length = 2")).isTrue();
        assertThat(rules.matches(demo5, body, "@request.body.select_many:each ?= 'b'")).isTrue();
        assertThat(rules.matches(demo5, body, "@request.body.select_many:each = 'b'")).isFalse();
        assertThat(rules.matches(demo5, body, "@request.body.rel_many.title = 'test2'")).isTrue();
        assertThat(rules.matches(demo5, body, "@request.body.rel_one.title = 'test2'")).isFalse();
        assertThat(rules.matches(demo5, body, "@request.body.total:isset = true && @request.body.file:isset = false"))
                .isTrue();
        assertThat(rules.matches(demo5, body, "@request.body.missing.deep = null")).isTrue();
    }

    @Test
    void changedComparesTheSubmittedValueWithTheStoredOne() {
        Record demo2 = record(app, "demo2", "llvuca81nly1qls");
        RequestInfo same = withBody(RequestInfo.empty(), Map.of("title", "test1"));
        RequestInfo other = withBody(RequestInfo.empty(), Map.of("title", "changed"));
        assertThat(rules.matches(demo2, same, "@request.body.title:changed = false")).isTrue();
        assertThat(rules.matches(demo2, other, "@request.body.title:changed = true")).isTrue();
        assertThat(rules.matches(demo2, RequestInfo.empty(), "@request.body.title:changed = false")).isTrue();
    }

    @Test
    void headersQueryMethodAndContext() {
        Record demo2 = record(app, "demo2", "llvuca81nly1qls");
        RequestInfo info = new RequestInfo(null, Map.of("test", "1"), Map.of("x_token", "abc"), Map.of(), "DELETE",
                "realtime");
        assertThat(rules.matches(demo2, info, "@request.headers.x_token = 'abc' && @request.query.test:isset = true"
                + " && @request.method = 'DELETE' && @request.context = 'realtime'")).isTrue();
        assertThat(rules.matches(demo2, info, "@request.query.other:isset = true")).isFalse();
    }

    @Test
    void draftRecordsAreCheckedBeforeTheyExist() {
        Record draft = new Record(collection(app, "demo5"));
        draft.set("rel_one", "i9naidtvr6qsgb4");
        draft.set("rel_many", List.of("qzaqccwrmva4o1n", "i9naidtvr6qsgb4"));
        draft.set("total", 4);
        assertThat(rules.matchesDraft(draft, RequestInfo.empty(), "rel_one.title = 'test2' && total > 3")).isTrue();
        assertThat(rules.matchesDraft(draft, RequestInfo.empty(), "rel_many.title ?= 'test1'")).isTrue();
        assertThat(rules.matchesDraft(draft, RequestInfo.empty(), "rel_many.title = 'test1'")).isFalse();
        assertThat(rules.matchesDraft(draft, RequestInfo.empty(), "total = 3")).isFalse();
        assertThat(rules.matchesDraft(draft, RequestInfo.empty(), "")).isTrue();
        assertThat(rules.matchesDraft(draft, RequestInfo.empty(), null)).isFalse();
        assertThat(rules.matchesDraft(draft, superuser(app), null)).isTrue();
        assertThat(rules.matchesDraft(draft, RequestInfo.empty(), "missing_field = 1")).isFalse();
    }

    @Test
    void draftAuthRecordsAreCheckedAsUnverified() {
        Record draft = new Record(collection(app, "users"));
        draft.set("verified", true);
        draft.set("email", "new@example.com");
        assertThat(rules.matchesDraft(draft, RequestInfo.empty(), "verified = false && email = 'new@example.com'"))
                .isTrue();
    }

    @Test
    void visibleAndReferencingRecordsFollowTheViewRule() {
        var demo3 = collection(app, "demo3");
        List<String> ids = List.of("7nwo8tuiatetxdm", "1tmknxy2868d869");
        assertThat(rules.findVisible(demo3, ids, RequestInfo.empty())).isEmpty();
        assertThat(rules.findVisible(demo3, ids, as(app, "clients", "gk390qegs4y47wn")))
                .extracting(Record::id).containsExactlyElementsOf(ids);
        var demo4 = collection(app, "demo4");
        var rel = (dev.coffer.core.field.FieldRelation) demo4.field("rel_many_no_cascade_required").orElseThrow();
        assertThat(rules.findReferencing(demo4, rel, "7nwo8tuiatetxdm", 10, RequestInfo.empty()))
                .extracting(Record::id).containsExactly("i9naidtvr6qsgb4");
    }
}
