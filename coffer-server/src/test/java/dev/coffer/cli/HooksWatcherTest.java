package dev.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --hooksWatch: a change in the hooks folder, or one of its sub-folders, reloads the hooks. */
class HooksWatcherTest {

    @TempDir
    Path dir;

    @Test
    void aChangedFileReloadsOnceTheChangesSettle() throws Exception {
        Files.createDirectories(dir.resolve("lib"));
        Files.createDirectories(dir.resolve("node_modules/pkg"));
        Semaphore reloads = new Semaphore(0);
        try (HooksWatcher watcher = HooksWatcher.start(dir, reloads::release)) {
            assertThat(watcher).isNotNull();
            Files.writeString(dir.resolve("main.pb.js"), "routerAdd('GET', '/a', (e) => e.string(200, 'a'))");
            assertThat(reloads.tryAcquire(10, TimeUnit.SECONDS)).as("reloaded after a new file").isTrue();
            Files.writeString(dir.resolve("lib/util.js"), "module.exports = 1");
            assertThat(reloads.tryAcquire(10, TimeUnit.SECONDS)).as("reloaded after a sub-folder's change").isTrue();
            Files.writeString(dir.resolve("node_modules/pkg/index.js"), "module.exports = 2");
            assertThat(reloads.tryAcquire(1, TimeUnit.SECONDS)).as("node_modules is not watched").isFalse();
        }
        assertThat(HooksWatcher.start(dir.resolve("missing"), () -> {})).isNull();
    }
}
