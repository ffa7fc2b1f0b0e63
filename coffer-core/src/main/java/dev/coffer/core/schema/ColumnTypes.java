package dev.coffer.core.schema;

import dev.coffer.core.field.Field;
import dev.coffer.core.field.FieldBool;
import dev.coffer.core.field.FieldGeoPoint;
import dev.coffer.core.field.FieldJson;
import dev.coffer.core.field.FieldNumber;
import dev.coffer.core.field.FieldText;
import dev.coffer.tools.db.ColumnKind;

/** The kind of column that stores each field, as PocketBase lays out record tables. */
final class ColumnTypes {

    private ColumnTypes() {}

    /** The column kind of a field: multi-value fields hold JSON arrays, single ones text. */
    static ColumnKind of(Field field) {
        return switch (field) {
            case FieldText t when t.primaryKey() -> ColumnKind.PRIMARY_KEY;
            case FieldNumber n -> ColumnKind.NUMBER;
            case FieldBool b -> ColumnKind.BOOLEAN;
            case FieldJson j -> ColumnKind.JSON;
            case FieldGeoPoint g -> ColumnKind.GEO_POINT;
            default -> field.isMultiple() ? ColumnKind.JSON_ARRAY : ColumnKind.TEXT;
        };
    }
}
