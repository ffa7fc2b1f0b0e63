package dev.coffer.tools.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The SQL the MariaDB dialect writes, without a server (see {@link MysqlDialectTest} for what it answers). */
class MysqlDdlTest {

    private static final MysqlDialect MARIADB = MysqlDialect.MARIADB;
    private static final Ddl DDL = MARIADB.ddl();

    @Test
    void sqliteJsonPathsAreQuotedStepByStep() {
        assertThat(MysqlDialect.steps("$.a[0].b")).containsExactly(".\"a\"", "[0]", ".\"b\"");
        assertThat(MysqlDialect.steps("$[#-1]")).containsExactly("[last]");
        assertThat(MysqlDialect.steps("$.l[#-3]")).containsExactly(".\"l\"", "[last-2]");
        assertThat(MysqlDialect.steps("$.\"a.b\"")).containsExactly(".\"a.b\"");
        assertThat(MysqlDialect.steps("$")).isEmpty();
        assertThatThrownBy(() -> MysqlDialect.steps("$a")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPathWithArrayStepsChecksTheyAreArrays() {
        assertThat(MARIADB.jsonPathValue("\"js\"", "$.a"))
                .isEqualTo("coffer_json_value(\"js\", '$.\"a\"', '[]')");
        assertThat(MARIADB.jsonPathValue("\"js\"", "$.l[1]"))
                .isEqualTo("coffer_json_value(\"js\", '$.\"l\"[1]', '[\"$.\\\"l\\\"\"]')");
    }

    @Test
    void sqliteColumnsKeepTheirTypeInTheComment() {
        assertThat(DDL.portable("ALTER TABLE `_otps` ADD COLUMN `sentTo` TEXT DEFAULT '' NOT NULL")).isEqualTo(
                "ALTER TABLE \"_otps\" ADD COLUMN \"sentTo\" LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin"
                        + " NOT NULL DEFAULT ('') COMMENT 'TEXT'");
        assertThat(DDL.portable("ALTER TABLE t ADD done BOOLEAN DEFAULT 0 NOT NULL"))
                .isEqualTo("ALTER TABLE \"t\" ADD COLUMN \"done\" BOOLEAN NOT NULL DEFAULT FALSE COMMENT 'BOOLEAN'");
        String table = DDL.portable("CREATE TABLE `_params` (`id` TEXT PRIMARY KEY DEFAULT ('r'||lower(hex(randomblob(7))))"
                + " NOT NULL, `value` JSON DEFAULT NULL, `n` NUMERIC DEFAULT '5', `created` TEXT DEFAULT"
                + " (strftime('%Y-%m-%d %H:%M:%fZ')) NOT NULL)");
        assertThat(table)
                .startsWith("CREATE TABLE \"_params\" (\"id\" VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin"
                        + " NOT NULL DEFAULT " + MysqlDdl.RANDOM_ID + " PRIMARY KEY COMMENT 'TEXT'")
                .contains("\"value\" LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin DEFAULT NULL COMMENT 'JSON'")
                .contains("\"n\" DOUBLE DEFAULT 5 COMMENT 'NUMERIC'")
                .contains("DEFAULT " + MysqlDdl.NOW)
                .endsWith(", \"_rowid_\" BIGINT NOT NULL AUTO_INCREMENT INVISIBLE UNIQUE) ENGINE=InnoDB"
                        + " DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin");
    }

    @Test
    void uniqueIndexesThatSqliteMakesPartialOrCaseInsensitiveGoOverGeneratedColumns() {
        String partial = DDL.createIndex(IndexDefinition.parse(
                "CREATE UNIQUE INDEX `idx_email` ON `users` (`email` COLLATE NOCASE) WHERE `email` != ''"));
        String column = MysqlDdl.generatedColumn("idx_email", 0);
        assertThat(partial).startsWith("CALL coffer_create_index('users', 'idx_email', TRUE, FALSE, '[[\"" + column
                        + "\",\"CASE WHEN (`email` != '''') THEN REPLACE(")
                .contains("'[[\"" + column + "\",\"ASC\"]]'")
                .endsWith(", 'CREATE UNIQUE INDEX `idx_email` ON `users` (`email` COLLATE NOCASE) WHERE `email` != ''''')");
        // a non-unique index only speeds up reads: its plain columns, expressions left out
        assertThat(DDL.createIndex(IndexDefinition.parse("CREATE INDEX `idx_a` ON `t` (`a` DESC, lower(b))").ifNotExists()))
                .startsWith("CALL coffer_create_index('t', 'idx_a', FALSE, TRUE, '[]', '[[\"a\",\"DESC\"]]', ");
        assertThat(DDL.createIndex(IndexDefinition.parse("CREATE INDEX `idx_h` ON `_logs` (strftime('%H', `created`))")))
                .contains("'[[\"_rowid_\",\"ASC\"]]'");
        assertThat(DDL.dropIndex("idx_a")).isEqualTo("CALL coffer_drop_index('idx_a')");
        assertThat(DDL.portable("DROP INDEX IF EXISTS `idx_a`")).isEqualTo("CALL coffer_drop_index('idx_a')");
    }

    @Test
    void textFoldsAsciiLettersOnly() {
        assertThat(MysqlDialect.fold("x")).startsWith("REPLACE(REPLACE(").contains(", 'Z', 'z')")
                .doesNotContain("LOWER");
        assertThat(MARIADB.equalIgnoringCase("\"email\"", "?")).isEqualTo(MysqlDialect.fold("\"email\"") + " = "
                + MysqlDialect.fold("?"));
    }

    @Test
    void comparisonsWithNumbersReadTextAsSqliteDoes() {
        assertThat(MARIADB.comparable("\"n\"", SqlType.ANY, SqlType.TEXT)).isEqualTo("\"n\"");
        assertThat(MARIADB.comparable("\"n\"", SqlType.ANY, SqlType.NUMBER)).startsWith("(CASE WHEN CONCAT(\"n\") REGEXP");
        assertThat(MARIADB.comparable("?", SqlType.TEXT, SqlType.NUMBER)).isEqualTo("coffer_compared_number(?)");
        assertThat(MARIADB.comparable("?", SqlType.NUMBER, SqlType.ANY)).isEqualTo("?");
        assertThat(MARIADB.strftime(List.of("'%Y'", "\"d\"", "'+1 day'")))
                .isEqualTo("coffer_strftime('%Y', \"d\", JSON_ARRAY('+1 day'))");
    }
}
