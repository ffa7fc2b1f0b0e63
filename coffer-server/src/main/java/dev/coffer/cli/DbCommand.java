package dev.coffer.cli;

import dev.coffer.core.DataCopy;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code coffer db copy --from=SRC --to=DST [--force]}: moves the data between SQLite files and database servers. */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Moves the data between data directories and "
        + "database servers.", subcommands = {DbCommand.Copy.class})
final class DbCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Copies every table, index and row; the target must be empty unless --force. */
    @Command(name = "copy", mixinStandardHelpOptions = true,
            description = "Copies the whole database (collections, records, settings, logs) from SRC to DST, each a "
                    + "data directory or a postgres:// or mysql:// URL, and checks the row counts. Uploaded files "
                    + "stay in the data directory's storage/.")
    static final class Copy implements Callable<Integer> {
        @Option(names = "--from", required = true, paramLabel = "SRC", description = "A data directory or database URL.")
        String from;

        @Option(names = "--to", required = true, paramLabel = "DST", description = "A data directory or database URL.")
        String to;

        @Option(names = "--force", description = "Replace what DST holds instead of refusing a non-empty target.")
        boolean force;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            DataCopy.copy(from, to, force, line -> {
                out.println(line);
                out.flush();
            });
            return 0;
        }
    }
}
