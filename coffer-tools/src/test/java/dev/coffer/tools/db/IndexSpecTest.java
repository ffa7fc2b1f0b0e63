package dev.coffer.tools.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IndexSpecTest {

    @Test
    void parsesPocketBaseIndexForms() {
        IndexSpec a = IndexSpec.parse("CREATE UNIQUE INDEX `__pb_users_auth__email_idx` ON `users` (email) WHERE email != ''").orElseThrow();
        assertThat(a.unique()).isTrue();
        assertThat(a.name()).isEqualTo("__pb_users_auth__email_idx");
        assertThat(a.table()).isEqualTo("users");
        assertThat(a.columns()).extracting(IndexSpec.Column::name).containsExactly("email");
        assertThat(a.where()).isEqualTo("email != ''");

        IndexSpec b = IndexSpec.parse("CREATE INDEX IF NOT EXISTS \"idx\" ON \"t\" (\n\"a\" COLLATE NOCASE DESC, `b`\n)").orElseThrow();
        assertThat(b.unique()).isFalse();
        assertThat(b.columns()).hasSize(2);
        assertThat(b.columns().get(0).noCase()).isTrue();
        assertThat(b.columns().get(0).sort()).isEqualTo("DESC");
        assertThat(b.where()).isEmpty();

        IndexSpec c = IndexSpec.parse("CREATE INDEX x ON t (lower(a)) WHERE (a > 1)").orElseThrow();
        assertThat(c.columns()).extracting(IndexSpec.Column::name).containsExactly("lower(a)");
        assertThat(c.where()).isEqualTo("(a > 1)");

        assertThat(IndexSpec.parse("DROP TABLE x")).isEmpty();
    }
}
