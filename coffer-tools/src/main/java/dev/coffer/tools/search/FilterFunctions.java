package dev.coffer.tools.search;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** An immutable registry of the functions a filter may call, by name (case-sensitive). */
public final class FilterFunctions {

    /** PocketBase's functions: {@code geoDistance} and {@code strftime}. */
    public static final FilterFunctions DEFAULT = new FilterFunctions(Map.of(
            "geoDistance", new GeoDistanceFunction(),
            "strftime", new StrftimeFunction()));

    private final Map<String, FilterFunction> functions;

    private FilterFunctions(Map<String, FilterFunction> functions) {
        this.functions = Map.copyOf(functions);
    }

    /** A registry with one more function (or another one under an existing name). */
    public FilterFunctions with(String name, FilterFunction function) {
        Map<String, FilterFunction> copy = new HashMap<>(functions);
        copy.put(name, function);
        return new FilterFunctions(copy);
    }

    /** The function registered under a name. */
    public Optional<FilterFunction> get(String name) {
        return Optional.ofNullable(functions.get(name));
    }
}
