package dev.coffer.cli;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --hooksWatch}: watches the hooks folder (and its sub-folders but hidden ones and {@code node_modules}) and
 * calls {@code reload} once changes have settled (50 ms without another), as PocketBase restarts its app then.
 */
final class HooksWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("coffer.js.hooks");
    private static final long SETTLE_MILLIS = 50;

    private final Path dir;
    private final Runnable reload;
    private final WatchService watcher;
    private final Thread thread;

    private HooksWatcher(Path dir, Runnable reload) throws IOException {
        this.dir = dir;
        this.reload = reload;
        this.watcher = FileSystems.getDefault().newWatchService();
        register(dir);
        this.thread = new Thread(this::loop, "coffer-hooks-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts watching, or returns null (with a warning) when the folder is missing or can't be watched. */
    static HooksWatcher start(Path dir, Runnable reload) {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try {
            return new HooksWatcher(dir, reload);
        } catch (IOException e) {
            LOG.warn("Unable to watch the hooks folder {}: {}", dir, e.getMessage());
            return null;
        }
    }

    private void register(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path d : s.filter(Files::isDirectory).toList()) {
                String name = d.getFileName() == null ? "" : d.getFileName().toString();
                if (!d.equals(root) && (name.startsWith(".") || name.equals("node_modules")
                        || skipped(root, d))) {
                    continue;
                }
                d.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
        }
    }

    private static boolean skipped(Path root, Path d) {
        for (Path p : root.relativize(d)) {
            if (p.toString().startsWith(".") || p.toString().equals("node_modules")) {
                return true;
            }
        }
        return false;
    }

    private void loop() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                boolean changed = drain(key);
                // settle: more changes within the window are taken with this one
                for (WatchKey more; (more = watcher.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) != null; ) {
                    changed |= drain(more);
                }
                if (changed) {
                    LOG.info("A file of {} changed; reloading the hooks", dir);
                    try {
                        register(dir); // new sub-folders
                        reload.run();
                    } catch (RuntimeException | IOException e) {
                        LOG.error("Failed to reload the hooks: {}", e.getMessage());
                    }
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    private static boolean drain(WatchKey key) {
        boolean any = !key.pollEvents().isEmpty();
        key.reset();
        return any;
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            // closing anyway
        }
        thread.interrupt();
    }
}
