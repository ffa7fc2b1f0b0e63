package dev.coffer.core.field;

import dev.coffer.core.validation.FieldError;
import dev.coffer.core.validation.FieldErrors;
import tools.jackson.databind.node.ObjectNode;

/** A URL, optionally restricted to or excluding some domains. */
public final class FieldUrl extends FieldDomainText {

    /** The type name. */
    public static final String TYPE = "url";

    FieldUrl(ObjectNode json) {
        super(json);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    protected String domainOf(String value) {
        return UrlHosts.hostOf(value);
    }

    @Override
    protected FieldError formatError() {
        return FieldErrors.url();
    }

    @Override
    protected FieldError domainError() {
        return FieldErrors.urlDomain();
    }
}
