package dev.coffer.core.field;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** One or more uploaded files, stored by name; limits on count, size and MIME type; optional thumbs. */
public final class FieldFile extends Field {

    /** The type name. */
    public static final String TYPE = "file";
    /** The per-file max size in bytes used when {@code maxSize} is 0. */
    public static final long DEFAULT_MAX_SIZE = 5L << 20;

    private final String help;
    private final long maxSize;
    private final long maxSelect;
    private final List<String> mimeTypes;
    private final List<String> thumbs;
    private final boolean isProtected;
    private final boolean required;

    FieldFile(ObjectNode json) {
        super(json);
        help = text(json, "help");
        maxSize = integer(json, "maxSize");
        maxSelect = integer(json, "maxSelect");
        mimeTypes = strings(json, "mimeTypes");
        thumbs = strings(json, "thumbs");
        isProtected = bool(json, "protected");
        required = bool(json, "required");
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** Per-file max size in bytes (0 = {@value #DEFAULT_MAX_SIZE}). */
    public long maxSize() {
        return maxSize;
    }

    /** The most files a record may hold (≤ 1 means a single file). */
    public long maxSelect() {
        return maxSelect;
    }

    /** Accepted MIME types (null or empty = any). */
    public List<String> mimeTypes() {
        return mimeTypes;
    }

    /** Thumb sizes that may be generated, such as {@code 100x100t} (null = none). */
    public List<String> thumbs() {
        return thumbs;
    }

    /** Whether downloading needs a file token that passes the view rule. */
    public boolean isProtected() {
        return isProtected;
    }

    @Override
    public boolean required() {
        return required;
    }

    @Override
    public boolean isMultiple() {
        return maxSelect > 1;
    }

    @Override
    public Object fromDb(Object raw) {
        return Coerce.listValue(raw, isMultiple());
    }

    @Override
    public JsonNode toJsonValue(Object value) {
        return Coerce.listJson(value, isMultiple());
    }

    @Override
    public Object zeroValue() {
        return isMultiple() ? List.of() : "";
    }

    @Override
    protected void writeOptions(ObjectNode out) {
        out.put("help", help);
        out.put("maxSelect", maxSelect);
        out.put("maxSize", maxSize);
        putStrings(out, "mimeTypes", mimeTypes);
        out.put("protected", isProtected);
        out.put("required", required);
        putStrings(out, "thumbs", thumbs);
    }
}
