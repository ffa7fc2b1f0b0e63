package dev.coffer.core.auth.oauth2;

/** A failure talking to an OAuth2 provider or reading what it returned. */
public final class OAuth2Exception extends Exception {

    private static final long serialVersionUID = 1L;

    /** A failure with a message. */
    public OAuth2Exception(String message) {
        super(message);
    }

    /** A failure caused by another one. */
    public OAuth2Exception(String message, Throwable cause) {
        super(message, cause);
    }
}
