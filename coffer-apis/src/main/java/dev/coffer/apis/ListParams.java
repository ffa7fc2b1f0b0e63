package dev.coffer.apis;

import dev.coffer.tools.json.Json;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The paging parameters of a list endpoint, read as PocketBase reads them: {@code page} (default 1, values
 * below 1 become 1), {@code perPage} (default 30, values below 1 become 30, capped at 1000) and
 * {@code skipTotal} (Go's boolean spellings). A value that doesn't parse is a 400.
 */
record ListParams(long page, int perPage, boolean skipTotal) {

    static final int DEFAULT_PER_PAGE = 30;
    static final int MAX_PER_PAGE = 1000;
    private static final Pattern ATOI = Pattern.compile("[+-]?[0-9]+");

    /** The parameters of the request. */
    static ListParams of(RequestEvent e) {
        boolean skipTotal = parseBool(e.query("skipTotal"));
        long page = parseLong(e.query("page"), 1);
        long perPage = parseLong(e.query("perPage"), DEFAULT_PER_PAGE);
        return new ListParams(page <= 0 ? 1 : page,
                perPage <= 0 ? DEFAULT_PER_PAGE : (int) Math.min(perPage, MAX_PER_PAGE), skipTotal);
    }

    /**
     * The one paged-list answer: {@code {items, page, perPage, totalItems, totalPages}}, keys in PocketBase's order.
     */
    static ObjectNode result(long page, int perPage, long totalItems, long totalPages, ArrayNode items) {
        ObjectNode out = Json.object();
        out.set("items", items);
        out.put("page", page);
        out.put("perPage", perPage);
        out.put("totalItems", totalItems);
        out.put("totalPages", totalPages);
        return out;
    }

    /** The paged-list answer for these parameters: -1 for both totals when the total was not counted. */
    ObjectNode result(long totalItems, ArrayNode items) {
        return result(page, perPage, totalItems, totalItems < 0 ? -1 : totalPages(totalItems), items);
    }

    /** The number of pages for a total, rounded up. */
    long totalPages(long totalItems) {
        return (totalItems + perPage - 1) / perPage;
    }

    /**
     * A 64-bit integer, as Go's {@code strconv.Atoi} reads {@code page} and {@code perPage}: an optional sign
     * and ASCII digits only (Java's parser would also take other scripts' digits, such as {@code ١}).
     */
    static long parseLong(String raw, long fallback) {
        if (raw.isEmpty()) {
            return fallback;
        }
        if (!ATOI.matcher(raw).matches()) {
            throw ApiError.badRequest("");
        }
        try {
            return Long.parseLong(raw.startsWith("+") ? raw.substring(1) : raw);
        } catch (NumberFormatException ex) {
            throw ApiError.badRequest("");
        }
    }

    private static boolean parseBool(String raw) {
        return switch (raw) {
            case "" -> false;
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw ApiError.badRequest("");
        };
    }
}
