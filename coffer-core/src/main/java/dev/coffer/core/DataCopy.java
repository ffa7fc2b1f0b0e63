package dev.coffer.core;

import dev.coffer.core.collection.Collection;
import dev.coffer.core.collection.CollectionRegistry;
import dev.coffer.core.schema.SchemaSync;
import dev.coffer.tools.db.Database;
import dev.coffer.tools.db.DatabaseException;
import dev.coffer.tools.db.DatabaseUrl;
import dev.coffer.tools.db.SchemaChange;
import dev.coffer.tools.db.TableCopy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Copies a whole Coffer (or PocketBase) database from one store to another: a data directory's {@code data.db}
 * and {@code auxiliary.db}, or a database server, in any direction. Every table of the data database and the
 * {@code _logs} table of the auxiliary one are copied with their indexes and rows; the views of view
 * collections are then made again on the target from their collections' queries, the way saving the collection
 * there would make them. Uploaded files stay where they are: {@code storage/} belongs to the data directory.
 */
public final class DataCopy {

    /** The auxiliary database's table; on a server it sits beside the data tables. */
    private static final String LOGS = "_logs";

    private DataCopy() {}

    /**
     * Copies {@code from} into {@code to}, each a data directory path or a database URL.
     *
     * @param force whether to replace what the target holds (it must be empty otherwise)
     * @param progress told what is being done, one line at a time
     * @return the rows copied per table
     * @throws IllegalArgumentException when a store is malformed, missing or not empty (without {@code force})
     * @throws DatabaseException when the copy fails (a server target is left as it was; a file target is removed)
     */
    public static Map<String, Long> copy(String from, String to, boolean force, Consumer<String> progress) {
        if (from.strip().equals(to.strip())) {
            throw new IllegalArgumentException("--from and --to are the same store");
        }
        try (Store source = Store.open(from, false); Store target = Store.open(to, true)) {
            List<String> dataTables = new ArrayList<>(TableCopy.tables(source.data));
            List<String> auxTables = source.aux == null ? List.of()
                    : TableCopy.tables(source.aux).contains(LOGS) ? List.of(LOGS) : List.of();
            if (source.server) {
                dataTables.remove(LOGS);
            }
            if (!dataTables.contains("_collections")) {
                throw new IllegalArgumentException(from + " holds no _collections table: it is not a Coffer or "
                        + "PocketBase database");
            }
            boolean targetEmpty = TableCopy.tables(target.data).isEmpty() && TableCopy.views(target.data).isEmpty()
                    && (target.server || TableCopy.tables(target.aux).isEmpty());
            if (!targetEmpty) {
                if (!force) {
                    throw new IllegalArgumentException(to + " is not empty; pass --force to replace what it holds");
                }
                progress.accept("emptying " + target.describe());
                TableCopy.dropAll(target.data);
                if (!target.server) {
                    TableCopy.dropAll(target.aux);
                }
            }
            progress.accept("copying " + source.describe() + " to " + target.describe());
            // the source may be in use (a live SQLite data dir, a server other instances write to): each database is
            // read as of one moment, so rows written together arrive together
            Map<String, Long> counts = source.data.readConsistent(c -> {
                Map<String, Long> out = new LinkedHashMap<>(TableCopy.copy(source.data, target.data, dataTables,
                        progress));
                if (!auxTables.isEmpty()) {
                    out.putAll(source.aux == source.data
                            ? TableCopy.copy(source.aux, target.aux, auxTables, progress)
                            : source.aux.readConsistent(a -> TableCopy.copy(source.aux, target.aux, auxTables, progress)));
                }
                return out;
            });
            recreateViews(target.data, progress);
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            progress.accept("copied " + counts.size() + " tables, " + total + " rows; the counts match");
            return counts;
        }
    }

    /**
     * Writes the data and auxiliary databases of a database server as of one moment into new SQLite files,
     * {@code data.db} and {@code auxiliary.db} in {@code dir}, as PocketBase keeps them (a backup's content).
     */
    public static void export(Database data, Database aux, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DatabaseException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        try (Database dataFile = Database.openSqlite(dir.resolve("data.db"), 1);
                Database auxFile = Database.openSqlite(dir.resolve("auxiliary.db"), 1)) {
            data.readConsistent(c -> {
                List<String> tables = new ArrayList<>(TableCopy.tables(data));
                boolean logsBeside = aux == data;
                if (logsBeside) {
                    tables.remove(LOGS);
                }
                TableCopy.copy(data, dataFile, tables, line -> {});
                if (logsBeside && TableCopy.tables(data).contains(LOGS)) {
                    TableCopy.copy(data, auxFile, List.of(LOGS), line -> {});
                }
                return null;
            });
            if (aux != data && TableCopy.tables(aux).contains(LOGS)) {
                TableCopy.copy(aux, auxFile, List.of(LOGS), line -> {});
            }
            recreateViews(dataFile, line -> {});
        }
    }

