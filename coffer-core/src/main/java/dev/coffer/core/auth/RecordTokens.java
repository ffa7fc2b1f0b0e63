package dev.coffer.core.auth;

import dev.coffer.core.collection.AuthOptions;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.collection.CollectionRegistry;
import dev.coffer.core.collection.TokenType;
import dev.coffer.core.record.Record;
import dev.coffer.core.record.RecordStore;
import dev.coffer.tools.security.Jwt;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Issues and checks record tokens exactly as PocketBase does: HS256, signed with the record's
 * {@code tokenKey} followed by the collection's secret for the token type.
 */
public final class RecordTokens {

    /** A verified token: the record it names and its claims. */
    public record Verified(Record record, Map<String, Object> claims) {
        /** Whether an auth token may be refreshed. */
        public boolean refreshable() {
            return Boolean.TRUE.equals(claims.get("refreshable"));
        }
    }

    private final CollectionRegistry collections;
    private final RecordStore records;

    /** Creates the token service. */
    public RecordTokens(CollectionRegistry collections, RecordStore records) {
        this.collections = collections;
        this.records = records;
    }

    /** A new auth token for the record, valid for the collection's auth token duration. */
    public String newAuthToken(Record record, boolean refreshable) {
        return newAuthToken(record, refreshable, 0);
    }

    /** A new auth token with an explicit duration in seconds (0 = the collection's default). */
    public String newAuthToken(Record record, boolean refreshable, long durationSeconds) {
        Map<String, Object> claims = baseClaims(record, TokenType.AUTH);
        claims.put("refreshable", refreshable);
        return sign(record, TokenType.AUTH, claims, durationSeconds);
    }

    /** A new token of another type with extra claims (such as {@code email}, {@code newEmail}). */
    public String newToken(Record record, TokenType type, Map<String, Object> extraClaims) {
        Map<String, Object> claims = baseClaims(record, type);
        claims.putAll(extraClaims);
        return sign(record, type, claims, 0);
    }

    private static Map<String, Object> baseClaims(Record record, TokenType type) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("id", record.id());
        claims.put("type", type.claim());
        claims.put("collectionId", record.collection().id());
        return claims;
    }

    private static String sign(Record record, TokenType type, Map<String, Object> claims, long durationSeconds) {
        AuthOptions.TokenConfig cfg = record.collection().authOptions().token(type);
        long duration = durationSeconds > 0 ? durationSeconds : cfg.duration();
        return Jwt.sign(claims, record.tokenKey() + cfg.secret(), duration);
    }

    /**
     * Finds the record a token of the given type was issued to and verifies the token against it.
     *
     * @return empty for a malformed, forged, expired or wrong-type token, or an unknown record
     */
    public Optional<Verified> verify(String token, TokenType type) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        Optional<Map<String, Object>> unverified = Jwt.unverifiedClaims(token);
        if (unverified.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> claims = unverified.get();
        if (!type.claim().equals(claims.get("type"))) {
            return Optional.empty();
        }
        Object id = claims.get("id");
        Object collectionId = claims.get("collectionId");
        if (!(id instanceof String recordId) || !(collectionId instanceof String colId)) {
            return Optional.empty();
        }
        Optional<Collection> collection = collections.find(colId).filter(c -> c.id().equals(colId) && c.isAuth());
        if (collection.isEmpty()) {
            return Optional.empty();
        }
        Optional<Record> record = records.findById(collection.get(), recordId);
        if (record.isEmpty()) {
            return Optional.empty();
        }
        String secret = collection.get().authOptions().token(type).secret();
        return Jwt.verify(token, record.get().tokenKey() + secret)
                .map(verified -> new Verified(record.get(), verified));
    }
}
