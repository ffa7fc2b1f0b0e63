package dev.coffer.tools.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.tools.db.SqliteDialect;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class SimpleFieldResolverTest {

    static final SimpleFieldResolver RESOLVER = SimpleFieldResolver.of(SqliteDialect.INSTANCE,
            "test", "^test_regex\\d+$", "Test columnify!", "data.test", "^data\\.[\\w.:]*\\w+$");

    /** An identifier and the SQL it resolves to, or {@code null} when it is rejected. */
    record Case(String identifier, String sql) {}

    @TestFactory
    Stream<DynamicTest> resolves() {
        return Stream.of(
                new Case("", null),
                new Case(" ", null),
                new Case("unknown", null),
                new Case("test", "\"test\""),
                new Case("test.sub", null),
                new Case("test_regex", null),
                new Case("test_regex1", "\"test_regex1\""),
                new Case("test_regex1\n", null),
                new Case("Test columnify!", "\"Testcolumnify\""),
                new Case("data.test", "JSON_EXTRACT(\"data\", '$.test')"),
                new Case("data.a.0.b", "JSON_EXTRACT(\"data\", '$.a[0].b')"),
                new Case("data.a:b", "JSON_EXTRACT(\"data\", '$.ab')"))
                .map(c -> DynamicTest.dynamicTest("[" + c.identifier() + "]", () -> {
                    if (c.sql() == null) {
                        assertThatThrownBy(() -> RESOLVER.resolve(c.identifier())).isInstanceOf(FilterException.class);
                    } else {
                        ResolverResult result = RESOLVER.resolve(c.identifier());
                        assertThat(result.expression().sql()).isEqualTo(c.sql());
                        assertThat(result.expression().params()).isEmpty();
                    }
                }));
    }

    @Test
    void jsonPathsAreNotCoalesced() {
        assertThat(RESOLVER.resolve("test").nullFallback()).isEqualTo(NullFallback.AUTO);
        assertThat(RESOLVER.resolve("data.test").nullFallback()).isEqualTo(NullFallback.DISABLED);
    }

    @Test
    void rejectsEmptyPathSegments() {
        SimpleFieldResolver anyData = SimpleFieldResolver.of(SqliteDialect.INSTANCE, "^data.*$");
        assertThatThrownBy(() -> anyData.resolve("data.")).isInstanceOf(FilterException.class);
        assertThatThrownBy(() -> anyData.resolve("data..a")).isInstanceOf(FilterException.class);
        assertThatThrownBy(() -> anyData.resolve("data.'")).isInstanceOf(FilterException.class);
        assertThat(anyData.resolve("data.a'b").expression().sql()).isEqualTo("JSON_EXTRACT(\"data\", '$.ab')");
    }

    @Test
    void rejectsInvalidPatternsUpFront() {
        assertThatThrownBy(() -> SimpleFieldResolver.of(SqliteDialect.INSTANCE, "^[$"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
