package dev.coffer.apis;

import dev.coffer.core.App;
import dev.coffer.core.auth.RecordTokens;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.collection.TokenType;
import java.util.Optional;

/** Checks the one-time tokens of the auth flows against the collection of the request. */
final class FlowTokens {

    /** The code and message of an invalid, expired or forged token. */
    static final String INVALID = "validation_invalid_token";
    static final String INVALID_MESSAGE = "Invalid or expired token.";

    private FlowTokens() {}

    /**
     * Verifies a token of the given type and that it belongs to the collection; adds a {@code field} error and
     * returns empty otherwise (an empty token is left to the required check).
     */
    static Optional<RecordTokens.Verified> check(App app, Collection collection, String token, TokenType type,
            FieldErrors errors, String field) {
        if (token.isEmpty()) {
            return Optional.empty();
        }
        Optional<RecordTokens.Verified> v = app.tokens().verify(token, type);
        if (v.isEmpty()) {
            errors.add(field, INVALID, INVALID_MESSAGE);
            return Optional.empty();
        }
        if (!v.get().record().collection().id().equals(collection.id())) {
            errors.add(field, "validation_token_collection_mismatch", "The provided token is for different auth collection.");
            return Optional.empty();
        }
        return v;
    }
}
