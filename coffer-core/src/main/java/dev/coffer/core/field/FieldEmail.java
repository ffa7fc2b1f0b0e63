package dev.coffer.core.field;

import dev.coffer.core.validation.FieldError;
import dev.coffer.core.validation.FieldErrors;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/** An email address, optionally restricted to or excluding some domains. */
public final class FieldEmail extends FieldDomainText {

    /** The type name. */
    public static final String TYPE = "email";

    private static final int MAX_LENGTH = 254;
    private static final Pattern FORMAT = Pattern.compile(
            "^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
                    + "(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$");

    FieldEmail(ObjectNode json) {
        super(json);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    protected String domainOf(String value) {
        if (value.length() > MAX_LENGTH || !FORMAT.matcher(value).matches()) {
            return null;
        }
        return value.substring(value.lastIndexOf('@') + 1);
    }

    @Override
    protected FieldError formatError() {
        return FieldErrors.email();
    }

    @Override
    protected FieldError domainError() {
        return FieldErrors.emailDomain();
    }
}
