package dev.coffer.core.schema;

import dev.coffer.core.collection.Collection;
import dev.coffer.core.field.FieldFile;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the files of a view's file field are stored: the collection and file field the view's column selects
 * from (following views of views), as the files of a view record live with its source record.
 *
 * @param collection the base or auth collection holding the files
 * @param field the file field there
 */
public record ViewFileSource(Collection collection, FieldFile field) {

    private static final int MAX_DEPTH = 5;

    /** The source of a view's file column, or empty when the column doesn't come straight from a file field. */
    public static Optional<ViewFileSource> of(java.util.Collection<Collection> all, Collection view, String fieldName) {
        Collection current = view;
        String column = fieldName;
        for (int depth = 0; depth < MAX_DEPTH && current.isView(); depth++) {
            Optional<Map.Entry<Collection, String>> step = step(all, current, column);
            if (step.isEmpty()) {
                return Optional.empty();
            }
            current = step.get().getKey();
            column = step.get().getValue();
        }
        if (current.isView()) {
            return Optional.empty();
        }
        Collection source = current;
        return source.field(column).filter(FieldFile.class::isInstance)
                .map(f -> new ViewFileSource(source, (FieldFile) f));
    }

    /** The collection and column one level down that a view's column selects. */
    private static Optional<Map.Entry<Collection, String>> step(java.util.Collection<Collection> all, Collection view,
            String column) {
        ViewQueryParser.Parsed parsed;
        try {
            parsed = ViewQueryParser.parse(ViewQueryParser.normalize(view.viewQuery()));
        } catch (ViewQueryException e) {
            return Optional.empty();
        }
        Map<String, Collection> byAlias = new HashMap<>();
        for (ViewQueryParser.Identifier table : parsed.tables()) {
            for (Collection c : all) {
                if (c.name().equals(table.original())) {
                    byAlias.put(table.alias(), c);
                }
            }
        }
        String mainAlias = parsed.tables().isEmpty() ? null : parsed.tables().get(0).alias();
        for (ViewQueryParser.Identifier col : parsed.columns()) {
            if (!col.alias().equals(column)) {
                continue;
            }
            String[] parts = col.original().split("\\.", -1);
            Collection source = parts.length == 2 ? byAlias.get(parts[0]) : byAlias.get(mainAlias);
            String original = parts.length == 2 ? parts[1] : parts[0];
            if (source != null) {
                return Optional.of(Map.entry(source, original));
            }
        }
        return Optional.empty();
    }
}
