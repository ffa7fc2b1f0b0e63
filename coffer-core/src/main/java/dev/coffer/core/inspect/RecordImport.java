package dev.coffer.core.inspect;

import dev.coffer.core.App;
import dev.coffer.core.RequestInfo;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.field.Field;
import dev.coffer.core.record.Record;
import dev.coffer.core.record.RecordForm;
import dev.coffer.core.validation.FieldError;
import dev.coffer.core.validation.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Loads the rows of a CSV, JSON or NDJSON file into a collection through the same steps a superuser's record
 * create takes ({@link RecordForm}: conversion, validation, uniqueness; then {@link App#save}, with its hooks),
 * in batches of one transaction each. Values are converted by {@link ImportValues}, a batch ahead on a reading
 * thread ({@link ImportBatches}). A row that fails validation
 * is left out and written with its errors to {@code FILE.rejected.ndjson}; after each committed batch the
 * progress is kept in {@code FILE.coffer-import} ({@link ImportCheckpoint}), so a run that was interrupted
 * continues after its last committed batch, and a finished one removes it.
 *
 * <p>Columns map to fields by the given mapping, or else by name: the field of the same name, or of the name
 * {@link FieldNames} makes of the column (case-insensitively). Other columns are left out ({@link #unmapped()}).
 */
public final class RecordImport {

    /** The batch size when none is given. */
    public static final int DEFAULT_BATCH = 2000;

    /**
     * Where an import stands, after each batch.
     *
     * @param rows the rows done (imported or rejected), resumed ones included
     * @param total the rows the file holds (counted before the import; -1 for a JSON array, not counted)
     * @param imported the rows imported
     * @param rejected the rows rejected
     * @param rowsPerSecond the rows done per second by this run
     */
    public record Progress(long rows, long total, long imported, long rejected, double rowsPerSecond) {}

    /**
     * What an import did.
     *
     * @param progress where it stopped
     * @param resumedAfter the rows an earlier run had done (0 for a fresh import)
     * @param report the report of rejected rows, or null when no row was rejected
     * @param finished whether every row was done (false when stopped after {@link #stopAfterBatches})
     * @param took how long this run took
     */
    public record Result(Progress progress, long resumedAfter, Path report, boolean finished, Duration took) {}

    private final App app;
    private final Collection collection;
    private final Map<String, String> mapping;
    /** The field of each column met; filled by the reading thread of {@link ImportBatches}. */
    private final Map<String, Optional<Field>> fields = new ConcurrentHashMap<>();
    private final List<String> unmapped = new CopyOnWriteArrayList<>();
    private final RequestInfo superuser;
    private int batchSize = DEFAULT_BATCH;
    private Consumer<Progress> progress = p -> { };
    private int stopAfterBatches;

    /**
     * An import into a collection.
     *
     * @param mapping the field name of each column (columns not in it are left out), or null to map by name
     */
    public RecordImport(App app, Collection collection, Map<String, String> mapping) {
        if (collection.isView()) {
            throw new IllegalArgumentException("the collection \"" + collection.name() + "\" is a view");
        }
        this.app = app;
        this.collection = collection;
        this.mapping = mapping;
        Collection superusers = app.collections().find("_superusers").orElseThrow();
        this.superuser = RequestInfo.empty().withAuth(new Record(superusers));
    }

    /** Sets the rows per transaction (at least 1). */
    public RecordImport batchSize(int rows) {
        this.batchSize = Math.max(1, rows);
        return this;
    }

    /** Sets what is told the progress after each batch. */
    public RecordImport onProgress(Consumer<Progress> listener) {
        this.progress = listener;
        return this;
    }

    /** Stops after this many batches of this run, as if interrupted (0: never; for tests and trials). */
    public RecordImport stopAfterBatches(int batches) {
        this.stopAfterBatches = batches;
        return this;
    }

    /** The columns that match no field, in the order met (known once {@link #run} read them). */
    public List<String> unmapped() {
        return List.copyOf(unmapped);
    }

    /** Whether an interrupted import of this file into this collection can be resumed. */
    public static boolean resumable(Path input, String collection) throws IOException {
        ImportCheckpoint now = ImportCheckpoint.start(input, collection);
        return ImportCheckpoint.read(ImportCheckpoint.pathFor(input)).filter(c -> c.sameImport(now)).isPresent();
    }

    /**
     * Imports the file (continuing an interrupted import of it into the same collection).
     *
     * @throws SampleException when the file can't be read (rows of the batches committed before stay)
     * @throws IllegalStateException when a checkpoint of this file names another input or collection
     */
    public Result run(Path input) throws IOException {
        long started = System.nanoTime();
        Path checkpointFile = ImportCheckpoint.pathFor(input);
        ImportCheckpoint fresh = ImportCheckpoint.start(input, collection.name());
        Optional<ImportCheckpoint> stored = ImportCheckpoint.read(checkpointFile);
        if (stored.isPresent() && !stored.get().sameImport(fresh)) {
            throw new IllegalStateException(checkpointFile + " belongs to an import of another file or collection "
                    + "(or the file changed since): delete it to import from the first row");
        }
        ImportCheckpoint checkpoint = stored.orElse(fresh);
        Path reportFile = RejectedRows.pathFor(input);
        if (stored.isEmpty()) {
            Files.deleteIfExists(reportFile);
        }
        SampleFormat declared = SampleFormat.declared(input.getFileName().toString(), null);
        long total = -1;
        long resumed = checkpoint.rows();
        try (SampleReader reader = SampleReader.open(Files.newInputStream(input), declared, false);
                RejectedRows rejected = new RejectedRows(reportFile);
                ImportBatches batches = new ImportBatches(reader, resumed, batchSize, this::fieldOf)) {
            total = countRows(input, reader.format());
            int done = 0;
            boolean finished = false;
            while (true) {
                List<ImportBatches.Prepared> batch = batches.next();
                if (batch.isEmpty()) {
                    finished = true;
                    break;
                }
                List<Rejection> refused = app.db().write(c -> importBatch(batch));
                for (Rejection r : refused) {
                    rejected.add(r.row(), r.errors());
                }
                rejected.flush();
                checkpoint = checkpoint.advance(batch.size() - refused.size(), refused.size());
                checkpoint.write(checkpointFile);
                progress.accept(progress(checkpoint, total, resumed, started));
                if (stopAfterBatches > 0 && ++done >= stopAfterBatches) {
                    break;
                }
            }
            if (finished) {
                Files.deleteIfExists(checkpointFile);
            }
            return new Result(progress(checkpoint, total, resumed, started), resumed,
                    Files.exists(reportFile) ? reportFile : null, finished,
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private static Progress progress(ImportCheckpoint c, long total, long resumed, long started) {
        double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
        return new Progress(c.rows(), total, c.imported(), c.rejected(), (c.rows() - resumed) / seconds);
    }

    /** A row left out, with its errors by field name. */
    private record Rejection(SampleRow row, Map<String, ?> errors) {}

    /** Creates the records of a batch inside the current transaction; answers the rows refused. */
    private List<Rejection> importBatch(List<ImportBatches.Prepared> batch) {
        List<Rejection> refused = new ArrayList<>();
        for (ImportBatches.Prepared p : batch) {
            if (p.row().problem() != null) {
                refused.add(new Rejection(p.row(), Map.of(RejectedRows.ROW,
                        FieldError.of("validation_invalid_row", p.row().problem()))));
                continue;
            }
            if (!p.errors().isEmpty()) {
                refused.add(new Rejection(p.row(), p.errors()));
                continue;
            }
            RecordForm form = new RecordForm(app, collection, null, superuser, true);
            try {
                form.load(p.body(), Map.of());
                form.validate();
                app.save(form.record());
            } catch (ValidationException e) {
                refused.add(new Rejection(p.row(), e.errors()));
            }
        }
        return refused;
    }

    /** The field a column fills, or null (the column is then noted in {@link #unmapped}). */
    private Field fieldOf(String column) {
        return fields.computeIfAbsent(column, k -> {
            Optional<Field> f;
            if (mapping != null) {
                String name = mapping.get(k);
                f = name == null ? Optional.empty() : collection.field(name);
            } else {
                f = collection.field(k);
                if (f.isEmpty()) {
                    String clean = FieldNames.clean(k, FieldNames.MAX_LENGTH).toLowerCase(Locale.ROOT);
                    f = collection.fields().stream().filter(x -> x.name().toLowerCase(Locale.ROOT).equals(clean))
                            .findFirst();
                }
            }
            if (f.isEmpty()) {
                unmapped.add(k);
            }
            return f;
        }).orElse(null);
    }

    /**
     * The data rows of a CSV or NDJSON file, counted from its bytes (CSV: line breaks outside quotes, less the
     * header; NDJSON: non-blank lines); -1 for a JSON array.
     */
    static long countRows(Path input, SampleFormat format) throws IOException {
        if (format == SampleFormat.JSON) {
            return -1;
        }
        long lines = 0;
        boolean quoted = false;
        boolean content = false;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(input)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (b == '"' && format == SampleFormat.CSV) {
                        quoted = !quoted;
                    } else if (b == '\n' && !quoted) {
                        lines += content ? 1 : 0;
                        content = false;
                    } else if (b != '\r' && b != ' ' && b != '\t') {
                        content = true;
                    }
                }
            }
        }
        lines += content ? 1 : 0;
        return format == SampleFormat.CSV ? Math.max(0, lines - 1) : lines;
    }
}
