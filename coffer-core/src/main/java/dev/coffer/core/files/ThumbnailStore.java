package dev.coffer.core.files;

import dev.coffer.tools.filesystem.FileSystem;
import dev.coffer.tools.images.ThumbSize;
import dev.coffer.tools.images.Thumbnails;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Thumbnails stored beside the originals: made on first request, then read from storage. Concurrent requests for
 * the same missing thumbnail wait for one generation; at most a few generations run at once, and a request that
 * can't get a turn within a few seconds gives up (its caller serves the original). A thumbnail that failed (an
 * image too large or broken) is remembered, so later requests don't try again.
 */
public final class ThumbnailStore {

    private static final long MAX_WAIT_SECONDS = 5;
    /** How many failed thumbnails are remembered (the oldest are forgotten first). */
    private static final int MAX_REMEMBERED_FAILURES = 10_000;

    private final FileSystem fs;
    private final Semaphore workers = new Semaphore(Runtime.getRuntime().availableProcessors() + 2);
    private final ConcurrentMap<String, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();
    private final Map<String, String> failed = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_REMEMBERED_FAILURES;
        }
    });

    /** Thumbnails in the given file system. */
    public ThumbnailStore(FileSystem fs) {
        this.fs = fs;
    }

    /**
     * Makes sure the thumbnail of the original exists under {@code thumbKey}, generating and storing it when
     * missing.
     *
     * @param contentType the original's content type (see {@link Thumbnails#SOURCE_TYPES})
     * @throws IOException when the original can't be read or decoded, storing fails or the wait timed out
     */
    public void ensure(String originalKey, String contentType, String thumbKey, ThumbSize size) throws IOException {
        if (fs.exists(thumbKey)) {
            return;
        }
        String failure = failed.get(thumbKey);
        if (failure != null) {
            throw new IOException("no thumbnail (it failed before): " + failure);
        }
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> running = pending.putIfAbsent(thumbKey, mine);
        if (running != null) {
            await(running);
            return;
        }
        try {
            generate(originalKey, contentType, thumbKey, size);
            mine.complete(null);
        } catch (IOException | RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            pending.remove(thumbKey, mine);
        }
    }

    private void generate(String originalKey, String contentType, String thumbKey, ThumbSize size)
            throws IOException {
        try {
            if (!workers.tryAcquire(MAX_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException("timed out waiting to generate " + thumbKey);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to generate " + thumbKey, e);
        }
        try {
            if (fs.exists(thumbKey)) {
                return; // made by a generation that finished just before this one registered
            }
            Thumbnails.Thumbnail thumb;
            try (InputStream in = fs.open(originalKey)) {
                thumb = Thumbnails.create(in, contentType, size);
            } catch (IOException | RuntimeException e) {
                failed.put(thumbKey, String.valueOf(e.getMessage()));
                throw e;
            } catch (OutOfMemoryError e) {
                failed.put(thumbKey, "out of memory");
                throw new IOException("not enough memory to make the thumbnail", e);
            }
            fs.put(thumbKey, thumb.bytes());
        } finally {
            workers.release();
        }
    }

    private static void await(CompletableFuture<Void> running) throws IOException {
        try {
            running.get(MAX_WAIT_SECONDS * 2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a thumbnail", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("timed out waiting for a thumbnail", e);
        }
    }
}
