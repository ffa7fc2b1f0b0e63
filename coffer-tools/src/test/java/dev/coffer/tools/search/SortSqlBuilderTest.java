package dev.coffer.tools.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.tools.db.SqliteDialect;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class SortSqlBuilderTest {

    static final SortSqlBuilder BUILDER = new SortSqlBuilder(SqliteDialect.INSTANCE);

    /** A sort parameter and its fields as {@code name:DIR} words. */
    record ParseCase(String sort, String fields) {}

    @TestFactory
    Stream<DynamicTest> parses() {
        return Stream.of(
                new ParseCase("", ""),
                new ParseCase("test", "test:ASC"),
                new ParseCase("+test", "test:ASC"),
                new ParseCase("-test", "test:DESC"),
                new ParseCase("test1,-test2,+test3", "test1:ASC test2:DESC test3:ASC"),
                new ParseCase(" a , -b ,+c ", "a:ASC b:DESC c:ASC"),
                new ParseCase("@random,-test", "@random:ASC test:DESC"),
                new ParseCase("-@rowid", "@rowid:DESC"),
                new ParseCase("a,", "a:ASC :ASC"),
                new ParseCase(" ", ":ASC"),
                new ParseCase("--a", "-a:DESC"),
                new ParseCase("- a", " a:DESC"))
                .map(c -> DynamicTest.dynamicTest("[" + c.sort() + "]", () -> assertThat(SortField.parseList(c.sort())
                        .stream().map(f -> f.name() + ":" + f.direction()).collect(Collectors.joining(" ")))
                        .isEqualTo(c.fields())));
    }

    @Test
    void limitsFieldsAndNameLength() {
        assertThat(SortField.parseList("a,a,a,a,a,a,a,a")).hasSize(8);
        assertThatThrownBy(() -> SortField.parseList("a,a,a,a,a,a,a,a,a")).isInstanceOf(FilterException.class);
        assertThat(SortField.parseList("x".repeat(255))).hasSize(1);
        assertThatThrownBy(() -> SortField.parseList("-" + "x".repeat(256))).isInstanceOf(FilterException.class);
        assertThatThrownBy(() -> SortField.parseList("é".repeat(128))).isInstanceOf(FilterException.class);
    }

    @Test
    void buildsOrderByTerms() {
        String sql = BUILDER.build(SortField.parseList("-title, n,@random,title:lower,-@rowid"), new TestResolver(), "t");
        assertThat(sql).isEqualTo("\"t\".\"title\" DESC, \"t\".\"n\" ASC, RANDOM(), LOWER(\"t\".\"title\") ASC, "
                + "\"t\".\"_rowid_\" DESC");
        assertThat(BUILDER.build(List.of(new SortField("@rowid", SortField.Direction.ASC)), new TestResolver(), null))
                .isEqualTo("\"_rowid_\" ASC");
        assertThat(BUILDER.build(List.of(), new TestResolver(), "t")).isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> rejectsFieldsThatAreNotPlainExpressions() {
        return Stream.of("", " ", "unknown", "'title'", "null", "true", "@now", "@request.auth.id", "- title")
                .map(name -> DynamicTest.dynamicTest("[" + name + "]", () -> assertThatThrownBy(() -> BUILDER.build(
                        List.of(new SortField(name, SortField.Direction.ASC)), new TestResolver(), "t"))
                        .isInstanceOf(FilterException.class)));
    }
}
