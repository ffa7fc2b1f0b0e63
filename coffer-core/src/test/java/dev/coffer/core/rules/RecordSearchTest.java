package dev.coffer.core.rules;

import static dev.coffer.core.rules.FixtureApp.as;
import static dev.coffer.core.rules.FixtureApp.collection;
import static dev.coffer.core.rules.FixtureApp.superuser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.core.App;
import dev.coffer.core.RequestInfo;
import dev.coffer.core.record.Record;
import dev.coffer.core.rules.RecordSearch.ListQuery;
import dev.coffer.core.rules.RecordSearch.Page;
import dev.coffer.tools.search.FilterException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The list query on PocketBase's fixture: rule and filter, resolver features, sort, pages and refusals. */
class RecordSearchTest {

    @TempDir
    static Path dir;

    static App app;
    static RecordSearch search;

    @BeforeAll
    static void open() {
        app = FixtureApp.open(dir);
        search = new RecordSearch(app.db(), app.collections());
    }

    @AfterAll
    static void close() {
        app.close();
    }

    private static Page list(String collection, RequestInfo info, String filter, String sort) {
        return search.list(collection(app, collection), info, new ListQuery(filter, sort, 1, 30, false));
    }

    private static List<String> ids(String collection, RequestInfo info, String filter) {
        return ids(list(collection, info, filter, null));
    }

    private static List<String> ids(Page page) {
        return page.items().stream().map(Record::id).toList();
    }

    private static RequestInfo su() {
        return superuser(app);
    }

    @Test
    void filterAndSortAsPocketBasesValidQueryScenario() {
        Page page = list("demo1", su(), "text~'test'", "-bool");
        assertThat(page.totalItems()).isEqualTo(2);
        assertThat(page.totalPages()).isEqualTo(1);
        assertThat(ids(page)).containsExactly("84nmscqy84lsi1t", "al1h9ijdeojtsjy");
    }

    @Test
    void singleRelationTraversalAndIdShortcut() {
        assertThat(ids("demo1", su(), "rel_one.text = 'test'")).containsExactly("al1h9ijdeojtsjy");
        assertThat(ids("demo1", su(), "rel_one.id = '84nmscqy84lsi1t'")).containsExactly("al1h9ijdeojtsjy");
        assertThat(ids("demo5", su(), "rel_one.self_rel_many.title ?= 'test1'")).isEmpty();
        assertThat(ids("demo5", su(), "rel_many.self_rel_many.title ?= 'test1'")).containsExactly("qjeql998mtp1azp");
    }

    @Test
    void onlyJoinsThatMayRepeatARowMakeAListSelectDistinctRows() {
        // single relations join their target on its primary key: one row at most, nothing to de-duplicate
        assertThat(distinct("demo1", "text ~ 'test'")).isFalse();
        assertThat(distinct("demo1", "rel_one.text = 'test'")).isFalse();
        assertThat(distinct("demo5", "rel_one.self_rel_many.title ?= 'test1'")).isTrue();
        assertThat(distinct("demo1", "rel_many.verified ?= true")).isTrue();
        assertThat(distinct("demo1", "rel_one.text = 'test' || rel_many.verified ?= true")).isTrue();
    }

    private static boolean distinct(String collection, String filter) {
        return app.rules().compile(collection(app, collection), su(), filter).needsDistinct();
    }

    @Test
    void multipleRelationNeedsAllValuesWithPlainOperatorsAndOneWithAnyOperators() {
        assertThat(ids("demo1", su(), "rel_many.verified = true")).containsExactly("84nmscqy84lsi1t");
        assertThat(ids("demo1", su(), "rel_many.verified ?= true"))
                .containsExactlyInAnyOrder("84nmscqy84lsi1t", "al1h9ijdeojtsjy");
    }

    @Test
    void backRelations() {
        assertThat(ids("demo2", su(), "users_via_rel.name ?= 'test1'")).containsExactly("llvuca81nly1qls");
        assertThat(ids("demo3", su(), "demo4_via_rel_many_no_cascade_required.title ?= 'test2'"))
                .containsExactly("7nwo8tuiatetxdm");
        assertThat(ids("demo3", su(), "demo4_via_rel_many_no_cascade_required.title = 'test1'"))
                .containsExactlyInAnyOrder("lcl9d87w22ml6jy", "1tmknxy2868d869");
        assertThat(ids("demo3", su(), "demo4_via_rel_one_cascade.self_rel_many.title ?= 'test2'"))
                .containsExactly("7nwo8tuiatetxdm");
    }

