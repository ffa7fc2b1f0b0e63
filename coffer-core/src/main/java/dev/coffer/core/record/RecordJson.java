package dev.coffer.core.record;

import dev.coffer.core.field.Field;
import dev.coffer.tools.json.Json;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes records as PocketBase's record JSON: every visible field, {@code collectionId},
 * {@code collectionName} and {@code expand}, keys sorted.
 */
public final class RecordJson {

    /**
     * What a response may show.
     *
     * @param showHidden include hidden fields (superusers)
     * @param showEmail include auth emails whatever their visibility (owner, manager, superuser, auth responses)
     */
    public record Visibility(boolean showHidden, boolean showEmail) {
        /** What a guest or ordinary user sees. */
        public static final Visibility PUBLIC = new Visibility(false, false);
    }

    private RecordJson() {}

    /**
     * The JSON of a record and its expanded relations. Passwords and token keys are never written.
     *
     * @param visibility what may be shown of the record itself; expanded records decide email visibility alone
     */
    public static ObjectNode write(Record record, Visibility visibility) {
        Map<String, JsonNode> sorted = new TreeMap<>();
        boolean auth = record.collection().isAuth();
        for (Field f : record.collection().fields()) {
            String name = f.name();
            if (auth && (name.equals("password") || name.equals("tokenKey"))) {
                continue;
            }
            if (f.type().equals("password")) {
                continue;
            }
            if ((f.hidden() || record.hiddenInResponses(name)) && !visibility.showHidden()) {
                continue;
            }
            if (f.readAccess() != null && !visibility.showHidden()) {
                // decided per record and requester beforehand (FieldReadAccess); undecided: left out
                Map<String, JsonNode> view = record.restrictedView();
                JsonNode shown = view == null ? null : view.get(name);
                if (shown != null) {
                    sorted.put(name, shown);
                }
                continue;
            }
            if (auth && name.equals("email") && !visibility.showEmail() && !record.emailVisibility()
                    && !record.emailAlwaysVisible()) {
                continue;
            }
            sorted.put(name, f.toJsonValue(record.get(name)));
        }
        if (record.withCustomData()) {
            record.customData().forEach((key, value) -> {
                if (!record.hiddenInResponses(key) || visibility.showHidden()) {
                    sorted.put(key, Json.MAPPER.valueToTree(value));
                }
            });
        }
        sorted.put("collectionId", Json.object().textNode(record.collection().id()));
        sorted.put("collectionName", Json.object().textNode(record.collection().name()));
        if (record.expandRequested() || !record.expand().isEmpty()) {
            ObjectNode expand = Json.object();
            Visibility nested = new Visibility(visibility.showHidden(), visibility.showHidden());
            new TreeMap<>(record.expand()).forEach((key, value) -> expand.set(key, writeExpanded(value, nested)));
            sorted.put("expand", expand);
        }
        ObjectNode out = Json.object();
        sorted.forEach(out::set);
        return out;
    }

    private static JsonNode writeExpanded(Object value, Visibility visibility) {
        if (value instanceof Record r) {
            return write(r, visibility);
        }
        ArrayNode arr = Json.array();
        if (value instanceof List<?> list) {
            for (Object o : list) {
                arr.add(write((Record) o, visibility));
            }
        }
        return arr;
    }
}
