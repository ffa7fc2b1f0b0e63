package dev.coffer.cli;

import dev.coffer.core.App;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.collection.CollectionException;
import dev.coffer.core.collection.CollectionService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code coffer events replay --collection NAME}: rebuilds an events-mode collection's table from its event log. */
@Command(name = "events", mixinStandardHelpOptions = true, description = "Works with the event log of collections "
        + "in events mode.", subcommands = {EventsCommand.Replay.class})
final class EventsCommand implements Runnable {

    @ParentCommand
    Cli parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Empties the table and applies every event again, in one transaction. */
    @Command(name = "replay", mixinStandardHelpOptions = true, description = "Rebuilds the table of a collection in "
            + "events mode from its event log (made anew if it was dropped), in one transaction; no hook runs and no "
            + "event is added.")
    static final class Replay implements Callable<Integer> {
        @ParentCommand
        EventsCommand events;

        @Option(names = "--collection", required = true, paramLabel = "NAME", description = "The collection's name or id.")
        String collection;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (App app = App.open(events.parent.appConfig(1))) {
                Collection c = app.collections().find(collection)
                        .orElseThrow(() -> new CollectionException("no collection " + collection));
                long started = System.nanoTime();
                int applied = new CollectionService(app).replayEvents(c);
                spec.commandLine().getOut().printf("Replayed %d events into %s in %d ms%n", applied, c.name(),
                        (System.nanoTime() - started) / 1_000_000);
                spec.commandLine().getOut().flush();
            }
            return 0;
        }
    }
}
