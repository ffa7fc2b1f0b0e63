package dev.coffer.cli;

import dev.coffer.core.App;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.typegen.JavaRecordTypes;
import dev.coffer.core.typegen.TypeScriptTypes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code coffer typegen --lang=ts|java --out=DIR [--package=NAME]}: writes typed client code for the collections of
 * the data directory: {@code coffer-types.ts} for the PocketBase JS SDK, or a Java record per collection.
 */
@Command(name = "typegen", mixinStandardHelpOptions = true, description = "Writes types of the collections for "
        + "clients: TypeScript for the PocketBase JS SDK (coffer-types.ts), or Java records (one file per collection).")
final class TypegenCommand implements Callable<Integer> {

    /** The languages. */
    enum Lang { ts, java }

    @ParentCommand
    Cli parent;

    @Option(names = "--lang", required = true, paramLabel = "ts|java", description = "The language: ts or java.")
    Lang lang;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to write into "
            + "(created when missing; for Java, the package's folders are made inside it).")
    Path out;

    @Option(names = "--package", paramLabel = "NAME", defaultValue = "coffer.records",
            description = "The Java package of the records (default: ${DEFAULT-VALUE}).")
    String packageName;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<Collection> collections;
        try (App app = App.open(parent.appConfig(1))) {
            collections = app.collections().all();
        }
        PrintWriter console = spec.commandLine().getOut();
        if (lang == Lang.ts) {
            Path file = write(out, TypeScriptTypes.FILE_NAME, TypeScriptTypes.generate(collections));
            console.printf("Wrote the types of %d collections to %s%n", collections.size(), file);
        } else {
            Map<String, String> sources = JavaRecordTypes.generate(collections, packageName);
            Path dir = packageName.isEmpty() ? out : out.resolve(packageName.replace('.', '/'));
            sources.forEach((name, source) -> write(dir, name, source));
            console.printf("Wrote %d Java records to %s%n", sources.size(), dir);
        }
        console.flush();
        return 0;
    }

    private static Path write(Path dir, String name, String text) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + dir.resolve(name) + ": " + e.getMessage(), e);
        }
    }
}
