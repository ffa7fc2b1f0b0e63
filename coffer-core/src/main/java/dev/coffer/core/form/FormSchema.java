package dev.coffer.core.form;

import dev.coffer.core.collection.Collection;
import dev.coffer.core.collection.CollectionRegistry;
import dev.coffer.core.field.Field;
import dev.coffer.core.field.FieldAutodate;
import dev.coffer.core.field.FieldBool;
import dev.coffer.core.field.FieldDate;
import dev.coffer.core.field.FieldDomainText;
import dev.coffer.core.field.FieldEditor;
import dev.coffer.core.field.FieldEmail;
import dev.coffer.core.field.FieldFile;
import dev.coffer.core.field.FieldGeoPoint;
import dev.coffer.core.field.FieldJson;
import dev.coffer.core.field.FieldNumber;
import dev.coffer.core.field.FieldPassword;
import dev.coffer.core.field.FieldRelation;
import dev.coffer.core.field.FieldSelect;
import dev.coffer.core.field.FieldText;
import dev.coffer.core.field.FieldUrl;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The form of a collection's records: for each field the widget that edits it, with its validation and the
 * options the widget needs. This is the one place that maps field types and options to widgets; the dashboard
 * renders what it says and {@code GET /api/collections/{collection}/ui-schema} serves it to other frontends.
 */
public final class FormSchema {

    /** Text fields with these names hold long text and get a textarea whatever their limit. */
    static final Set<String> LONG_TEXT_NAMES =
            Set.of("description", "body", "content", "summary", "bio", "notes", "message", "comment", "text");
    /** Text longer than this gets a textarea. */
    static final long SHORT_TEXT_MAX = 255;
    /** A number whose min and max are at most this far apart gets a slider. */
    static final double SLIDER_SPAN = 100;
    /** The field an auth collection keeps its token key in: never part of a form. */
    static final String TOKEN_KEY = "tokenKey";

    private FormSchema() {}

    /**
     * The form of a collection as JSON-ready maps, for a caller who sees hidden fields (superusers) or not.
     *
     * @param collections to name the target collection of relations and its presentable fields
     */
    public static Map<String, Object> of(Collection collection, CollectionRegistry collections, boolean seesHidden) {
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("id", collection.id());
        head.put("name", collection.name());
        head.put("type", collection.type().wire());
        List<Map<String, Object>> fields = new ArrayList<>();
        for (Field f : collection.fields()) {
            if (f.name().equals(TOKEN_KEY) && collection.isAuth()) {
                continue;
            }
            if (f.hidden() && !seesHidden) {
                continue;
            }
            fields.add(field(collection, f, collections));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("collection", head);
        out.put("fields", fields);
        return out;
    }

    /** The form entry of one field. */
    static Map<String, Object> field(Collection collection, Field f, CollectionRegistry collections) {
        Map<String, Object> validation = new LinkedHashMap<>();
        Map<String, Object> options = new LinkedHashMap<>();
        String widget = widget(f, validation, options, collections);
        boolean primaryKey = f instanceof FieldText t && t.primaryKey();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", f.name());
        out.put("type", f.type());
        out.put("widget", widget);
        out.put("label", f.name());
        out.put("required", f.required());
        out.put("hidden", f.hidden());
        out.put("presentable", f.presentable());
        out.put("system", f.system());
        out.put("help", f.help());
        out.put("readOnly", collection.isView() || f instanceof FieldAutodate);
        out.put("createOnly", primaryKey && !collection.isView());
        out.put("validation", validation);
        out.put("options", options);
        return out;
    }

    /** The widget of a field; fills its validation and options. */
    static String widget(Field f, Map<String, Object> validation, Map<String, Object> options,
            CollectionRegistry collections) {
        return switch (f) {
            case FieldText t -> {
                validation.put("min", t.min());
                validation.put("max", t.max());
                validation.put("pattern", t.pattern());
                options.put("autogeneratePattern", t.autogeneratePattern());
                if (t.primaryKey()) {
                    yield "id";
                }
                // no limit means long text, unless a pattern says what the value looks like (a code, a slug)
                boolean unbounded = t.max() == 0 && t.pattern().isEmpty();
                boolean longText = unbounded || t.max() > SHORT_TEXT_MAX || LONG_TEXT_NAMES.contains(t.name().toLowerCase());
                yield longText ? "textarea" : "text";
            }
            case FieldEditor e -> {
                validation.put("maxSize", e.maxSize());
                options.put("convertURLs", e.convertUrls());
                yield "richtext";
            }
            case FieldNumber n -> {
                validation.put("min", n.min());
                validation.put("max", n.max());
                validation.put("onlyInt", n.onlyInt());
                options.put("step", n.onlyInt() ? "1" : "any");
                boolean small = n.min() != null && n.max() != null && n.max() - n.min() <= SLIDER_SPAN && n.max() > n.min();
                yield small ? "slider" : "number";
            }
            case FieldBool b -> "toggle";
            case FieldDomainText d -> {
                validation.put("onlyDomains", d.onlyDomains());
                validation.put("exceptDomains", d.exceptDomains());
                yield switch (d) {
                    case FieldEmail em -> "email";
                    case FieldUrl u -> "url";
                };
            }
            case FieldDate d -> {
                validation.put("min", d.min());
                validation.put("max", d.max());
                yield "datetime";
            }
            case FieldAutodate a -> {
                options.put("onCreate", a.onCreate());
                options.put("onUpdate", a.onUpdate());
                yield "autodate";
            }
            case FieldSelect s -> {
                validation.put("maxSelect", s.effectiveMaxSelect());
                options.put("values", s.values());
                options.put("multiple", s.isMultiple());
                yield s.isMultiple() ? "multiselect" : "select";
            }
            case FieldFile file -> {
                validation.put("maxSelect", file.effectiveMaxSelect());
                validation.put("maxSize", file.effectiveMaxSize());
                validation.put("mimeTypes", file.mimeTypes());
                options.put("multiple", file.isMultiple());
                options.put("thumbs", file.thumbs());
                options.put("protected", file.isProtected());
                yield "file";
            }
            case FieldRelation r -> {
                validation.put("minSelect", r.minSelect());
                validation.put("maxSelect", r.effectiveMaxSelect());
                Optional<Collection> target = collections.find(r.collectionId());
                options.put("multiple", r.isMultiple());
                options.put("collectionId", r.collectionId());
                options.put("collectionName", target.map(Collection::name).orElse(""));
                options.put("displayFields", target.map(FormSchema::displayFields).orElse(List.of()));
                options.put("cascadeDelete", r.cascadeDelete());
                yield "relation";
            }
            case FieldJson j -> {
                validation.put("maxSize", j.maxSize());
                yield "json";
            }
            case FieldPassword p -> {
                validation.put("min", p.min());
                validation.put("max", p.max());
                validation.put("pattern", p.pattern());
                options.put("confirm", true);
                yield "password";
            }
            case FieldGeoPoint g -> "geopoint";
        };
    }

    /** The fields a relation picker shows of a target record: its presentable ones (none: the picker shows ids). */
    static List<String> displayFields(Collection target) {
        List<String> names = new ArrayList<>();
        for (Field f : target.fields()) {
            if (f.presentable() && !f.hidden()) {
                names.add(f.name());
            }
        }
        return names;
    }
}
