package dev.coffer.core.typegen;

import dev.coffer.core.collection.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The type name of each collection in generated code: its name in PascalCase ({@code _superusers} →
 * {@code Superusers}, {@code numeric_id_view} → {@code NumericIdView}), made unique among the collections by a
 * number suffix, and never a name the generated code already uses.
 */
public final class TypeNames {

    private static final Set<String> TAKEN = Set.of("Collections", "TypedPocketBase", "BaseSystemFields",
            "AuthSystemFields", "GeoPoint", "CollectionRecords", "CollectionResponses", "Object", "String", "Record",
            "List", "Map");

    private final Map<String, String> byId = new LinkedHashMap<>();

    /** The names of these collections (in their order). */
    public TypeNames(List<Collection> collections) {
        Set<String> used = new HashSet<>();
        TAKEN.forEach(t -> used.add(t.toLowerCase(Locale.ROOT)));
        for (Collection c : collections) {
            String base = pascal(c.name());
            String name = base;
            for (int i = 2; !used.add(name.toLowerCase(Locale.ROOT)); i++) {
                name = base + i;
            }
            byId.put(c.id(), name);
        }
    }

    /** The type name of a collection of the list given to the constructor. */
    public String of(Collection c) {
        String name = byId.get(c.id());
        if (name == null) {
            throw new IllegalArgumentException("unknown collection " + c.name());
        }
        return name;
    }

    /** A name in PascalCase: word characters kept, underscores and other characters split words. */
    public static String pascal(String name) {
        StringBuilder out = new StringBuilder();
        boolean upper = true;
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (Character.isLetterOrDigit(ch) && ch < 128) {
                out.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            } else {
                upper = true;
            }
        }
        if (out.isEmpty() || Character.isDigit(out.charAt(0))) {
            out.insert(0, 'C');
        }
        return out.toString();
    }
}
