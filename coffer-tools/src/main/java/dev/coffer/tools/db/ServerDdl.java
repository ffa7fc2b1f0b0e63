package dev.coffer.tools.db;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The schema statements of a database server: PocketBase's SQLite statements ({@code CREATE TABLE}, {@code ALTER
 * TABLE … ADD COLUMN}, {@code CREATE INDEX}) read into their portable description and written again in the
 * engine's words. PostgreSQL's and MariaDB's {@link Ddl} extend it.
 */
abstract class ServerDdl extends StandardDdl {

    private static final Pattern ADD_COLUMN = Pattern.compile(
            "(?is)^\\s*ALTER\\s+TABLE\\s+(\\S+)\\s+ADD\\s+(?:COLUMN\\s+)?(.+?)\\s*;?\\s*$");

    ServerDdl(Dialect quoting) {
        super(quoting);
    }

    /** A column's name and definition in the engine's words. */
    abstract String column(TableDefinition.Column c);

    /** What {@link #portable} makes of a statement it does not translate itself: by default the statement as it is. */
    String portableOther(String statement) {
        return statement;
    }

    @Override
    public final String portable(String statement) {
        String head = statement.stripLeading().toUpperCase(Locale.ROOT);
        if (head.startsWith("CREATE TABLE")) {
            return createTable(TableDefinition.parse(statement));
        }
        Matcher add = ADD_COLUMN.matcher(statement);
        if (head.startsWith("ALTER TABLE") && add.matches()) {
            TableDefinition one = TableDefinition.parse("CREATE TABLE " + add.group(1) + " (" + add.group(2) + ")");
            if (one.columns().size() != 1) {
                throw new IllegalArgumentException("cannot read the column of " + statement);
            }
            return "ALTER TABLE " + q(one.name()) + " ADD COLUMN " + column(one.columns().get(0));
        }
        if (head.startsWith("CREATE INDEX") || head.startsWith("CREATE UNIQUE INDEX")) {
            IndexDefinition index = IndexDefinition.parse(statement);
            if (!index.isValid()) {
                throw new IllegalArgumentException("cannot read the index statement " + statement);
            }
            return createIndex(index);
        }
        return portableOther(statement);
    }
}
