package dev.coffer.core.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.core.TestFixture;
import dev.coffer.tools.db.Dialect;
import dev.coffer.tools.db.SqliteDialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PocketBase's own test data directory is up to date: nothing is applied and nothing changes. */
class SystemMigrationsFixtureTest {

    private static final Dialect SQLITE = SqliteDialect.INSTANCE;

    @TempDir
    Path dir;

    private Path fixture;

    @BeforeEach
    void copyFixture() throws IOException {
        fixture = TestFixture.dir();
        Files.copy(fixture.resolve("data.db"), dir.resolve("data.db"));
        Files.copy(fixture.resolve("auxiliary.db"), dir.resolve("auxiliary.db"));
    }

    @Test
    void dataDbGetsNothingAppliedAndStaysByteForByteTheSame() throws Exception {
        Path data = dir.resolve("data.db");
        String hashBefore = sha256(data);
        List<String> before;
        try (Connection db = TestDatabases.open(data)) {
            before = TestDatabases.dump(db);
            assertThat(SystemMigrations.migrateData(db, SQLITE)).isEmpty();
            assertThat(TestDatabases.dump(db)).isEqualTo(before);
        }
        assertThat(sha256(data)).isEqualTo(hashBefore);
    }

    @Test
    void auxiliaryDbGetsNothingApplied() throws Exception {
        Path aux = dir.resolve("auxiliary.db");
        String hashBefore = sha256(aux);
        try (Connection db = TestDatabases.open(aux)) {
            List<String> before = TestDatabases.dump(db);
            assertThat(SystemMigrations.migrateAuxiliary(db, SQLITE)).isEmpty();
            assertThat(TestDatabases.dump(db)).isEqualTo(before);
        }
        assertThat(sha256(aux)).isEqualTo(hashBefore);
    }

    @Test
    void fixtureRecordsEveryCofferMigrationFile() throws SQLException {
        try (Connection db = TestDatabases.open(dir.resolve("data.db"))) {
            assertThat(TestDatabases.strings(db, "SELECT file FROM _migrations"))
                    .containsAll(SystemMigrations.dataMigrationFiles());
        }
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