    /**
     * Replaces everything the data and auxiliary databases hold with the content of a data directory's
     * {@code data.db} and {@code auxiliary.db} (a restored backup); on PostgreSQL in one transaction, so a failure
     * leaves the old content.
     */
    public static void importFrom(Path dir, Database data, Database aux) {
        try (Database dataFile = Database.openSqliteReadOnly(dir.resolve("data.db"));
                Database auxFile = Files.isRegularFile(dir.resolve("auxiliary.db"))
                        ? Database.openSqliteReadOnly(dir.resolve("auxiliary.db")) : null) {
            data.write(c -> {
                TableCopy.dropAll(data);
                if (aux != data) {
                    TableCopy.dropAll(aux);
                }
                TableCopy.copy(dataFile, data, TableCopy.tables(dataFile), line -> {});
                if (auxFile != null && TableCopy.tables(auxFile).contains(LOGS)) {
                    TableCopy.copy(auxFile, aux, List.of(LOGS), line -> {});
                }
                recreateViews(data, line -> {});
                return null;
            });
        }
    }

    /** Makes the views of the view collections, retrying those that read views not made yet. */
    private static void recreateViews(Database db, Consumer<String> progress) {
        CollectionRegistry registry = new CollectionRegistry(db);
        registry.reload();
        List<Collection> pending = new ArrayList<>(registry.all().stream().filter(Collection::isView).toList());
        SchemaSync sync = new SchemaSync(db.dialect());
        while (!pending.isEmpty()) {
            List<Collection> failed = new ArrayList<>();
            RuntimeException last = null;
            for (Collection view : pending) {
                try {
                    db.write(c -> {
                        sync.apply(SchemaChange.of(db, c), null, view);
                        return null;
                    });
                    progress.accept("view " + view.name() + " made");
                } catch (RuntimeException e) {
                    failed.add(view);
                    last = e;
                }
            }
            if (failed.size() == pending.size()) {
                throw new DatabaseException("the view query of collection " + failed.get(0).name() + " does not run on "
                        + db.dialect().name() + ": " + last.getMessage() + " (view queries are SQL of the database they "
                        + "run on: rewrite it, then copy again with --force)", last);
            }
            pending = failed;
        }
    }

    /** One side of a copy: a data directory's two SQLite files or a server's database (both roles in one). */
    private static final class Store implements AutoCloseable {
        final Database data;
        final Database aux;
        final boolean server;
        final String text;

        private Store(Database data, Database aux, boolean server, String text) {
            this.data = data;
            this.aux = aux;
            this.server = server;
            this.text = text;
        }

        static Store open(String text, boolean create) {
            if (DatabaseUrl.isUrl(text)) {
                Database db = Database.open(DatabaseUrl.parse(text), "copy", 4);
                return new Store(db, db, true, text);
            }
            Path dir = Path.of(text).toAbsolutePath().normalize();
            Path dataFile = dir.resolve("data.db");
            if (!create && !Files.isRegularFile(dataFile)) {
                throw new IllegalArgumentException("no data.db in " + dir);
            }
            if (create) {
                try {
                    Files.createDirectories(dir);
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot create " + dir + ": " + e.getMessage(), e);
                }
            }
            Path auxFile = dir.resolve("auxiliary.db");
            if (create) {
                return new Store(Database.openSqlite(dataFile, 1), Database.openSqlite(auxFile, 1), false, dir.toString());
            }
            Database data = Database.openSqliteReadOnly(dataFile);
            Database aux = Files.isRegularFile(auxFile) ? Database.openSqliteReadOnly(auxFile) : null;
            return new Store(data, aux, false, dir.toString());
        }

        String describe() {
            return server ? data.location() : text;
        }

        @Override
        public void close() {
            data.close();
            if (aux != null && aux != data) {
                aux.close();
            }
        }
    }
}
