package dev.coffer.core.schema;

import dev.coffer.tools.db.IndexDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A loose reading of a view's SELECT: its result columns (expression and alias) and the tables of its FROM
 * and JOIN clauses, enough to trace a view column back to a collection field. Not a full SQL parser.
 */
final class ViewQueryParser {

    /** A column or table as written ({@code original}) and the name it goes by ({@code alias}). */
    record Identifier(String original, String alias) {}

    /** The result columns and the source tables (FROM first, then JOINs) of a query. */
    record Parsed(List<Identifier> columns, List<Identifier> tables) {}

    private static final Pattern COMMENTS = Pattern.compile("(/\\*[\\s\\S]*?\\*/)|(--.+$)", Pattern.MULTILINE);
    private static final Pattern JOINS = Pattern.compile("\\s+(full\\s+outer\\s+join|left\\s+outer\\s+join"
            + "|right\\s+outer\\s+join|full\\s+join|cross\\s+join|inner\\s+join|outer\\s+join|left\\s+join"
            + "|right\\s+join|join)\\s+?", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
    private static final Pattern DISCARDED = Pattern.compile("\\s+(where|group\\s+by|having|order|limit|with)\\s+?",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
    private static final String JOIN = "__coffer_join__";
    private static final String DISCARD = "__coffer_discard__";

    private ViewQueryParser() {}

    /** Trims a query and its surrounding semicolons, refusing several statements. */
    static String normalize(String query) throws ViewQueryException {
        String trimmed = strip(query == null ? "" : query.strip(), ";");
        if (IndexDefinition.split(trimmed, ';').size() > 1) {
            throw new ViewQueryException("multiple statements are not supported");
        }
        return trimmed;
    }

    /** Reads the columns and tables of a SELECT. */
    static Parsed parse(String query) throws ViewQueryException {
        String text = strip(query.strip(), ";");
        text = COMMENTS.matcher(text).replaceAll(" ");
        text = JOINS.matcher(text).replaceAll(" " + JOIN + " ");
        text = DISCARDED.matcher(text).replaceAll(" " + DISCARD + " ");

        StringBuilder select = new StringBuilder();
        StringBuilder from = new StringBuilder();
        StringBuilder joins = new StringBuilder();
        StringBuilder active = null;
        String part = "";
        boolean skip = false;
        for (String token : tokens(text)) {
            String word = token.strip().toLowerCase(Locale.ROOT);
            switch (word) {
                case "select" -> {
                    skip = false;
                    part = "select";
                    active = select;
                }
                case "distinct" -> { }
                case "from" -> {
                    skip = false;
                    part = "from";
                    active = from;
                }
                case JOIN -> {
                    skip = false;
                    if (part.equals("join")) {
                        joins.append(',');
                    }
                    part = "join";
                    active = joins;
                }
                case DISCARD -> skip = true;
                default -> {
                    if (part.equals("join") && word.equals("on")) {
                        skip = true;
                    }
                    if (!skip && active != null) {
                        active.append(' ').append(token);
                    }
                }
            }
        }
        List<Identifier> tables = new ArrayList<>(identifiers(from.toString()));
        tables.addAll(identifiers(joins.toString()));
        return new Parsed(identifiers(select.toString()), List.copyOf(tables));
    }

    /** Splits on whitespace and commas outside parentheses and quotes, each token keeping its separator. */
    private static List<String> tokens(String text) throws ViewQueryException {
        List<String> out = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        int depth = 0;
        char quote = 0;
        char previous = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (previous != '\\') {
                if (ch == '(' && quote == 0) {
                    depth++;
                } else if (ch == ')' && depth > 0 && quote == 0) {
                    depth--;
                } else if (ch == '\'' || ch == '"' || ch == '`') {
                    quote = quote == ch ? 0 : quote == 0 ? ch : quote;
                }
            }
            token.append(ch);
            previous = ch;
            if ((ch == ',' || ch == ' ' || ch == '\n' || ch == '\t') && depth == 0 && quote == 0) {
                out.add(token.toString());
                token.setLength(0);
                previous = 0;
            }
        }
        if (depth > 0 || quote != 0) {
            throw new ViewQueryException("unbalanced parenthesis or quoted expression: " + token);
        }
        if (!token.isEmpty()) {
            out.add(token.toString());
        }
        return out;
    }

    private static List<Identifier> identifiers(String expression) throws ViewQueryException {
        List<Identifier> out = new ArrayList<>();
        for (String raw : IndexDefinition.split(expression, ',')) {
            List<String> parts = IndexDefinition.split(raw.replace('\n', ' ').replace('\t', ' '), ' ');
            out.add(identifier(parts));
        }
        return out;
    }

    private static Identifier identifier(List<String> parts) throws ViewQueryException {
        String original;
        String alias;
        switch (parts.size()) {
            case 3 -> {
                if (!parts.get(1).equalsIgnoreCase("as")) {
                    throw new ViewQueryException("invalid identifier part - expected \"as\", got " + parts.get(1));
                }
                original = parts.get(0);
                alias = parts.get(2);
            }
            case 2 -> {
                original = parts.get(0);
                alias = parts.get(1);
            }
            case 1 -> {
                original = parts.get(0);
                String[] dotted = original.split("\\.");
                alias = dotted.length == 0 ? original : dotted[dotted.length - 1];
            }
            default -> throw new ViewQueryException("invalid identifier parts " + parts);
        }
        return new Identifier(unquote(original, "`\"[];"), unquote(alias, "`\"[];'"));
    }

    /** Strips the quote characters around each dot-separated part of an identifier. */
    private static String unquote(String identifier, String quotes) {
        String[] parts = identifier.split("\\.", -1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = strip(parts[i], quotes);
        }
        return String.join(".", parts);
    }

    private static String strip(String s, String cutset) {
        int start = 0;
        int end = s.length();
        while (start < end && cutset.indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && cutset.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(start, end);
    }
}