    @Test
    void collectionJoinsWithIndependentAliases() {
        assertThat(ids("demo2", su(), "@collection.demo1.text ?= title")).containsExactly("achvryl401bhse3");
        assertThat(ids("demo2", su(), "@collection.demo3.title ?= 'test1' && @collection.demo3.title ?= 'test4'"))
                .isEmpty();
        assertThat(ids("demo2", su(), "@collection.demo3:a.title ?= 'test1' && @collection.demo3:b.title ?= 'test4'"))
                .hasSize(3);
        assertThat(ids("demo2", su(), "@collection._superusers.email ?= 'test4@example.com'")).hasSize(3);
    }

    @Test
    void eachAndLengthModifiers() {
        assertThat(ids("demo5", su(), "select_many:each ?= 'c'")).containsExactly("qjeql998mtp1azp");
        assertThat(ids("demo5", su(), "select_many:each = 'a'")).isEmpty();
        assertThat(ids("demo5", su(), "select_many:each ?~ 'A'")).containsExactly("qjeql998mtp1azp");
        assertThat(ids("demo5", su(), "select_many:length = 3")).containsExactly("qjeql998mtp1azp");
        assertThat(ids("demo5", su(), "rel_many:length = 0")).containsExactly("la4y2w4o98acwuj");
        assertThat(ids("demo1", su(), "rel_one:length = 1")).containsExactly("al1h9ijdeojtsjy");
        assertThat(ids("demo4", su(), "rel_many_no_cascade_required.files:length ?= 2"))
                .containsExactly("qzaqccwrmva4o1n");
    }

    @Test
    void jsonAndGeoPointPaths() {
        assertThat(ids("demo4", su(), "json_object.a.b = 'test'")).containsExactly("i9naidtvr6qsgb4");
        assertThat(ids("demo4", su(), "json_array.1 = 2")).containsExactly("i9naidtvr6qsgb4");
        // as in PocketBase: digits that fit a 64-bit int are an index, longer ones a key; neither is an error
        assertThat(ids("demo4", su(), "json_array.000 = 1")).hasSize(2);
        assertThat(ids("demo4", su(), "json_array.9223372036854775807 = 1")).isEmpty();
        assertThat(ids("demo4", su(), "json_array.9223372036854775807 != 1")).hasSize(2);
        assertThat(ids("demo4", su(), "json_array.99999999999999999999 != 1")).hasSize(2);
        assertThat(ids("demo4", su(), "json_object.a.99999999999 = 1")).isEmpty();
        assertThat(ids("demo1", su(), "point.lat > 40")).containsExactlyInAnyOrder("al1h9ijdeojtsjy", "imy661ixudk5izi");
        assertThat(ids("demo1", su(), "json = null")).containsExactlyInAnyOrder("al1h9ijdeojtsjy", "imy661ixudk5izi");
    }

    @Test
    void hiddenFieldsAreOnlyForSuperusers() {
        RequestInfo guest = RequestInfo.empty();
        assertThatThrownBy(() -> list("nologin", guest, "tokenKey != ''", null)).isInstanceOf(FilterException.class);
        assertThatThrownBy(() -> list("nologin", guest, null, "password")).isInstanceOf(FilterException.class);
        assertThat(ids("nologin", su(), "tokenKey != ''")).hasSize(3);
    }

    @Test
    void traversedCollectionsKeepTheirListRules() {
        String filter = "rel_many_no_cascade_required.files:length?=2";
        assertThat(list("demo4", RequestInfo.empty(), filter, null).totalItems()).isZero();
        Page clients = list("demo4", as(app, "clients", "gk390qegs4y47wn"), filter, null);
        assertThat(ids(clients)).containsExactly("qzaqccwrmva4o1n");
        assertThat(list("demo4", as(app, "clients", "gk390qegs4y47wn"),
                "rel_many_no_cascade_required.files:length=2", null).totalItems()).isZero();
        assertThatThrownBy(() -> list("demo2", RequestInfo.empty(), "users_via_rel.name ?= 'test1'", null))
                .isInstanceOf(FilterException.class);
    }

