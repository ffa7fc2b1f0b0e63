package dev.coffer.cli;

import dev.coffer.core.App;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.collection.CollectionService;
import dev.coffer.core.inspect.Inference;
import dev.coffer.core.inspect.RecordImport;
import dev.coffer.core.inspect.SampleFormat;
import dev.coffer.core.inspect.SampleInference;
import dev.coffer.core.inspect.SampleReader;
import dev.coffer.core.validation.FieldError;
import dev.coffer.core.validation.ValidationException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code coffer import FILE --collection NAME [--create] [--batch=N]}: loads the rows of a CSV, JSON or NDJSON
 * file into a collection through the records' normal validation ({@link RecordImport}), printing its progress to
 * stderr; rejected rows go to {@code FILE.rejected.ndjson}, and an interrupted import continues where it stopped.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Imports the rows of a CSV (with a header row), JSON (an array of objects) or NDJSON file into "
                + "a collection, validating each as a record create does, in batches of one transaction. Rows "
                + "refused are written with their errors to FILE.rejected.ndjson. An interrupted import continues "
                + "after its last committed batch when run again (its progress is kept in FILE.coffer-import).")
final class ImportCommand implements Callable<Integer> {

    private static final long PROGRESS_EVERY_NANOS = 500_000_000L;

    @ParentCommand
    Cli parent;

    @Parameters(index = "0", paramLabel = "FILE", description = "The CSV, JSON or NDJSON file.")
    Path file;

    @Option(names = "--collection", required = true, paramLabel = "NAME", description = "The collection to fill.")
    String collection;

    @Option(names = "--create", description = "Create the collection first, as inferred from the file (it must not "
            + "exist yet); without it the collection must exist.")
    boolean create;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "" + RecordImport.DEFAULT_BATCH,
            description = "Rows per transaction (default: ${DEFAULT-VALUE}).")
    int batch;

    /** Stops after this many batches, as an interruption would (for tests). */
    @Option(names = "--stopAfterBatches", hidden = true, defaultValue = "0")
    int stopAfterBatches;

    private long lastPrinted;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no file " + file);
        }
        PrintStream err = System.err;
        try (App app = App.open(parent.appConfig(1))) {
            boolean resuming = RecordImport.resumable(file, collection);
            Optional<Collection> existing = app.collections().find(collection);
            Map<String, String> mapping = null;
            if (create) {
                Inference inference = infer();
                mapping = inference.mapping();
                if (existing.isPresent() && !resuming) {
                    throw new IllegalArgumentException("the collection \"" + collection + "\" exists already: leave "
                            + "out --create to import into it");
                }
                if (existing.isEmpty()) {
                    createCollection(app, inference);
                }
            } else if (existing.isEmpty()) {
                throw new IllegalArgumentException("there is no collection \"" + collection + "\": create it first, "
                        + "or add --create to make it from the file");
            }
            Collection target = app.collections().find(collection).orElseThrow();
            RecordImport run = new RecordImport(app, target, mapping).batchSize(batch)
                    .stopAfterBatches(stopAfterBatches).onProgress(p -> printProgress(err, p, false));
            RecordImport.Result result = run.run(file);
            printProgress(err, result.progress(), true);
            err.println();
            report(result, run);
        }
        return 0;
    }

    private Inference infer() throws IOException {
        try (SampleReader reader = SampleReader.open(Files.newInputStream(file),
                SampleFormat.declared(file.getFileName().toString(), null), false)) {
            return SampleInference.infer(reader, collection, n -> false);
        }
    }

    private void createCollection(App app, Inference inference) {
        ObjectNode json = inference.collection().deepCopy();
        json.put("name", collection);
        try {
            new CollectionService(app).create(json);
        } catch (ValidationException e) {
            throw new IllegalArgumentException("the inferred collection is refused: " + describe(e.errors()), e);
        }
        StringBuilder fields = new StringBuilder();
        inference.columns().forEach(c -> fields.append(fields.isEmpty() ? "" : ", ").append(c.field()).append(' ')
                .append(c.type()));
        System.out.println("Created the collection \"" + collection + "\": " + fields);
        inference.notes().forEach(n -> System.out.println("  " + n));
    }

    private static String describe(Map<String, ?> errors) {
        StringBuilder out = new StringBuilder();
        errors.forEach((k, v) -> out.append(out.isEmpty() ? "" : "; ").append(k).append(": ")
                .append(v instanceof FieldError f ? f.message() : v instanceof Map<?, ?> m
                        ? describe(castMap(m)) : String.valueOf(v)));
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> castMap(Map<?, ?> m) {
        return (Map<String, ?>) m;
    }

    private void printProgress(PrintStream err, RecordImport.Progress p, boolean last) {
        long now = System.nanoTime();
        if (!last && now - lastPrinted < PROGRESS_EVERY_NANOS) {
            return;
        }
        lastPrinted = now;
        String total = p.total() >= 0 ? String.format(Locale.ROOT, " / %,d", p.total()) : "";
        err.printf(Locale.ROOT, "\r%,d%s rows, %,.0f rows/s, %,d rejected   ", p.rows(), total, p.rowsPerSecond(),
                p.rejected());
        err.flush();
    }

    private void report(RecordImport.Result r, RecordImport run) {
        PrintStream out = System.out;
        if (r.resumedAfter() > 0) {
            out.printf(Locale.ROOT, "Resumed after row %,d (from %s).%n", r.resumedAfter(),
                    file.getFileName() + ".coffer-import");
        }
        if (!run.unmapped().isEmpty()) {
            out.println("Columns left out (no field of that name): " + String.join(", ", run.unmapped()));
        }
        RecordImport.Progress p = r.progress();
        out.printf(Locale.ROOT, "%s %,d rows into \"%s\" in %.1f s (%,.0f rows/s): %,d imported, %,d rejected.%n",
                r.finished() ? "Imported" : "Stopped after", p.rows(), collection, r.took().toMillis() / 1000.0,
                p.rowsPerSecond(), p.imported(), p.rejected());
        if (r.report() != null) {
            out.println("Rejected rows and their errors: " + r.report());
        }
        if (!r.finished()) {
            out.println("Run the same command again to continue after row " + p.rows() + ".");
        }
    }
}
