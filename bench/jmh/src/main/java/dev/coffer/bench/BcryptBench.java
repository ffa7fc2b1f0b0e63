package dev.coffer.bench;

import dev.coffer.tools.security.Passwords;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * One password checked against a cost-10 {@code $2a$} hash (PocketBase's default cost), by the current
 * implementation ({@link Passwords#matches}, at.favre.lib:bcrypt), Bouncy Castle's {@link OpenBSDBCrypt} and
 * Spring Security's {@link BCrypt}; plus hashing a password with the current implementation.
 *
 * <p>The hash is made once in the setup, which also checks that all three verifiers accept it, so no
 * benchmark measures a failure path.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BcryptBench {

    private static final int COST = 10;

    String password = "1234567890";
    String hash;

    @Setup
    public void setup() {
        hash = Passwords.hash(password, COST);
        if (!hash.startsWith("$2a$10$")) {
            throw new IllegalStateException("expected a cost-10 $2a$ hash, got " + hash);
        }
        if (!Passwords.matches(password, hash)) {
            throw new IllegalStateException("Passwords.matches rejects its own hash");
        }
        if (!OpenBSDBCrypt.checkPassword(hash, password.toCharArray())) {
            throw new IllegalStateException("Bouncy Castle OpenBSDBCrypt rejects the hash");
        }
        if (!BCrypt.checkpw(password, hash)) {
            throw new IllegalStateException("Spring Security BCrypt rejects the hash");
        }
        if (Passwords.matches("wrong password", hash) || OpenBSDBCrypt.checkPassword(hash, "wrong password".toCharArray())
                || BCrypt.checkpw("wrong password", hash)) {
            throw new IllegalStateException("a verifier accepts a wrong password");
        }
    }

    /** The current implementation: {@code Passwords.matches} (at.favre.lib:bcrypt). */
    @Benchmark
    public boolean verifyCurrent() {
        return Passwords.matches(password, hash);
    }

    /** Bouncy Castle: {@code OpenBSDBCrypt.checkPassword}. */
    @Benchmark
    public boolean verifyBouncyCastle() {
        return OpenBSDBCrypt.checkPassword(hash, password.toCharArray());
    }

    /** Spring Security: {@code BCrypt.checkpw}. */
    @Benchmark
    public boolean verifySpringSecurity() {
        return BCrypt.checkpw(password, hash);
    }

    /** Hashing with the current implementation (a new random salt each time). */
    @Benchmark
    public String hashCurrent() {
        return Passwords.hash(password, COST);
    }
}
