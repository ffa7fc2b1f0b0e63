package dev.coffer.cli;

import dev.coffer.core.App;
import dev.coffer.core.AppExtension;
import dev.coffer.core.collection.Collection;
import dev.coffer.js.JsMigrationTemplates;
import dev.coffer.js.JsMigrations;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;

/**
 * {@code coffer migrate [up|down [N]|create NAME|collections|history-sync]}: PocketBase's migrate command over the
 * app's migrations (the {@code --migrationsDir} files and the system ones), with its wording and its y/N questions.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Runs migrations: up (default), down [N] (1, or every one when negative), create NAME "
                + "(a blank file), collections (a snapshot of every collection), history-sync (forgets the records of "
                + "deleted files).")
final class MigrateCommand implements Callable<Integer> {

    @ParentCommand
    Cli parent;

    @Parameters(arity = "0..*", paramLabel = "ARGS", description = "up | down [N] | create NAME | collections | "
            + "history-sync")
    List<String> args = List.of();

    private BufferedReader stdin;

    @Override
    public Integer call() throws IOException {
        String cmd = args.isEmpty() ? "up" : args.get(0);
        Path dir = parent.migrationsDir();
        try (App app = App.open(parent.appConfig(2))) {
            AppExtension.loadAll(app);
            JsMigrations.install(app, dir);
            switch (cmd) {
                case "up" -> {
                    if (parent.automigrate && app.migrations().hasDeclared()) {
                        // collections declared in code that the database doesn't match become migration files first
                        for (Path file : JsMigrations.writeDeclared(app, dir)) {
                            System.out.println("Successfully created file \"" + file + "\"");
                        }
                    }
                    List<String> applied = app.migrations().up();
                    if (applied.isEmpty()) {
                        System.out.println("No new migrations to apply.");
                    }
                    applied.forEach(f -> System.out.println("Applied " + f));
                }
                case "down" -> {
                    int n = args.size() > 1 ? parseCount(args.get(1)) : 1;
                    List<String> shown = app.migrations().toRevert(n);
                    if (!confirm("\n" + String.join("\n", shown) + "\nDo you really want to revert the last " + n
                            + " applied migration(s)?")) {
                        System.out.println("The command has been cancelled");
                        return 0;
                    }
                    List<String> reverted = app.migrations().down(n);
                    if (reverted.isEmpty()) {
                        System.out.println("No migrations to revert.");
                    }
                    reverted.forEach(f -> System.out.println("Reverted " + f));
                }
                case "create" -> {
                    if (args.size() < 2) {
                        throw new IllegalArgumentException("missing migration file name");
                    }
                    create(dir, snakeCase(args.get(1)), JsMigrationTemplates.blank());
                }
                case "collections" -> {
                    List<JsonNode> all = app.collections().all().stream()
                            .sorted(Comparator.comparing(Collection::created)).map(c -> (JsonNode) c.toJson()).toList();
                    create(dir, "collections_snapshot", JsMigrationTemplates.snapshot(all));
                }
                case "history-sync" -> {
                    app.migrations().historySync();
                    System.out.println("The _migrations table was synced with the available migrations.");
                }
                default -> throw new IllegalArgumentException("unsupported command: \"" + cmd + "\"");
            }
        }
        return 0;
    }

    private void create(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(Instant.now().getEpochSecond() + "_" + name + ".js");
        if (!confirm("Do you really want to create migration \"" + file + "\"?")) {
            System.out.println("The command has been cancelled");
            return;
        }
        Files.createDirectories(dir);
        Files.writeString(file, text);
        System.out.println("Successfully created file \"" + file + "\"");
    }

    /** Asks on stderr until y/yes or n/no (any case); an empty answer or the end of input is no. */
    private boolean confirm(String question) throws IOException {
        if (stdin == null) {
            stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        }
        while (true) {
            System.err.print(question + " (y/N) ");
            System.err.flush();
            String line = stdin.readLine();
            String answer = line == null ? "" : line.strip().toLowerCase(Locale.ROOT);
            if (answer.isEmpty() || answer.equals("n") || answer.equals("no")) {
                return false;
            }
            if (answer.equals("y") || answer.equals("yes")) {
                return true;
            }
        }
    }

    /** PocketBase's count: a number, anything else 0. */
    private static int parseCount(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A name in snake case: runs of non-word characters and underscores become one {@code _}, camelCase splits. */
    static String snakeCase(String name) {
        String split = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2");
        String joined = String.join("_", java.util.Arrays.stream(split.split("[\\W_]+"))
                .filter(p -> !p.isEmpty()).toList());
        return joined.toLowerCase(Locale.ROOT);
    }
}
