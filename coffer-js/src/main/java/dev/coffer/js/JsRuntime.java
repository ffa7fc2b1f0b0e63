package dev.coffer.js;

import dev.coffer.core.App;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;

/**
 * The embedded JavaScript engine (GraalJS): one shared {@link Engine} (compiled code is kept across contexts) and a
 * context per use with PocketBase's globals: {@code std.js} ({@code $security}, {@code $http}, {@code $os},
 * {@code $filepath}, {@code toString}, … over {@link JsStdHost}) and {@code prelude.js} ({@code $app}, models, over
 * {@link JsAppHost}). Scripts reach Java only through those host objects (files, HTTP and the environment through
 * {@code JsStdHost}, as PocketBase's scripts may); the engine itself gets no host class or file access.
 */
public final class JsRuntime {

    private JsRuntime() {}

    // made on first use, so that listing script files or finding none never starts the engine
    private static final class Shared {
        static final Source STD = resource("std.js");
        static final Source PRELUDE = resource("prelude.js");
        static final Source REQUIRE = resource("require.js");
        static final JsTemplates TEMPLATES = new JsTemplates();
        static final Engine ENGINE = Engine.newBuilder("js")
                .option("engine.WarnInterpreterOnly", "false")
                .build();
    }

    /** A new context with the globals bound to {@code app}. */
    public static Context newContext(App app) {
        Context context = Context.newBuilder("js")
                .engine(Shared.ENGINE)
                .allowHostAccess(HostAccess.EXPLICIT)
                .option("js.ecmascript-version", "2022")
                .build();
        context.getBindings("js").putMember("__cofferStd", new JsStdHost());
        context.eval(Shared.STD);
        context.getBindings("js").putMember("__cofferHost", new JsAppHost(app));
        context.eval(Shared.PRELUDE);
        return context;
    }

    /**
     * A context for {@code pb_hooks}: the globals of {@link #newContext(App)} plus {@code __hooks} (the folder's
     * absolute path) and {@code require()} of CommonJS modules.
     */
    public static Context newHooksContext(App app, java.nio.file.Path hooksDir) {
        Context context = newContext(app);
        context.getBindings("js").putMember("__hooks", hooksDir.toAbsolutePath().normalize().toString());
        context.getBindings("js").putMember("__cofferTemplates", Shared.TEMPLATES);
        context.eval(Shared.REQUIRE);
        return context;
    }

    /** A script error as one line: the message, and where it happened ({@code file:line}) when known. */
    public static String describe(PolyglotException e) {
        SourceSection at = e.getSourceLocation();
        // one line: a syntax error's message goes on with the source line and a caret under it
        String message = e.getMessage() == null ? "script error" : e.getMessage().lines().findFirst().orElse("").strip();
        if (e.isSyntaxError()) {
            return message; // it names the file, line and column itself
        }
        return at == null || at.getSource() == null ? message
                : message + " (" + at.getSource().getName() + ":" + at.getStartLine() + ")";
    }

    /** The files of a folder whose names end with {@code suffix}, in name order (none when the folder is missing). */
    static java.util.List<java.nio.file.Path> scripts(java.nio.file.Path dir, String suffix) {
        if (!java.nio.file.Files.isDirectory(dir)) {
            return java.util.List.of();
        }
        try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix) && java.nio.file.Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** A script of this package's resources. */
    static Source resource(String name) {
        try (InputStream in = JsRuntime.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return Source.newBuilder("js", new String(in.readAllBytes(), StandardCharsets.UTF_8), name).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
