package dev.coffer.core.field;

import java.util.regex.Pattern;
import dev.coffer.core.validation.FieldErrors;
import dev.coffer.core.validation.FieldError;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** An email address, optionally restricted to or excluding some domains. */
public final class FieldEmail extends Field {

    /** The type name. */
    public static final String TYPE = "email";

    private final String help;
    private final List<String> exceptDomains;
    private final List<String> onlyDomains;
    private final boolean required;

    FieldEmail(ObjectNode json) {
        super(json);
        help = text(json, "help");
        exceptDomains = strings(json, "exceptDomains");
        onlyDomains = strings(json, "onlyDomains");
        required = bool(json, "required");
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** Domains that are refused (null = none). */
    public List<String> exceptDomains() {
        return exceptDomains;
    }

    /** The only domains accepted (null = any). */
    public List<String> onlyDomains() {
        return onlyDomains;
    }

    @Override
    public boolean required() {
        return required;
    }

    @Override
    public Object fromDb(Object raw) {
        return Coerce.toText(raw);
    }

    @Override
    public JsonNode toJsonValue(Object value) {
        return JsonNodeFactory.instance.stringNode(Coerce.toText(value));
    }

    @Override
    public Object zeroValue() {
        return "";
    }

    private static final Pattern FORMAT = Pattern.compile(
            "^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
                    + "(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$");

    @Override
    public FieldError validateValue(Object value) {
        String v = Coerce.toText(value);
        if (v.isEmpty()) {
            return required ? FieldErrors.required() : null;
        }
        if (v.length() > 254 || !FORMAT.matcher(v).matches()) {
            return FieldErrors.email();
        }
        String domain = v.substring(v.lastIndexOf('@') + 1);
        if (onlyDomains != null && !onlyDomains.isEmpty() && !onlyDomains.contains(domain)) {
            return FieldErrors.emailDomain();
        }
        if (exceptDomains != null && exceptDomains.contains(domain)) {
            return FieldErrors.emailDomain();
        }
        return null;
    }

    @Override
    protected void writeOptions(ObjectNode out) {
        putStrings(out, "exceptDomains", exceptDomains);
        out.put("help", help);
        putStrings(out, "onlyDomains", onlyDomains);
        out.put("required", required);
    }
}
