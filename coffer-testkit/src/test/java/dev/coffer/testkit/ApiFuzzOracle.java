package dev.coffer.testkit;

import dev.coffer.testkit.ApiFuzzSchema.Coll;
import dev.coffer.tools.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Decides what each fuzz identity may see and checks every answer against it.
 *
 * <p>The baseline ("who may see what") comes from the rules themselves, evaluated as the superuser: for each
 * collection and identity, the list (view) rule with every {@code @request.auth.<field>} replaced by the
 * identity's own value ({@code null} for a guest) is sent as a superuser's {@code ?filter=}, all pages, and the
 * ids it returns are the records the identity may list (view). A {@code null} rule means superusers only; an
 * empty rule, every record. The email of an auth record may show when its {@code emailVisibility} is on, when
 * the requester is that record, or when the requester satisfies the collection's manage rule (evaluated the
 * same way) — PocketBase's rule for emails. {@link ApiFuzzTest} also checks that Coffer's own unfiltered list
 * (all pages) and view answers agree with this baseline, so a wrong rule evaluation shows up there, and a
 * filter, sort, expand or fields parameter that widens what an identity sees shows up in the fuzz.
 */
final class ApiFuzzOracle {

    /** Who sends a request: a guest (no token), an auth record, or a superuser. */
    record Identity(String name, String token, Coll authCollection, JsonNode authRecord, boolean superuser) {

        String authId() {
            return authRecord == null ? null : authRecord.path("id").asString();
        }
    }

    /**
     * What one identity may see of one collection: the ids it may list and view ({@code null} when the rule is
     * superusers-only) and the auth records whose email it may see.
     */
    record Access(Set<String> listable, Set<String> viewable, Set<String> emailVisible) {}

    private static final Pattern AUTH_FIELD =
            Pattern.compile("@request\\.auth\\.([A-Za-z0-9_]+)([.:][A-Za-z0-9_.:]+)?");

    private final ApiFuzzSchema schema;
    private final Map<String, Map<String, Access>> access = new HashMap<>();
    private int recordsChecked;
    private int expandedChecked;

    /**
     * Computes the baseline for every identity and collection.
     *
     * @param superuserIds runs a superuser filter on a collection (all pages) and returns the matching ids
     */
    ApiFuzzOracle(ApiFuzzSchema schema, List<Identity> identities, RuleRunner superuserIds) {
        this.schema = schema;
        for (Identity who : identities) {
            Map<String, Access> perCollection = new HashMap<>();
            for (Coll c : schema.collections()) {
                perCollection.put(c.name(), who.superuser() ? everything(c) : baseline(c, who, superuserIds));
            }
            access.put(who.name(), perCollection);
        }
    }

    /** Runs a filter as the superuser over a whole collection and returns the ids of the matching records. */
    @FunctionalInterface
    interface RuleRunner {
        Set<String> ids(Coll collection, String filter);
    }

    private static Access everything(Coll c) {
        Set<String> all = Set.copyOf(c.records().keySet());
        return new Access(all, all, all);
    }

    private Access baseline(Coll c, Identity who, RuleRunner runner) {
        Function<String, Set<String>> eval = rule -> {
            if (rule == null) {
                return null;
            }
            if (rule.isBlank()) {
                return Set.copyOf(c.records().keySet());
            }
            return Set.copyOf(runner.ids(c, substitute(rule, who)));
        };
        Set<String> emails = Set.of();
        if (c.isAuth()) {
            Set<String> visible = new HashSet<>();
            c.records().forEach((id, r) -> {
                if (r.path("emailVisibility").asBoolean() || id.equals(who.authId())) {
                    visible.add(id);
                }
            });
            if (c.manageRule() != null && !c.manageRule().isBlank()) {
                visible.addAll(eval.apply(c.manageRule()));
            }
            emails = Set.copyOf(visible);
        }
        return new Access(eval.apply(c.listRule()), eval.apply(c.viewRule()), emails);
    }

