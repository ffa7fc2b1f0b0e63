package dev.coffer.tools.mail;

import java.util.regex.Pattern;

/** The format check of email addresses used by forms and settings (syntax only; no DNS lookups). */
public final class EmailAddress {

    private static final Pattern FORMAT = Pattern.compile(
            "^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
                    + "(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$");

    private EmailAddress() {}

    /** Whether the text is a well-formed address such as {@code name@example.com} (at most 254 characters). */
    public static boolean isValid(String value) {
        return value != null && value.length() <= 254 && FORMAT.matcher(value).matches();
    }
}
