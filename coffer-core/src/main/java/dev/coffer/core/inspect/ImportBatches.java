package dev.coffer.core.inspect;

import dev.coffer.core.field.Field;
import dev.coffer.core.validation.FieldError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;

/**
 * Reads an import's rows ahead on a thread of its own, in batches, with each row's values already converted for
 * their fields ({@link ImportValues}): parsing and converting the next batch overlaps with validating and writing
 * the current one. At most two batches wait; a failure to read is thrown by {@link #next()} in its turn.
 */
final class ImportBatches implements AutoCloseable {

    /**
     * A row ready to import.
     *
     * @param row the row as read
     * @param body the converted values by field name (empty values left out)
     * @param errors the values that could not be converted, by field name
     */
    record Prepared(SampleRow row, Map<String, Object> body, Map<String, FieldError> errors) {}

    private static final List<Prepared> END = List.of();

    private final BlockingQueue<List<Prepared>> ready = new ArrayBlockingQueue<>(2);
    private final Thread reader;
    private volatile boolean stopped;
    private volatile Exception failure;

    /**
     * Starts reading.
     *
     * @param skip how many rows to skip first (done by an earlier run)
     * @param fieldOf the field a column fills, or null for a column left out
     */
    ImportBatches(SampleReader rows, long skip, int batchSize, Function<String, Field> fieldOf) {
        reader = Thread.ofPlatform().name("coffer-import-reader").daemon().unstarted(() -> {
            try {
                for (long n = skip; n > 0 && !stopped && rows.next() != null; n--) {
                    // rows an earlier run committed
                }
                while (!stopped) {
                    List<Prepared> batch = new ArrayList<>(batchSize);
                    SampleRow row;
                    while (batch.size() < batchSize && (row = rows.next()) != null) {
                        batch.add(prepare(row, fieldOf));
                    }
                    if (batch.isEmpty()) {
                        break;
                    }
                    ready.put(batch);
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
            try {
                ready.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        reader.start();
    }

    private static Prepared prepare(SampleRow row, Function<String, Field> fieldOf) {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, FieldError> errors = new LinkedHashMap<>();
        if (row.problem() == null) {
            for (var value : row.values().entrySet()) {
                Field field = fieldOf.apply(value.getKey());
                if (field == null) {
                    continue;
                }
                Object converted = ImportValues.convert(field, value.getValue());
                if (converted instanceof FieldError e) {
                    errors.put(field.name(), e);
                } else if (converted != null) {
                    body.put(field.name(), converted);
                }
            }
        }
        return new Prepared(row, body, errors);
    }

    /**
     * The next batch, or an empty list at the end.
     *
     * @throws SampleException or {@link IOException} when the input could not be read
     */
    List<Prepared> next() throws IOException {
        List<Prepared> batch;
        try {
            batch = ready.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (batch == END) {
            ready.offer(END); // later calls see the end too
            Exception e = failure;
            if (e instanceof IOException io) {
                throw io;
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
        }
        return batch;
    }

    /** Stops reading ahead and waits for the reading thread to end. */
    @Override
    public void close() {
        stopped = true;
        reader.interrupt();
        ready.clear();
        try {
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
