package dev.coffer.core.migrations;

import dev.coffer.tools.db.Dialect;
import dev.coffer.tools.types.DateTime;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * PocketBase's {@code 1640988000_init.go}: the {@code _params} and {@code _collections} tables and the system
 * collections. The DDL text is PocketBase's to the whitespace, since SQLite keeps it in its catalogue; other
 * engines run it as {@link dev.coffer.tools.db.Ddl#portable} translates it.
 */
final class InitMigration {

    static final String FILE = "1640988000_init.go";

    static final String PARAMS_TABLE = "CREATE TABLE `_params` (\n"
            + "\t\t\t`id`      TEXT PRIMARY KEY DEFAULT ('r'||lower(hex(randomblob(7)))) NOT NULL,\n"
            + "\t\t\t`value`   JSON DEFAULT NULL,\n"
            + "\t\t\t`created` TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%fZ')) NOT NULL,\n"
            + "\t\t\t`updated` TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%fZ')) NOT NULL\n"
            + "\t\t)";

    static final String COLLECTIONS_TABLE = "CREATE TABLE `_collections` (\n"
            + "\t\t\t\t`id`         TEXT PRIMARY KEY DEFAULT ('r'||lower(hex(randomblob(7)))) NOT NULL,\n"
            + "\t\t\t\t`system`     BOOLEAN DEFAULT FALSE NOT NULL,\n"
            + "\t\t\t\t`type`       TEXT DEFAULT \"base\" NOT NULL,\n"
            + "\t\t\t\t`name`       TEXT UNIQUE NOT NULL,\n"
            + "\t\t\t\t`fields`     JSON DEFAULT \"[]\" NOT NULL,\n"
            + "\t\t\t\t`indexes`    JSON DEFAULT \"[]\" NOT NULL,\n"
            + "\t\t\t\t`listRule`   TEXT DEFAULT NULL,\n"
            + "\t\t\t\t`viewRule`   TEXT DEFAULT NULL,\n"
            + "\t\t\t\t`createRule` TEXT DEFAULT NULL,\n"
            + "\t\t\t\t`updateRule` TEXT DEFAULT NULL,\n"
            + "\t\t\t\t`deleteRule` TEXT DEFAULT NULL,\n"
            + "\t\t\t\t`options`    JSON DEFAULT \"{}\" NOT NULL,\n"
            + "\t\t\t\t`created`    TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%fZ')) NOT NULL,\n"
            + "\t\t\t\t`updated`    TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%fZ')) NOT NULL\n"
            + "\t\t\t)";

    /** Also re-run by the v0.23 follow-up migration; SQLite stores it without {@code IF NOT EXISTS}. */
    static final String COLLECTIONS_TYPE_INDEX =
            "CREATE INDEX IF NOT EXISTS idx__collections_type on `_collections` (`type`)";

    private InitMigration() {}

    static void up(Connection db, Dialect dialect) throws SQLException {
        if (CollectionsTable.hasTable(db, dialect, "_collections") || CollectionsTable.hasTable(db, dialect, "_params")) {
            throw new SQLException("data.db already has _collections/_params but " + FILE
                    + " is not recorded in _migrations; refusing to initialise over an unknown schema");
        }
        CollectionsTable.execDdl(db, dialect, PARAMS_TABLE);
        CollectionsTable.execDdl(db, dialect, COLLECTIONS_TABLE);
        CollectionsTable.execDdl(db, dialect, COLLECTIONS_TYPE_INDEX);
        for (CollectionDefinition collection : SystemCollections.all()) {
            collection.create(db, dialect, DateTime.now());
        }
    }
}
