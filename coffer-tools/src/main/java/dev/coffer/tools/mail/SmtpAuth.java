package dev.coffer.tools.mail;

import java.util.Locale;

/** The SMTP authentication mechanisms offered, as PocketBase names them in its settings. */
public enum SmtpAuth {
    /** {@code AUTH PLAIN}, the default. */
    PLAIN,
    /** {@code AUTH LOGIN}, which some providers (such as Outlook) require. */
    LOGIN;

    /** The mechanism for a settings value: {@code "LOGIN"} (any case) is LOGIN, anything else PLAIN. */
    public static SmtpAuth parse(String value) {
        return value != null && value.toUpperCase(Locale.ROOT).equals("LOGIN") ? LOGIN : PLAIN;
    }
}
