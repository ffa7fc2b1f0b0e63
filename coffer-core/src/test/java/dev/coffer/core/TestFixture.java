package dev.coffer.core;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * PocketBase's API-test data directory, committed at {@code fixtures/pocketbase-testdata} in the repository (see
 * {@code fixtures/README.md}); found from the working directory upwards, so tests run from the module directory
 * (Maven) or the repository root (an IDE) alike.
 */
public final class TestFixture {

    private TestFixture() {}

    /** The fixture directory (data.db, auxiliary.db, storage/); never modify it, copy it first. */
    public static Path dir() {
        Path start = Path.of("").toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            Path candidate = p.resolve("fixtures").resolve("pocketbase-testdata");
            if (Files.isRegularFile(candidate.resolve("data.db"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no fixtures/pocketbase-testdata/data.db in " + start + " or its parents");
    }
}
