package dev.coffer.tools.types;

/** Describing a failure in one line for a message that a person reads. */
public final class Failures {

    private Failures() {}

    /**
     * The message of the innermost cause (its class name when it has none), on one line: what failed at the bottom
     * of a chain of wrappers (a refused connection, an unknown host, a syntax error).
     */
    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.replaceAll("\\s+", " ").trim();
    }
}
