package dev.coffer.tools.db;

/**
 * The schema statements SQLite, PostgreSQL and MariaDB write alike (only their quoting differs): dropping, renaming
 * and emptying tables, adding, renaming and dropping columns, dropping views. Each engine's {@link Ddl} extends it.
 */
abstract class StandardDdl implements Ddl {

    private final Dialect quoting;

    StandardDdl(Dialect quoting) {
        this.quoting = quoting;
    }

    /** An identifier quoted by the engine's dialect. */
    final String q(String identifier) {
        return quoting.quote(identifier);
    }

    @Override
    public String dropTable(String table) {
        return "DROP TABLE IF EXISTS " + q(table);
    }

    @Override
    public String renameTable(String from, String to) {
        return "ALTER TABLE " + q(from) + " RENAME TO " + q(to);
    }

    @Override
    public String deleteAll(String table) {
        return "DELETE FROM " + q(table);
    }

    @Override
    public String addColumn(String table, String column, String definition) {
        return "ALTER TABLE " + q(table) + " ADD COLUMN " + q(column) + " " + definition;
    }

    @Override
    public String renameColumn(String table, String from, String to) {
        return "ALTER TABLE " + q(table) + " RENAME COLUMN " + q(from) + " TO " + q(to);
    }

    @Override
    public String dropColumn(String table, String column) {
        return "ALTER TABLE " + q(table) + " DROP COLUMN " + q(column);
    }

    @Override
    public String dropView(String view) {
        return "DROP VIEW IF EXISTS " + q(view);
    }
}
