package dev.coffer.core.schema;

import dev.coffer.core.collection.Collection;
import dev.coffer.core.field.Field;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Stand-in with the signatures of the schema synchroniser; replaced on merge. */
public final class SchemaSync {

    private SchemaSync() {}

    /** Stand-in: changes nothing. */
    public static void apply(Connection c, Collection before, Collection after) throws SQLException {}

    /** Stand-in: changes nothing. */
    public static void truncate(Connection c, Collection collection) throws SQLException {}

    /** Stand-in: infers nothing. */
    public static List<Field> inferViewFields(Connection c, java.util.Collection<Collection> all, String query)
            throws SQLException {
        return List.of();
    }
}
