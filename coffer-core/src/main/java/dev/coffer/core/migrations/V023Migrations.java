package dev.coffer.core.migrations;

import dev.coffer.tools.db.Dialect;
import dev.coffer.tools.types.DateTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * PocketBase's four v0.23 upgrade migrations. On a database created by v0.23 or later (every Coffer one) they
 * change nothing; they only repair data directories made by the v0.23 pre-releases.
 */
final class V023Migrations {

    static final String MIGRATE = "1717233556_v0.23_migrate.go";
    static final String MIGRATE2 = "1717233557_v0.23_migrate2.go";
    static final String MIGRATE3 = "1717233558_v0.23_migrate3.go";
    static final String MIGRATE4 = "1717233559_v0.23_migrate4.go";

    private static final List<String> NORMALIZED = List.of(SystemCollections.MFAS, SystemCollections.OTPS,
            SystemCollections.EXTERNAL_AUTHS, SystemCollections.AUTH_ORIGINS, SystemCollections.SUPERUSERS);

    private V023Migrations() {}

    /** The pre-v0.23 to v0.23 conversion: not supported; a v0.23+ schema (with _mfas and _authOrigins) passes. */
    static void migrate(Connection db, Dialect dialect) throws SQLException {
        if (CollectionsTable.hasTable(db, dialect, SystemCollections.MFAS)
                && CollectionsTable.hasTable(db, dialect, SystemCollections.AUTH_ORIGINS)) {
            return;
        }
        throw new SQLException("this data.db was made by PocketBase older than v0.23; open it once with "
                + "PocketBase v0.23 or later (which converts it) before using it with Coffer");
    }

    /** Ensures the collections type index and clears any delete rule of _mfas and _otps. */
    static void migrate2(Connection db, Dialect dialect) throws SQLException {
        CollectionsTable.execDdl(db, dialect, InitMigration.COLLECTIONS_TYPE_INDEX);
        for (String name : List.of(SystemCollections.MFAS, SystemCollections.OTPS)) {
            CollectionsTable.Row row = CollectionsTable.byName(db, dialect, name);
            if (row.deleteRule() != null) {
                try (PreparedStatement ps = db.prepareStatement(
                        "UPDATE \"_collections\" SET \"deleteRule\" = NULL, \"updated\" = ? WHERE \"id\" = ?")) {
                    ps.setString(1, DateTime.now());
                    ps.setString(2, row.id());
                    ps.executeUpdate();
                }
            }
        }
    }

    /**
     * Gives the system collections and their system fields PocketBase's checksum ids, moving the
     * {@code collectionRef} of their MFA, OTP and auth origin records along.
     */
    static void migrate3(Connection db, Dialect dialect) throws SQLException {
        for (CollectionsTable.Row row : CollectionsTable.all(db, dialect)) {
            if (!NORMALIZED.contains(row.name())) {
                continue;
            }
            String newId = FieldDefinition.collectionId(row.type(), row.name());
            boolean changed = !newId.equals(row.id());
            JsonNode fields = CollectionsTable.parseOrNull(row.fields());
            if (fields instanceof ArrayNode array) {
                for (JsonNode field : array) {
                    if (field instanceof ObjectNode f && f.path("system").asBoolean(false)) {
                        String id = FieldDefinition.fieldId(f.path("type").asString(""), f.path("name").asString(""));
                        if (!id.equals(f.path("id").asString(""))) {
                            f.put("id", id);
                            changed = true;
                        }
                    }
                }
            }
            if (!changed) {
                continue;
            }
            try (PreparedStatement ps = db.prepareStatement(
                    "UPDATE \"_collections\" SET \"id\" = ?, \"fields\" = ? WHERE \"id\" = ?")) {
                ps.setString(1, newId);
                ps.setString(2, fields == null ? row.fields() : GoJson.write(fields));
                ps.setString(3, row.id());
                ps.executeUpdate();
            }
            if (!newId.equals(row.id())) {
                for (String table : List.of(SystemCollections.MFAS, SystemCollections.OTPS,
                        SystemCollections.AUTH_ORIGINS)) {
                    try (PreparedStatement ps = db.prepareStatement("UPDATE " + dialect.quote(table)
                            + " SET \"collectionRef\" = ?, \"updated\" = ? WHERE \"collectionRef\" = ?")) {
                        ps.setString(1, newId);
                        ps.setString(2, DateTime.now());
                        ps.setString(3, row.id());
                        ps.executeUpdate();
                    }
                }
            }
        }
    }

    /** Adds the hidden {@code sentTo} field (and column) to {@code _otps} when missing. */
    static void migrate4(Connection db, Dialect dialect) throws SQLException {
        CollectionsTable.Row otps = CollectionsTable.byName(db, dialect, SystemCollections.OTPS);
        JsonNode fields = CollectionsTable.parseOrNull(otps.fields());
        if (!(fields instanceof ArrayNode array)) {
            throw new SQLException("_otps has unreadable fields JSON");
        }
        for (JsonNode field : array) {
            if ("sentTo".equals(field.path("name").asString(""))) {
                return;
            }
        }
        FieldDefinition sentTo = SystemCollections.sentTo();
        array.add(sentTo.json().deepCopy());
        CollectionsTable.update(db, otps.id(), "fields", GoJson.write(array));
        if (!columnExists(db, dialect, SystemCollections.OTPS, sentTo.name())) {
            CollectionsTable.execDdl(db, dialect, "ALTER TABLE `" + SystemCollections.OTPS + "` ADD COLUMN `"
                    + sentTo.name() + "` " + sentTo.columnType());
        }
    }

    private static boolean columnExists(Connection db, Dialect dialect, String table, String column)
            throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(dialect.ddl().columnsQuery())) {
            ps.setString(1, table);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (column.equals(rs.getString("name"))) {
                        return true;
                    }
                }
                return false;
            }
        }
    }
}
