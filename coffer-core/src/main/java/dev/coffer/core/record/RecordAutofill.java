package dev.coffer.core.record;

import dev.coffer.core.field.Field;
import dev.coffer.core.field.FieldAutodate;
import dev.coffer.core.field.FieldText;
import dev.coffer.tools.security.PatternGenerator;
import dev.coffer.tools.security.RandomString;
import dev.coffer.tools.types.DateTime;

/** Fills the values the server owns before a record is saved: id, token key, autodates and superusers' verified flag. */
public final class RecordAutofill {

    private RecordAutofill() {}

    /** Fills an empty id and token key from their autogenerate patterns and sets due autodates. */
    public static void beforeSave(Record record, boolean create) {
        String now = DateTime.now();
        for (Field f : record.collection().fields()) {
            if (f instanceof FieldAutodate a && ((create && a.onCreate()) || (!create && a.onUpdate()))) {
                record.set(f.name(), now);
            } else if (f instanceof FieldText t && record.getString(f.name()).isEmpty() && !t.autogeneratePattern().isEmpty()
                    && (create || t.name().equals("tokenKey"))) {
                record.set(f.name(), PatternGenerator.generate(t.autogeneratePattern()));
            }
        }
        if (record.isSuperuser()) {
            record.set("verified", true); // superusers are always verified
        }
        if (record.getString("id").isEmpty()) {
            record.set("id", RandomString.recordId());
        }
    }
}
