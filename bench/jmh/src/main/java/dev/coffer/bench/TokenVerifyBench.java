package dev.coffer.bench;

import dev.coffer.tools.security.Jwt;
import dev.coffer.tools.security.RandomString;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * An auth token as Coffer issues it (HS256; claims {@code id}, {@code type}, {@code collectionId},
 * {@code refreshable}, {@code exp}; key = the record's token key + the collection's secret): verifying one
 * signed in the setup ({@link Jwt#verify}, what every authenticated request does) and signing a new one
 * ({@link Jwt#sign}, what a login does).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TokenVerifyBench {

    private static final long DURATION_SECONDS = 604_800; // PocketBase's default auth token duration

    Map<String, Object> claims;
    String secret;
    String token;

    @Setup
    public void setup() {
        claims = new LinkedHashMap<>();
        claims.put("id", RandomString.recordId());
        claims.put("type", "auth");
        claims.put("collectionId", "_pb_users_auth_");
        claims.put("refreshable", true);
        // tokenKey (50) + collection secret (50), as RecordTokens joins them
        secret = RandomString.of(50, RandomString.ALPHANUMERIC_UNDERSCORE)
                + RandomString.of(50, RandomString.ALPHANUMERIC_UNDERSCORE);
        token = Jwt.sign(claims, secret, DURATION_SECONDS);
        Optional<Map<String, Object>> verified = Jwt.verify(token, secret);
        if (verified.isEmpty() || !claims.get("id").equals(verified.get().get("id"))) {
            throw new IllegalStateException("Jwt.verify rejects a token just signed");
        }
        if (Jwt.verify(token, secret + "x").isPresent()) {
            throw new IllegalStateException("Jwt.verify accepts a token under another key");
        }
    }

    @Benchmark
    public Optional<Map<String, Object>> verify() {
        return Jwt.verify(token, secret);
    }

    @Benchmark
    public String sign() {
        return Jwt.sign(claims, secret, DURATION_SECONDS);
    }
}
