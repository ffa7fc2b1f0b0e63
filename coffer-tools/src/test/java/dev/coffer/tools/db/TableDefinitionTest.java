package dev.coffer.tools.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableDefinitionTest {

    @Test
    void readsPocketBasesSystemTableText() {
        TableDefinition t = TableDefinition.parse("CREATE TABLE `_collections` (\n"
                + "\t\t\t\t`id`         TEXT PRIMARY KEY DEFAULT ('r'||lower(hex(randomblob(7)))) NOT NULL,\n"
                + "\t\t\t\t`system`     BOOLEAN DEFAULT FALSE NOT NULL,\n"
                + "\t\t\t\t`type`       TEXT DEFAULT \"base\" NOT NULL,\n"
                + "\t\t\t\t`name`       TEXT UNIQUE NOT NULL,\n"
                + "\t\t\t\t\"fields\"     JSON DEFAULT \"[]\" NOT NULL,\n"
                + "\t\t\t\t`listRule`   TEXT DEFAULT NULL\n"
                + "\t\t\t, `indexes` JSON DEFAULT \"[]\" NOT NULL)");
        assertThat(t.name()).isEqualTo("_collections");
        assertThat(t.columns()).extracting(TableDefinition.Column::name)
                .containsExactly("id", "system", "type", "name", "fields", "listRule", "indexes");
        assertThat(t.columns().get(0)).isEqualTo(new TableDefinition.Column("id", "TEXT",
                "('r'||lower(hex(randomblob(7))))", true, true, false));
        assertThat(t.columns().get(2).defaultValue()).isEqualTo("\"base\"");
        assertThat(t.columns().get(3).unique()).isTrue();
        assertThat(t.columns().get(4).type()).isEqualTo("JSON");
        assertThat(t.columns().get(5).notNull()).isFalse();
    }

    @Test
    void readsTypesWithSizesAndKnowsSqlitesAffinities() {
        TableDefinition t = TableDefinition.parse("CREATE TABLE IF NOT EXISTS `_migrations` "
                + "(file VARCHAR(255) PRIMARY KEY NOT NULL, applied INTEGER NOT NULL, n REAL DEFAULT 0, b Boolean, j JSON, x)");
        assertThat(t.ifNotExists()).isTrue();
        assertThat(t.columns()).extracting(TableDefinition.Column::type)
                .containsExactly("VARCHAR(255)", "INTEGER", "REAL", "Boolean", "JSON", "");
        assertThat(t.columns()).extracting(TableDefinition.Column::affinity)
                .containsExactly("TEXT", "INTEGER", "REAL", "NUMERIC", "NUMERIC", "BLOB");
        assertThat(t.columns().get(0).baseType()).isEqualTo("VARCHAR");
    }

    @Test
    void refusesWhatItDoesNotUnderstand() {
        assertThatThrownBy(() -> TableDefinition.parse("CREATE TABLE t (a TEXT, PRIMARY KEY (a))"))
                .hasMessageContaining("table constraints");
        assertThatThrownBy(() -> TableDefinition.parse("CREATE VIEW v AS SELECT 1")).hasMessageContaining("expected TABLE");
    }

    @Test
    void everyEngineCreatesTheTableFromIt() {
        TableDefinition t = TableDefinition.parse("CREATE TABLE `t` (`id` TEXT PRIMARY KEY DEFAULT "
                + "('r'||lower(hex(randomblob(7)))) NOT NULL, `n` NUMERIC DEFAULT 0 NOT NULL, `b` BOOLEAN DEFAULT FALSE, "
                + "`j` JSON DEFAULT \"[]\" NOT NULL, `c` TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%fZ')) NOT NULL)");
        assertThat(SqliteDialect.INSTANCE.ddl().createTable(t)).isEqualTo("CREATE TABLE \"t\" (\"id\" TEXT PRIMARY KEY "
                + "DEFAULT ('r'||lower(hex(randomblob(7)))) NOT NULL, \"n\" NUMERIC DEFAULT 0 NOT NULL, \"b\" BOOLEAN "
                + "DEFAULT FALSE, \"j\" JSON DEFAULT \"[]\" NOT NULL, \"c\" TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%fZ')) NOT NULL)");
        assertThat(PostgresDialect.INSTANCE.ddl().createTable(t)).isEqualTo("CREATE TABLE \"t\" (\"id\" TEXT COLLATE \"C\" "
                + "PRIMARY KEY DEFAULT " + PostgresDdl.RANDOM_ID + " NOT NULL, \"n\" DOUBLE PRECISION DEFAULT 0 NOT NULL, "
                + "\"b\" BOOLEAN DEFAULT FALSE, \"j\" json_text DEFAULT '[]' NOT NULL, \"c\" TEXT COLLATE \"C\" DEFAULT "
                + PostgresDdl.NOW + " NOT NULL)");
    }
}
