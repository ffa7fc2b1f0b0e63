package dev.coffer.cli;

import dev.coffer.CofferConfig;
import dev.coffer.core.AppConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code coffer} command line, with PocketBase's command and flag names: {@code serve},
 * {@code superuser}, {@code --dir}, {@code --dev}, {@code --http}.
 */
@Command(name = "coffer", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Coffer: a PocketBase-compatible backend in one jar.",
        subcommands = {ServeCommand.class, SuperuserCommand.class, DbCommand.class, EventsCommand.class,
                TrainCommand.class, ImportCommand.class, TypegenCommand.class, MigrateCommand.class,
                CommandLine.HelpCommand.class})
public final class Cli implements Runnable {

    @Option(names = "--dir", scope = ScopeType.INHERIT, paramLabel = "PATH",
            description = "The data directory (default: ${DEFAULT-VALUE}).", defaultValue = "coffer_data")
    String dir;

    @Option(names = "--dev", scope = ScopeType.INHERIT,
            description = "Development mode: verbose logging.")
    boolean dev;

    @Option(names = "--encryptionEnv", scope = ScopeType.INHERIT, paramLabel = "VAR", defaultValue = "",
            description = "The environment variable whose value (32 characters) encrypts the stored settings "
                    + "(default: none).")
    String encryptionEnv;

    @Option(names = "--publicDir", scope = ScopeType.INHERIT, paramLabel = "PATH",
            description = "The directory to serve static files from (default: pb_public beside the data directory).")
    String publicDir;

    @Option(names = "--indexFallback", scope = ScopeType.INHERIT, arity = "0..1", defaultValue = "true",
            fallbackValue = "true", paramLabel = "BOOL",
            description = "Serve the public directory's index.html for missing files, for single-page apps "
                    + "(default: ${DEFAULT-VALUE}).")
    boolean indexFallback;

    @Option(names = "--queryTimeout", scope = ScopeType.INHERIT, paramLabel = "SECONDS", defaultValue = "30",
            description = "How long a database read may run before it is interrupted, in seconds; 0 or less "
                    + "means the default (default: ${DEFAULT-VALUE}).")
    int queryTimeout;

    @Option(names = "--db", scope = ScopeType.INHERIT, paramLabel = "URL", defaultValue = "${env:COFFER_DB}",
            description = "Keep the data on this database server instead of SQLite files in --dir: "
                    + "postgres://user:pass@host:5432/db or mysql://user:pass@host:3306/db (default: $COFFER_DB, "
                    + "else SQLite).")
    String db;

    @Option(names = "--bus", scope = ScopeType.INHERIT, paramLabel = "URL", defaultValue = "${env:COFFER_BUS}",
            description = "Where instances sharing the database exchange messages: redis://host:6379 or "
                    + "nats://host:4222 (default: $COFFER_BUS, else the database: PostgreSQL's LISTEN/NOTIFY).")
    String bus;

    @Option(names = "--migrationsDir", scope = ScopeType.INHERIT, paramLabel = "PATH",
            description = "The folder of JavaScript migrations (default: pb_migrations beside the data directory).")
    String migrationsDir;

    @Option(names = "--hooksDir", scope = ScopeType.INHERIT, paramLabel = "PATH",
            description = "The folder of JavaScript hooks, *.pb.js files (default: pb_hooks beside the data "
                    + "directory).")
    String hooksDir;

    @Option(names = "--automigrate", scope = ScopeType.INHERIT, arity = "0..1", defaultValue = "true",
            fallbackValue = "true", paramLabel = "BOOL",
            description = "Write a migration file to the migrations folder for each collection change made through "
                    + "the API or the dashboard (default: ${DEFAULT-VALUE}).")
    boolean automigrate;

    @Option(names = "--hooksWatch", scope = ScopeType.INHERIT, arity = "0..1", defaultValue = "true",
            fallbackValue = "true", paramLabel = "BOOL",
            description = "Reload the hooks when a file of the hooks folder changes (default: ${DEFAULT-VALUE}).")
    boolean hooksWatch;

    @Option(names = "--hooksPool", scope = ScopeType.INHERIT, paramLabel = "N", defaultValue = "15",
            description = "How many JavaScript engines are kept to run hooks (default: ${DEFAULT-VALUE}); more are "
                    + "made for a moment when more handlers run at once.")
    int hooksPool;

    /** The hooks folder: --hooksDir, or pb_hooks beside the data directory. */
    Path hooksDir() {
        return besideDataDir(hooksDir, "pb_hooks");
    }

    /** The migrations folder: --migrationsDir, or pb_migrations beside the data directory. */
    Path migrationsDir() {
        return besideDataDir(migrationsDir, "pb_migrations");
    }

    /** The app config the commands open the data directory with: --dir, --dev, --encryptionEnv, --queryTimeout, --db. */
    AppConfig appConfig(int readers) {
        String key = encryptionEnv.isEmpty() ? null : System.getenv(encryptionEnv);
        return new AppConfig(Path.of(dir), dev, readers).withEncryption(encryptionEnv, key == null ? "" : key)
                .withQueryTimeout(queryTimeout()).withDatabase(database());
    }

    /** --db (or COFFER_DB), {@code ""} for SQLite. */
    String database() {
        return db == null ? "" : db.strip();
    }

    /** --bus (or COFFER_BUS), {@code ""} for the database. */
    String bus() {
        return bus == null ? "" : bus.strip();
    }

    /** --queryTimeout as a duration: PocketBase takes 0 or less as its default of 30 seconds. */
    Duration queryTimeout() {
        return queryTimeout <= 0 ? CofferConfig.DEFAULT_QUERY_TIMEOUT : Duration.ofSeconds(queryTimeout);
    }

    /** The folder a flag names, or else the folder of that name beside the data directory (PocketBase's default). */
    private Path besideDataDir(String flag, String name) {
        return flag != null ? Path.of(flag) : Path.of(dir).toAbsolutePath().normalize().resolveSibling(name);
    }

    /** The public directory: --publicDir, or pb_public beside the data directory. */
    Path publicDir() {
        return besideDataDir(publicDir, "pb_public");
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the CLI and returns the exit code. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Cli());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            err.println("Error: " + (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()));
            err.flush();
            return 1;
        });
        return cl.execute(args);
    }

    /** Entry point of the runnable jar. */
    public static void main(String[] args) {
        int code = run(args);
        if (code != 0 || args.length == 0 || !isServe(args)) {
            System.exit(code);
        }
    }

    private static boolean isServe(String[] args) {
        for (String a : args) {
            if (a.equals("serve")) {
                return true;
            }
        }
        return false;
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Cli.class.getPackage().getImplementationVersion();
            return new String[] {"coffer " + (v == null ? "dev" : v)};
        }
    }
}
