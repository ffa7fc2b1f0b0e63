package dev.coffer.core.field;

import dev.coffer.core.validation.FieldError;
import dev.coffer.core.validation.FieldErrors;
import dev.coffer.tools.filesystem.UploadedFile;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** One or more uploaded files, stored by name; limits on count, size and MIME type; optional thumbs. */
public final class FieldFile extends FieldMultiValue {

    /** The type name. */
    public static final String TYPE = "file";
    /** The per-file max size in bytes used when {@code maxSize} is 0. */
    public static final long DEFAULT_MAX_SIZE = 5L << 20;

    private final long maxSize;
    private final List<String> mimeTypes;
    private final List<String> thumbs;
    private final boolean isProtected;

    FieldFile(ObjectNode json) {
        super(json);
        maxSize = integer(json, "maxSize");
        mimeTypes = strings(json, "mimeTypes");
        thumbs = strings(json, "thumbs");
        isProtected = bool(json, "protected");
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** Per-file max size in bytes (0 = {@value #DEFAULT_MAX_SIZE}). */
    public long maxSize() {
        return maxSize;
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

    /**
     * The setter for a body key: the items of the working value are existing file names (strings) and
     * {@link UploadedFile}s, always as a list; the caller turns them into the stored value.
     */
    @Override
    public FieldSetter setter(String key) {
        return ListModifiers.forKey(name(), key, FieldFile::items, items -> items);
    }

    /** The items of a raw file value: uploaded files as they are, anything else as file names. */
    public static List<Object> items(Object raw) {
        List<Object> out = new ArrayList<>();
        if (raw instanceof UploadedFile f) {
            out.add(f);
        } else if (raw instanceof java.util.Collection<?> c && c.stream().anyMatch(UploadedFile.class::isInstance)) {
            c.forEach(i -> out.addAll(items(i)));
        } else {
            out.addAll(Coerce.toStringList(raw));
        }
        return ListModifiers.unique(out);
    }

    /** The per-file size limit in bytes, the default applied. */
    public long effectiveMaxSize() {
        return maxSize <= 0 ? DEFAULT_MAX_SIZE : maxSize;
    }

    /**
     * Checks a working value: required, count, and for each new upload its size and detected MIME type.
     * Names that are not uploads must be among {@code previous} (the record's stored names).
     */
    public FieldError validateItems(List<Object> items, List<String> previous) {
        if (items.isEmpty()) {
            return required() ? FieldErrors.required() : null;
        }
        List<String> invalid = items.stream().filter(i -> !(i instanceof UploadedFile))
                .map(Coerce::toText).filter(n -> !previous.contains(n))
                .map(n -> n.length() > 250 ? n.substring(0, 250) : n).toList();
        if (!invalid.isEmpty()) {
            return FieldErrors.invalidFiles(invalid);
        }
        if (items.size() > effectiveMaxSelect()) {
            return FieldErrors.tooManyFiles(effectiveMaxSelect());
        }
        for (Object item : items) {
            if (item instanceof UploadedFile f) {
                if (f.size() > effectiveMaxSize()) {
                    return FieldErrors.fileSizeLimit(f.originalName(), effectiveMaxSize());
                }
                if (mimeTypes != null && !mimeTypes.isEmpty() && !mimeTypes.contains(f.mimeType())) {
                    return FieldErrors.mimeType(f.name(), mimeTypes);
                }
            }
        }
        return null;
    }

    @Override
    protected void writeOptions(ObjectNode out) {
        out.put("help", help());
        out.put("maxSelect", maxSelect());
        out.put("maxSize", maxSize);
        putStrings(out, "mimeTypes", mimeTypes);
        out.put("protected", isProtected);
        out.put("required", required());
        putStrings(out, "thumbs", thumbs);
    }
}
