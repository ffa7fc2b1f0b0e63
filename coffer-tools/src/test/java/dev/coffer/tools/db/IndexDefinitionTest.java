package dev.coffer.tools.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IndexDefinitionTest {

    static Stream<Arguments> builds() {
        return Stream.of(
                Arguments.of("CREATE INDEX `idx_mfas_collectionRef_recordRef` ON `_mfas` (collectionRef,recordRef)",
                        "CREATE INDEX `idx_mfas_collectionRef_recordRef` ON `_mfas` (\n  `collectionRef`,\n"
                                + "  `recordRef`\n)"),
                Arguments.of("CREATE UNIQUE INDEX `idx_email_x` ON `users` (`email`) WHERE `email` != ''",
                        "CREATE UNIQUE INDEX `idx_email_x` ON `users` (`email`) WHERE `email` != ''"),
                Arguments.of("create unique index if not exists \"main\".\"i1\" on \"t\" (\"a\" collate nocase desc, "
                                + "lower(b), [c] asc) where a > 1",
                        "CREATE UNIQUE INDEX IF NOT EXISTS `main`.`i1` ON `t` (\n  `a` COLLATE nocase DESC,\n"
                                + "  lower(b),\n  `c` ASC\n) WHERE a > 1"),
                Arguments.of("CREATE INDEX \"idx_demo2_active\" ON \"demo2\" (\n\"active\"\n)",
                        "CREATE INDEX `idx_demo2_active` ON `demo2` (`active`)"),
                Arguments.of("CREATE INDEX idx__collections_type on `_collections` (`type`)",
                        "CREATE INDEX `idx__collections_type` ON `_collections` (`type`)"),
                Arguments.of("not an index", ""));
    }

    @ParameterizedTest
    @MethodSource("builds")
    void parsesAndBuildsLikePocketBase(String input, String expected) {
        assertThat(IndexDefinition.parse(input).build()).isEqualTo(expected);
    }

    @Test
    void readsParts() {
        IndexDefinition idx = IndexDefinition.parse(
                "CREATE UNIQUE INDEX `__pb_users_auth__email_idx` ON `users` (email) WHERE email != ''");
        assertThat(idx.indexName()).isEqualTo("__pb_users_auth__email_idx");
        assertThat(idx.tableName()).isEqualTo("users");
        assertThat(idx.where()).isEqualTo("email != ''");
        assertThat(idx.isSingleColumnUnique("EMAIL")).isTrue();
        assertThat(idx.withTable("other").build()).contains("ON `other`");
    }

    @Test
    void splitsOutsideQuotesAndParentheses() {
        assertThat(IndexDefinition.split("a, lower(b, c), 'x,y' ,", ',')).containsExactly("a", "lower(b, c)", "'x,y'");
        assertThat(IndexDefinition.split("`a.b`.c", '.')).isEqualTo(List.of("`a.b`", "c"));
        assertThat(IndexDefinition.split("a, (b", ',')).isEmpty();
    }
}
