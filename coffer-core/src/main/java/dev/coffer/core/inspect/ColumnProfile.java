package dev.coffer.core.inspect;

import dev.coffer.core.field.Coerce;
import dev.coffer.tools.json.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the values of one column look like, gathered one value at a time: how many are empty, how many distinct
 * (exact over the rows seen: each value is kept as a 64-bit hash, 8 bytes a row), the range of numbers, dates and
 * text lengths, a few samples, the few values of a select-like column, and which shapes every value has.
 * {@link #type()} says which field type fits them all.
 */
final class ColumnProfile {

    /** The most distinct values a select field is proposed for. */
    static final int SELECT_MAX_VALUES = 10;
    /** The fewest non-empty values a select field is proposed for. */
    static final int SELECT_MIN_ROWS = 20;
    private static final int SAMPLES = 5;
    private static final int SAMPLE_CHARS = 100;
    private static final int SELECT_VALUE_CHARS = 100;

    private final String column;
    private long nonEmpty;
    private long[] hashes = new long[64];
    private int hashCount;
    private boolean allNumber = true;
    private boolean allInteger = true;
    private boolean allBool = true;
    private boolean allDate = true;
    private boolean allEmail = true;
    private boolean allUrl = true;
    private boolean allId = true;
    private boolean allLowerId = true;
    private boolean strings;
    private boolean jsonNumbers;
    private boolean jsonBools;
    private boolean structures;
    private boolean emptyStructures;
    private double minNumber = Double.POSITIVE_INFINITY;
    private double maxNumber = Double.NEGATIVE_INFINITY;
    private String minDate;
    private String maxDate;
    private long minLength = Long.MAX_VALUE;
    private long maxLength;
    private final List<JsonNode> samples = new ArrayList<>();
    private final Map<String, Integer> few = new LinkedHashMap<>();
    private boolean tooMany;

    ColumnProfile(String column) {
        this.column = column;
    }

    /** The column's name in the sample data. */
    String column() {
        return column;
    }

    /** Takes one value of the column (null when the row has none). */
    void add(JsonNode value) {
        if (value == null || value.isNull() || (value.isString() && value.asString().isEmpty())) {
            return;
        }
        nonEmpty++;
        if (value.isString()) {
            addText(value.asString());
            remember(value, value.asString());
        } else if (value.isNumber()) {
            jsonNumbers = true;
            number(value.asDouble(), value.isIntegralNumber() || value.asDouble() == Math.rint(value.asDouble()));
            remember(value, "n:" + value.asString());
        } else if (value.isBoolean()) {
            jsonBools = true;
            remember(value, "b:" + value.booleanValue());
        } else {
            structures = true;
            emptyStructures |= value.isEmpty();
            remember(value, "j:" + value);
        }
    }

    private void addText(String s) {
        strings = true;
        long length = s.codePointCount(0, s.length());
        minLength = Math.min(minLength, length);
        maxLength = Math.max(maxLength, length);
        if (allNumber && TextShapes.isNumber(s)) {
            number(Double.parseDouble(s), TextShapes.isInteger(s));
        } else {
            allNumber = false;
        }
        allBool &= TextShapes.bool(s) != null;
        if (allDate) {
            String date = TextShapes.date(s);
            if (date == null) {
                allDate = false;
            } else {
                minDate = minDate == null || date.compareTo(minDate) < 0 ? date : minDate;
                maxDate = maxDate == null || date.compareTo(maxDate) > 0 ? date : maxDate;
            }
        }
        allEmail = allEmail && TextShapes.isEmail(s);
        allUrl = allUrl && TextShapes.isUrl(s);
        allId = allId && TextShapes.isId(s);
        allLowerId = allLowerId && TextShapes.isLowerId(s);
        if (!tooMany) {
            if (s.length() > SELECT_VALUE_CHARS || (few.size() >= SELECT_MAX_VALUES && !few.containsKey(s))) {
                tooMany = true;
                few.clear();
            } else {
                few.merge(s, 1, Integer::sum);
            }
        }
    }

    private void number(double d, boolean integer) {
        allInteger &= integer;
        minNumber = Math.min(minNumber, d);
        maxNumber = Math.max(maxNumber, d);
    }

    private void remember(JsonNode value, String key) {
        long h = TextShapes.hash(key);
        if (hashCount == hashes.length) {
            hashes = Arrays.copyOf(hashes, hashes.length * 2);
        }
        hashes[hashCount++] = h;
        if (samples.size() < SAMPLES && samples.stream().noneMatch(value::equals)) {
            samples.add(value.isString() && value.asString().length() > SAMPLE_CHARS
                    ? JsonNodeFactory.instance.stringNode(value.asString().substring(0, SAMPLE_CHARS) + "…")
                    : value);
        }
    }

    /** How many non-empty values were seen. */
    long nonEmpty() {
        return nonEmpty;
    }

    /** How many distinct non-empty values were seen. */
    long distinct() {
        long[] sorted = Arrays.copyOf(hashes, hashCount);
        Arrays.sort(sorted);
        long n = 0;
        for (int i = 0; i < sorted.length; i++) {
            n += i == 0 || sorted[i] != sorted[i - 1] ? 1 : 0;
        }
        return n;
    }

    /** The field type the values fit: json, number, bool, date, email, url, select or text. */
    String type() {
        if (nonEmpty == 0) {
            return "text";
        }
        int kinds = (strings ? 1 : 0) + (jsonNumbers ? 1 : 0) + (jsonBools ? 1 : 0) + (structures ? 1 : 0);
        if (structures || kinds > 1) {
            return "json";
        }
        if (jsonNumbers || (allNumber && strings)) {
            return "number";
        }
        if (jsonBools || allBool) {
            return "bool";
        }
        if (allDate) {
            return "date";
        }
        if (allEmail) {
            return "email";
        }
        if (allUrl) {
            return "url";
        }
        if (!tooMany && nonEmpty >= SELECT_MIN_ROWS && few.size() * 4L <= nonEmpty) {
            return "select";
        }
        return "text";
    }

    /** Whether every number seen is whole. */
    boolean integers() {
        return allInteger;
    }

    /** Whether no JSON value seen is an empty array or object (a required json field refuses them). */
    boolean noEmptyStructures() {
        return !emptyStructures;
    }

    /** Whether every value can be a record id (letters, digits, {@code _}, {@code -}); {@code lower}: a-z0-9 only. */
    boolean ids(boolean lower) {
        return strings && !jsonNumbers && !jsonBools && !structures && (lower ? allLowerId : allId);
    }

    /** The shortest and longest text seen, in characters (0 and 0 when none). */
    long minLength() {
        return minLength == Long.MAX_VALUE ? 0 : minLength;
    }

    long maxLength() {
        return maxLength;
    }

    /** The select values, sorted. */
    List<String> selectValues() {
        return few.keySet().stream().sorted().toList();
    }

    /** The profile as the API answers it, for {@code rows} rows examined. */
    ObjectNode toJson(long rows, String type) {
        ObjectNode out = Json.object();
        out.put("count", rows);
        out.put("empty", rows - nonEmpty);
        out.put("distinct", distinct());
        switch (type) {
            case "number" -> {
                out.set("min", nonEmpty == 0 ? null : Coerce.numberNode(minNumber));
                out.set("max", nonEmpty == 0 ? null : Coerce.numberNode(maxNumber));
            }
            case "date" -> {
                out.put("min", minDate);
                out.put("max", maxDate);
            }
            default -> { }
        }
        if (strings) {
            out.put("minLength", minLength());
            out.put("maxLength", maxLength);
        }
        ArrayNode sample = out.putArray("samples");
        samples.forEach(sample::add);
        out.put("type", type);
        return out;
    }
}