    @Test
    void listRuleOfTheCollectionAppliesToNonSuperusers() {
        assertThat(ids("demo5", RequestInfo.empty(), null)).containsExactly("qjeql998mtp1azp");
        assertThat(ids("demo5", su(), null)).hasSize(2);
        assertThatThrownBy(() -> list("demo1", RequestInfo.empty(), null, null))
                .isInstanceOf(SuperuserOnlyException.class).hasMessage("Only superusers can perform this action.");
    }

    @Test
    void authEmailsMatchOnlyWhenVisible() {
        assertThat(ids("nologin", RequestInfo.empty(), "email ~ 'example.com'")).containsExactly("phhq3wr65cap535");
        assertThat(ids("nologin", su(), "email ~ 'example.com'")).hasSize(3);
    }

    @Test
    void superuserOnlyIdentifiersAreForbiddenToOthers() {
        assertThatThrownBy(() -> list("demo2", RequestInfo.empty(), "@collection.demo2.title='test1'", null))
                .isInstanceOf(SuperuserOnlyException.class).hasMessage("Only superusers can filter by @collection.");
        assertThatThrownBy(() -> list("demo2", as(app, "users", "4q1xlclmfloku33"), null, "@request.auth.title"))
                .isInstanceOf(SuperuserOnlyException.class).hasMessage("Only superusers can filter by @request.");
        assertThat(list("demo2", su(), "@request.auth.id != ''", null).totalItems()).isEqualTo(3);
    }

    @Test
    void sortsByRelationFieldsRowidAndRejectsUnknownFields() {
        assertThat(ids(list("demo5", su(), null, "-rel_one.title"))).containsExactly("qjeql998mtp1azp", "la4y2w4o98acwuj");
        assertThat(ids(list("demo5", su(), null, "rel_one.title"))).containsExactly("la4y2w4o98acwuj", "qjeql998mtp1azp");
        assertThat(ids(list("demo2", su(), null, "-@rowid")))
                .containsExactly("0yxhwia2amd8gec", "achvryl401bhse3", "llvuca81nly1qls");
        assertThat(ids(list("demo2", su(), null, "active, -title")))
                .containsExactly("llvuca81nly1qls", "0yxhwia2amd8gec", "achvryl401bhse3");
        assertThat(ids(list("demo2", su(), null, "title:lower"))).hasSize(3);
        assertThatThrownBy(() -> list("demo2", su(), null, "missing")).isInstanceOf(FilterException.class);
        assertThatThrownBy(() -> list("view1", su(), null, "@rowid")).isInstanceOf(FilterException.class);
    }

    @Test
    void pagesCountDistinctRecordsAndSkipTotal() {
        ListQuery second = new ListQuery("rel_many.verified ?= true", "id", 2, 1, false);
        Page page = search.list(collection(app, "demo1"), su(), second);
        assertThat(page.totalItems()).isEqualTo(2);
        assertThat(page.totalPages()).isEqualTo(2);
        assertThat(ids(page)).containsExactly("al1h9ijdeojtsjy");

        Page skipped = search.list(collection(app, "demo1"), su(), new ListQuery(null, "id", 1, 2, true));
        assertThat(skipped.totalItems()).isEqualTo(-1);
        assertThat(skipped.totalPages()).isEqualTo(-1);
        assertThat(ids(skipped)).containsExactly("84nmscqy84lsi1t", "al1h9ijdeojtsjy");

        Page beyond = search.list(collection(app, "demo2"), su(), new ListQuery(null, null, 5, 30, false));
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.totalItems()).isEqualTo(3);
    }

    @Test
    void viewCollectionsAsPocketBasesViewScenarios() {
        assertThat(ids("view2", RequestInfo.empty(), "state=false"))
                .containsExactlyInAnyOrder("al1h9ijdeojtsjy", "imy661ixudk5izi");
        assertThat(list("view1", RequestInfo.empty(), null, null).totalItems()).isZero();
        assertThat(ids("view1", as(app, "users", "4q1xlclmfloku33"), null)).containsExactly("84nmscqy84lsi1t");
        assertThat(list("numeric_id_view", su(), null, null).totalItems()).isEqualTo(2);
    }
}
