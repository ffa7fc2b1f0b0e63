package dev.coffer.js;

import dev.coffer.tools.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.HostAccess;

/**
 * {@code $template} of the hooks: Go-template views ({@link GoTemplate}) loaded from files or strings and rendered
 * with data from the script. Parsed templates are kept, by file names and modification times (an edited view is
 * parsed again) or by text.
 */
public final class JsTemplates {

    private static final int MAX_CACHED = 256;

    private final Map<String, GoTemplate> cache = new ConcurrentHashMap<>();

    /** Renders the files (the first one is the main template; the others define blocks) with the data. */
    @HostAccess.Export
    public String renderFiles(String pathsJson, String dataJson) {
        List<GoTemplate.Source> sources = new ArrayList<>();
        StringBuilder key = new StringBuilder("files");
        List<Path> paths = new ArrayList<>();
        Json.parse(pathsJson).forEach(p -> paths.add(Path.of(p.asString())));
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("loadFiles: no template file given");
        }
        try {
            for (Path p : paths) {
                key.append('\u0000').append(p).append('@').append(Files.getLastModifiedTime(p).toMillis());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("open " + e.getMessage() + ": no such file or directory", e);
        }
        GoTemplate t = cached(key.toString(), () -> {
            for (Path p : paths) {
                try {
                    sources.add(new GoTemplate.Source(p.getFileName().toString(), Files.readString(p)));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + p, e);
                }
            }
            return GoTemplate.parse(sources);
        });
        return t.render(Json.parse(dataJson));
    }

    /** Renders templates given as text (the first one is the main template). */
    @HostAccess.Export
    public String renderStrings(String textsJson, String dataJson) {
        List<GoTemplate.Source> sources = new ArrayList<>();
        int i = 0;
        for (var t : Json.parse(textsJson)) {
            sources.add(new GoTemplate.Source(i++ == 0 ? "" : "string" + i, t.asString()));
        }
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("loadString: no template given");
        }
        GoTemplate t = cached("strings\u0000" + textsJson, () -> GoTemplate.parse(sources));
        return t.render(Json.parse(dataJson));
    }

    private GoTemplate cached(String key, java.util.function.Supplier<GoTemplate> parse) {
        GoTemplate t = cache.get(key);
        if (t == null) {
            t = parse.get();
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cache.put(key, t);
        }
        return t;
    }
}
