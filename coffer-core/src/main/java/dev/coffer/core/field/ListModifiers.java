package dev.coffer.core.field;

import dev.coffer.tools.filesystem.UploadedFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The list modifiers shared by select, relation and file fields: set, prepend ({@code +field}), append
 * ({@code field+}) and remove ({@code field-}), each keeping items unique by name and dropping empty ones.
 */
final class ListModifiers {

    private ListModifiers() {}

    /**
     * The setter for a key of a list field: the plain name, {@code +name}, {@code name+} or {@code name-};
     * null for any other key.
     *
     * @param items turns a raw or current value into list items (strings, or uploaded files for files)
     * @param finish turns the combined items into the field's value
     */
    static FieldSetter forKey(String name, String key, Function<Object, List<Object>> items,
            Function<List<Object>, Object> finish) {
        if (key.equals(name)) {
            return (cur, raw) -> finish.apply(unique(items.apply(raw)));
        }
        if (key.length() != name.length() + 1) {
            return null; // no modifier of this field (checked first: every body key asks every field)
        }
        if (key.equals("+" + name)) {
            return (cur, raw) -> finish.apply(unique(concat(items.apply(raw), items.apply(cur))));
        }
        if (key.equals(name + "+")) {
            return (cur, raw) -> finish.apply(unique(concat(items.apply(cur), items.apply(raw))));
        }
        if (key.equals(name + "-")) {
            return (cur, raw) -> {
                List<String> remove = items.apply(raw).stream().map(ListModifiers::itemName).toList();
                List<Object> kept = new ArrayList<>(items.apply(cur));
                kept.removeIf(i -> remove.contains(itemName(i)));
                return finish.apply(unique(kept));
            };
        }
        return null;
    }

    /** The name of an item: the string itself or the storage name of an uploaded file. */
    static String itemName(Object item) {
        return item instanceof UploadedFile f ? f.name() : Coerce.toText(item);
    }

    /** The items without empty names and without later duplicates. */
    static List<Object> unique(List<Object> items) {
        Map<String, Object> byName = new LinkedHashMap<>();
        for (Object i : items) {
            String n = itemName(i);
            if (!n.isEmpty()) {
                byName.putIfAbsent(n, i);
            }
        }
        return new ArrayList<>(byName.values());
    }

    /** String items of a select or relation value. */
    static List<Object> strings(Object raw) {
        return new ArrayList<>(Coerce.toStringList(raw));
    }

    private static List<Object> concat(List<Object> a, List<Object> b) {
        List<Object> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
