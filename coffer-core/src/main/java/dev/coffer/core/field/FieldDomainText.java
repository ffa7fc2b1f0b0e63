package dev.coffer.core.field;

import dev.coffer.core.validation.FieldError;
import dev.coffer.core.validation.FieldErrors;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A text value that names a domain (an email address or a URL), optionally restricted to some domains or
 * excluding some. Subclasses say how the domain is found and which errors they report.
 */
public abstract sealed class FieldDomainText extends Field permits FieldEmail, FieldUrl {

    private final List<String> exceptDomains;
    private final List<String> onlyDomains;

    /** Reads the common keys and the domain options. */
    protected FieldDomainText(ObjectNode json) {
        super(json);
        exceptDomains = strings(json, "exceptDomains");
        onlyDomains = strings(json, "onlyDomains");
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

    /** The domain of a non-empty value, or null when the value is malformed. */
    protected abstract String domainOf(String value);

    /** The error of a malformed value. */
    protected abstract FieldError formatError();

    /** The error of a value whose domain isn't allowed. */
    protected abstract FieldError domainError();

    @Override
    public FieldError validateValue(Object value) {
        String v = Coerce.toText(value);
        if (v.isEmpty()) {
            return required() ? FieldErrors.required() : null;
        }
        String domain = domainOf(v);
        if (domain == null) {
            return formatError();
        }
        if (onlyDomains != null && !onlyDomains.isEmpty() && !onlyDomains.contains(domain)) {
            return domainError();
        }
        if (exceptDomains != null && exceptDomains.contains(domain)) {
            return domainError();
        }
        return null;
    }

    @Override
    protected void writeOptions(ObjectNode out) {
        putStrings(out, "exceptDomains", exceptDomains);
        out.put("help", help());
        putStrings(out, "onlyDomains", onlyDomains);
        out.put("required", required());
    }
}
