package dev.coffer.tools.search;

/**
 * A filter or sort expression that cannot be parsed or turned into SQL, unchecked. The message names the
 * problem and at most a short excerpt of the input, so it is safe to log; API layers answer with their own
 * generic message instead of echoing it.
 */
public class FilterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private static final int EXCERPT_LIMIT = 40;

    /** Creates an exception with a message. */
    public FilterException(String message) {
        super(message);
    }

    /** Creates an exception with a message and the failure that caused it. */
    public FilterException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Quotes a piece of user input for a message: double-quoted, control characters escaped and cut to a
     * short excerpt.
     */
    static String excerpt(String text) {
        StringBuilder out = new StringBuilder("\"");
        int limit = Math.min(text.length(), EXCERPT_LIMIT);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (text.length() > limit) {
            out.append("...");
        }
        return out.append('"').toString();
    }
}
