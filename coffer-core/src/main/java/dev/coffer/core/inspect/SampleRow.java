package dev.coffer.core.inspect;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One row of sample data.
 *
 * @param number the row's number among the data rows, from 1 (the CSV header row is not counted)
 * @param values the values by column name (CSV: strings; JSON: the object's values), absent columns left out
 * @param problem why the row can't be used as it is ({@code "row 7 has 5 values, the header has 4 columns"}), or
 *     null for a sound row
 */
public record SampleRow(long number, Map<String, JsonNode> values, String problem) {}