    /**
     * The rule with each {@code @request.auth.<field>} replaced by the identity's value as a filter literal;
     * fails for any other {@code @request.*} (the baseline could not evaluate it faithfully).
     */
    static String substitute(String rule, Identity who) {
        Matcher m = AUTH_FIELD.matcher(rule);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            if (m.group(2) != null) {
                throw new IllegalStateException("the baseline can't evaluate a nested or modified auth field: " + rule);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(authValue(who, m.group(1))));
        }
        m.appendTail(out);
        String result = out.toString();
        if (result.contains("@request.")) {
            throw new IllegalStateException("the baseline can't evaluate @request.* other than auth fields: " + rule);
        }
        return result;
    }

    private static String authValue(Identity who, String field) {
        if (who.authRecord() == null) {
            return "null";
        }
        JsonNode v = switch (field) {
            case "collectionId" -> Json.MAPPER.getNodeFactory().stringNode(who.authCollection().id());
            case "collectionName" -> Json.MAPPER.getNodeFactory().stringNode(who.authCollection().name());
            default -> who.authRecord().get(field);
        };
        if (v == null || v.isNull()) {
            return "null";
        }
        if (v.isBoolean() || v.isNumber()) {
            return v.toString();
        }
        if (!v.isString()) {
            throw new IllegalStateException("the baseline can't write @request.auth." + field + " as a literal: " + v);
        }
        return "'" + v.asString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** How many records {@link #checkRecord} has checked, expanded ones included. */
    int recordsChecked() {
        return recordsChecked;
    }

    /** How many of those were expanded records. */
    int expandedChecked() {
        return expandedChecked;
    }

    /** What {@code who} may see of {@code c}. */
    Access access(Identity who, Coll c) {
        return access.get(who.name()).get(c.name());
    }

    // --- checking answers -----------------------------------------------------------------------------------

    /**
     * The statuses PocketBase may answer {@code req} from {@code who} with: 404 for an unknown collection; for a
     * non-superuser, 403 for a superusers-only rule and for a list whose filter or sort names {@code @collection.}
     * or {@code @request.}; a view of a record the identity may not view is 404; else 200, or 400 for a bad
     * filter, sort, paging or fields value.
     */
    Set<Integer> expectedStatuses(Identity who, ApiFuzzRequests.Request req) {
        Optional<Coll> found = schema.fromPath(req.collection());
        if (found.isEmpty()) {
            return Set.of(404);
        }
        Coll c = found.get();
        if (req.isList()) {
            if (!who.superuser()) {
                if (c.listRule() == null) {
                    return Set.of(403);
                }
                for (String param : List.of("filter", "sort")) {
                    String v = req.param(param);
                    if (v.contains("@collection.") || v.contains("@request.")) {
                        return Set.of(403);
                    }
                }
            }
            return Set.of(200, 400);
        }
        if (!who.superuser() && c.viewRule() == null) {
            return Set.of(403);
        }
        if (!access(who, c).viewable().contains(req.id())) {
            return Set.of(404);
        }
        return req.param("fields").isEmpty() ? Set.of(200) : Set.of(200, 400);
    }

    /** Checks an answer's status, its error shape or its records; returns the problems found. */
    List<String> checkAnswer(Identity who, ApiFuzzRequests.Request req, int status, String body) {
        List<String> problems = new ArrayList<>();
        if (status >= 500) {
            problems.add("server error " + status);
        }
        Set<Integer> expected = expectedStatuses(who, req);
        if (!expected.contains(status)) {
            problems.add("status " + status + ", expected one of " + new TreeSet<>(expected));
        }
        JsonNode json;
        try {
            json = Json.parse(body);
        } catch (RuntimeException e) {
            problems.add("the answer is not JSON");
            return problems;
        }
        if (status >= 400) {
            problems.addAll(checkErrorShape(status, json));
        } else if (status == 200 && schema.fromPath(req.collection()).isPresent()) {
            // checked even when 200 was not expected: records in such an answer are leaks too
            Coll c = schema.fromPath(req.collection()).orElseThrow();
            problems.addAll(req.isList() ? checkList(who, c, req, json) : checkView(who, c, req, json));
        }
        return problems;
    }

    /** PocketBase's error body: exactly {@code data} (an object), {@code message} and {@code status}. */
    static List<String> checkErrorShape(int status, JsonNode json) {
        List<String> problems = new ArrayList<>();
        if (!json.isObject() || !Set.copyOf(json.propertyNames()).equals(Set.of("data", "message", "status"))) {
            problems.add("the error body is not {data, message, status}");
            return problems;
        }
        if (!json.get("data").isObject()) {
            problems.add("the error's data is not an object");
        }
        String message = json.get("message").isString() ? json.get("message").asString() : "";
        if (message.isBlank()) {
            problems.add("the error has no message");
        }
        String lower = message.toLowerCase(Locale.ROOT);
        for (String internal : List.of("sql", "exception", "java.", "jdbc", "stack", "null pointer")) {
            if (lower.contains(internal)) {
                problems.add("the error message shows internals (" + internal + ")");
            }
        }
        if (!json.get("status").isInt() || json.get("status").asInt() != status) {
            problems.add("the error's status " + json.get("status") + " is not the HTTP status " + status);
        }
        return problems;
    }

    private List<String> checkList(Identity who, Coll c, ApiFuzzRequests.Request req, JsonNode json) {
        List<String> problems = new ArrayList<>();
        JsonNode items = json.get("items");
        if (!json.isObject() || items == null || !items.isArray()) {
            problems.add("the list answer has no items array");
            return problems;
        }
        Set<String> allowed = access(who, c).listable();
        long perPage = json.path("perPage").asLong(-1);
        if (perPage < 1 || perPage > 1000 || items.size() > perPage) {
            problems.add(items.size() + " items with perPage " + json.get("perPage"));
        }
        JsonNode total = json.get("totalItems");
        if (total == null || !total.isNumber()) {
            problems.add("the list answer has no totalItems");
        } else if (allowed != null && total.asLong() > allowed.size()) {
            problems.add("totalItems " + total + " counts more records than " + who.name() + " may list in " + c.name()
                    + " (" + allowed.size() + ")");
        }
        boolean excerpted = req.param("fields").contains(":excerpt");
        int i = 0;
        for (JsonNode item : items) {
            problems.addAll(checkRecord(who, c, allowed, item, excerpted, "items[" + i++ + "]"));
        }
        return problems;
    }

    private List<String> checkView(Identity who, Coll c, ApiFuzzRequests.Request req, JsonNode json) {
        boolean excerpted = req.param("fields").contains(":excerpt");
        List<String> problems =
                new ArrayList<>(checkRecord(who, c, access(who, c).viewable(), json, excerpted, "record"));
        JsonNode id = json.get("id");
        if (id != null && !excerpted && !id.asString().equals(req.id())) {
            problems.add("viewed " + req.id() + " but got record " + id);
        }
        return problems;
    }

    // --- checking records in answers -----------------------------------------------------------------------

    /**
     * Checks a record of an answer (a list item, a viewed record or an expanded one) and, recursively, its
     * expand: that it is one of {@code allowed} (matched by id, or when {@code fields=} dropped the id or
     * {@code :excerpt} changed values, by the values it shows), shows no hidden field, no {@code password} or
     * {@code tokenKey}, no email the identity may not see, and expands only records the identity may view.
     *
     * @param excerpted whether the request's {@code fields=} used {@code :excerpt}, which changes string values
     * @return the problems found, empty when there are none
     */
    List<String> checkRecord(Identity who, Coll c, Set<String> allowed, JsonNode node, boolean excerpted,
            String where) {
        recordsChecked++;
        List<String> problems = new ArrayList<>();
        if (!node.isObject()) {
            problems.add(where + ": a record of " + c.name() + " is not a JSON object: " + abbreviate(node));
            return problems;
        }
        Access acc = access(who, c);
        for (String key : node.propertyNames()) {
            if (c.isAuth() && (key.equals("password") || key.equals("tokenKey"))) {
                problems.add(where + ": " + c.name() + " record shows its " + key);
            } else if (!who.superuser() && c.field(key).map(ApiFuzzSchema.Field::hidden).orElse(false)) {
                problems.add(where + ": " + c.name() + " record shows the hidden field " + key);
            }
        }
        if (allowed == null) {
            problems.add(where + ": " + who.name() + " got a record of " + c.name()
                    + " whose rule is superusers-only: " + abbreviate(node));
            return problems;
        }
        JsonNode id = node.get("id");
        if (id != null && !excerpted) {
            if (!allowed.contains(id.asString())) {
                problems.add(where + ": " + who.name() + " got " + c.name() + " record " + id.asString()
                        + " which its rule hides (or which does not exist)");
            } else {
                String mismatch = mismatch(node, c.records().get(id.asString()), c, acc, false);
                if (mismatch != null) {
                    problems.add(where + ": " + c.name() + " record " + id.asString() + " " + mismatch);
                }
            }
        } else {
            boolean matched = allowed.stream()
                    .anyMatch(a -> mismatch(node, c.records().get(a), c, acc, excerpted) == null);
            if (!matched) {
                problems.add(where + ": " + who.name() + " got a " + c.name()
                        + " record that matches none it may see: " + abbreviate(node));
            }
        }
        JsonNode expand = node.get("expand");
        if (expand != null) {
            problems.addAll(checkExpand(who, c, expand, excerpted, where));
        }
        return problems;
    }

    private List<String> checkExpand(Identity who, Coll c, JsonNode expand, boolean excerpted, String where) {
        List<String> problems = new ArrayList<>();
        if (!expand.isObject()) {
            problems.add(where + ": expand of a " + c.name() + " record is not an object: " + abbreviate(expand));
            return problems;
        }
        for (Map.Entry<String, JsonNode> e : expand.properties()) {
            String at = where + ".expand." + e.getKey();
            Optional<Coll> target = schema.relationTarget(c, e.getKey());
            if (target.isEmpty()) {
                problems.add(at + ": " + e.getKey() + " is no relation of " + c.name());
                continue;
            }
            Set<String> viewable = access(who, target.get()).viewable();
            expandedChecked += e.getValue().isArray() ? e.getValue().size() : 1;
            if (e.getValue().isArray()) {
                int i = 0;
                for (JsonNode rel : e.getValue()) {
                    problems.addAll(checkRecord(who, target.get(), viewable, rel, excerpted, at + "[" + i++ + "]"));
                }
            } else {
                problems.addAll(checkRecord(who, target.get(), viewable, e.getValue(), excerpted, at));
            }
        }
        return problems;
    }

    /**
     * Why the shown record can't be {@code full} (the superuser's copy) as this identity sees it, or null
     * when it can: every key it shows must be a field of the collection (or collectionId, collectionName,
     * expand) with a value that {@code full}'s value could have been picked or excerpted to, and an email
     * only where the identity may see it.
     */
    private static String mismatch(JsonNode shown, JsonNode full, Coll c, Access acc, boolean excerpted) {
        for (Map.Entry<String, JsonNode> e : shown.properties()) {
            String key = e.getKey();
            JsonNode value = e.getValue();
            switch (key) {
                case "expand" -> { }
                case "collectionId", "collectionName" -> {
                    String expected = key.equals("collectionId") ? c.id() : c.name();
                    if (!fits(value, Json.MAPPER.getNodeFactory().stringNode(expected), excerpted)) {
                        return "has " + key + " " + value + " instead of " + expected;
                    }
                }
                default -> {
                    if (c.field(key).isEmpty()) {
                        return "shows " + key + ", which is no field of " + c.name();
                    }
                    if (c.isAuth() && key.equals("email") && !acc.emailVisible().contains(full.path("id").asString())) {
                        return "shows its email " + value + " although emailVisibility is off and the requester is "
                                + "neither the record, a superuser nor allowed by the manage rule";
                    }
                    if (!fits(value, full.get(key), excerpted)) {
                        return "shows " + key + "=" + abbreviate(value) + " but the record has "
                                + abbreviate(full.get(key));
                    }
                }
            }
        }
        return null;
    }

    /** Whether {@code shown} is {@code full}, or what {@code fields=} could have made of it. */
    private static boolean fits(JsonNode shown, JsonNode full, boolean excerpted) {
        if (full == null) {
            return false;
        }
        if (shown.equals(full)) {
            return true;
        }
        if (shown.isNumber() && full.isNumber()) {
            return shown.decimalValue().compareTo(full.decimalValue()) == 0;
        }
        if (shown.isObject() && full.isObject()) {
            for (Map.Entry<String, JsonNode> e : shown.properties()) {
                if (!fits(e.getValue(), full.get(e.getKey()), excerpted)) {
                    return false;
                }
            }
            return true;
        }
        if (shown.isArray() && full.isArray() && shown.size() == full.size()) {
            for (int i = 0; i < shown.size(); i++) {
                if (!fits(shown.get(i), full.get(i), excerpted)) {
                    return false;
                }
            }
            return true;
        }
        if (excerpted && shown.isString() && full.isString()) {
            String cut = shown.asString();
            if (cut.endsWith("...")) {
                cut = cut.substring(0, cut.length() - 3);
            }
            String plain = full.asString().replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").trim();
            return plain.startsWith(cut.trim());
        }
        return false;
    }

    static String abbreviate(JsonNode node) {
        String s = String.valueOf(node);
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
