package dev.coffer.testkit;

import dev.coffer.testkit.ApiFuzzSchema.BackRelation;
import dev.coffer.testkit.ApiFuzzSchema.Coll;
import dev.coffer.testkit.ApiFuzzSchema.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;

/**
 * Generates the fuzz's record list and view requests from a seeded {@link Random} and the fixture's real schema
 * and data: filters over own fields, relations, back-relations, json paths, {@code @request.*},
 * {@code @collection.*}, modifiers, functions, macros and odd literals; sorts; expand paths (valid, invalid,
 * deep); {@code fields=} lists with {@code :excerpt}; and paging values (huge, negative, not numbers).
 */
final class ApiFuzzRequests {

    /** One GET request: a list of a collection, or a view of one record ({@code id} non-null). */
    record Request(String collection, String id, Map<String, String> params) {

        boolean isList() {
            return id == null;
        }

        /** The query parameter's value, "" when absent. */
        String param(String name) {
            return params.getOrDefault(name, "");
        }

        /** The path and query, percent-encoded. */
        String url() {
            StringBuilder out = new StringBuilder("/api/collections/").append(encode(collection)).append("/records");
            if (id != null) {
                out.append('/').append(encode(id));
            }
            String sep = "?";
            for (Map.Entry<String, String> e : params.entrySet()) {
                out.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
                sep = "&";
            }
            return out.toString();
        }
    }

    private static final String[] OPERATORS = {
        "=", "!=", ">", ">=", "<", "<=", "~", "!~", "?=", "?!=", "?>", "?>=", "?<", "?<=", "?~", "?!~",
    };
    private static final String[] BAD_OPERATORS = {"==", "<>", "=~", "!", "&", "|", "~=", "?", ""};
    private static final String[] MODIFIERS = {":lower", ":length", ":each", ":isset", ":changed", ":upper", ":"};
    private static final String[] ODD_LITERALS = {
        "''", "\"\"", "'test'", "\"test1\"", "'%'", "'%te%'", "'_'", "'\\\\'", "'\\''", "\"\\\"\"", "'a''b'", "0", "-1",
        "1.5", "-0", "123456", "9223372036854775807", "99999999999999999999999", "-9223372036854775809", "null",
        "true", "false", "NULL", "TRUE", "'é🙂'", "'2022-10-01 12:00:00.000Z'", "'2022-10-01'", "' '",
        "'" + "a".repeat(400) + "'", "'; DROP TABLE demo2; --'", "\"' OR 1=1 --\"", "'[]'", "'{}'", "'[\"optionB\"]'",
        "'optionB'", "'a'", "'test@example.com'", "'{:x}'", ".5", "1.", "1e3", "0x10", "'a\u0000b'",
    };
    private static final String[] MACROS = {
        "@now", "@yesterday", "@tomorrow", "@todayStart", "@todayEnd", "@monthStart", "@monthEnd", "@yearStart",
        "@yearEnd", "@second", "@minute", "@hour", "@day", "@month", "@weekday", "@year", "@nope",
    };
    private static final String[] REQUEST_FIELDS = {
        "@request.auth.id", "@request.auth.collectionName", "@request.auth.collectionId", "@request.auth.email",
        "@request.auth.verified", "@request.auth.emailVisibility", "@request.auth.rel.title", "@request.auth.tokenKey",
        "@request.auth.password", "@request.auth.nope", "@request.query.filter", "@request.query.x:isset",
        "@request.headers.authorization", "@request.headers.content_type", "@request.method", "@request.context",
        "@request.body.title", "@request.body.title:changed", "@request.body.rel_many:length", "@request", "@request.",
        "@request.auth", "@request.data.title",
    };
    private static final String[] PAGES = {
        "1", "2", "3", "0", "-1", "-100", "2147483647", "2147483648", "9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "99999999999999999999", "abc", "1.5", "", " 1", "+1", "0x10", "1e3", "١", "1\u0000",
    };
    private static final String[] PER_PAGES = {
        "1", "2", "3", "5", "30", "0", "-1", "1000", "1001", "5000", "2147483647", "9223372036854775807",
        "99999999999999999999", "x", "", "2.0",
    };
    private static final String[] SKIP_TOTALS = {
        "1", "0", "true", "false", "t", "f", "TRUE", "False", "T", "F", "maybe", "", "yes", " true",
    };
    private static final String[] ODD_IDS = {
        "nope", "x", "1", "2", "01", "123456789012345", "AAAAAAAAAAAAAAA", "a b", "%", "é", "_", "*", "'",
        "\" OR 1=1", "z".repeat(300),
    };
    private static final String[] ODD_COLLECTIONS = {"nope", "_collections", "sqlite_master", "_params", "demo", "x y"};

    private final ApiFuzzSchema schema;
    private final List<Coll> collections;
    private final List<String> allIds = new ArrayList<>();
    private final List<Coll> weighted = new ArrayList<>();
    /** Whether the request being built may use the whole hostile vocabulary (else mostly valid input). */
    private boolean hostile;

    ApiFuzzRequests(ApiFuzzSchema schema) {
        this.schema = schema;
        this.collections = schema.collections();
        collections.forEach(c -> allIds.addAll(c.records().keySet()));
        for (Coll c : collections) {
            boolean related = c.fields().stream().anyMatch(f -> f.target() != null)
                    || !schema.backRelations(c).isEmpty();
            for (int i = related ? 3 : 1; i > 0; i--) {
                weighted.add(c); // collections with relations thrice: more expands and relation filters
            }
        }
    }

    /**
     * The next request: about half use only mostly valid input (so that many answer 200 with records to
     * check), the others the whole hostile vocabulary.
     */
    Request next(Random r) {
        hostile = r.nextInt(100) < 45;
        int pick = r.nextInt(100);
        Coll c = weighted.get(r.nextInt(weighted.size()));
        String segment = pick < 85 ? c.name() : pick < 92 ? c.id()
                : pick < 96 ? c.name().toUpperCase(java.util.Locale.ROOT) : pick(r, ODD_COLLECTIONS);
        Map<String, String> params = new LinkedHashMap<>();
        if (r.nextInt(100) < 72) {
            if (r.nextInt(100) < 65) {
                params.put("filter", filter(r, c));
            }
            if (r.nextInt(100) < 40) {
                params.put("sort", sort(r, c));
            }
            addCommon(r, c, params);
            if (r.nextInt(100) < 35) {
                params.put("page", hostile ? pick(r, PAGES) : String.valueOf(1 + r.nextInt(3)));
            }
            if (r.nextInt(100) < 45) {
                params.put("perPage", hostile ? pick(r, PER_PAGES)
                        : pick(r, new String[] {"1", "2", "3", "30", "1000"}));
            }
            if (r.nextInt(100) < 30) {
                params.put("skipTotal", hostile ? pick(r, SKIP_TOTALS)
                        : pick(r, new String[] {"1", "0", "true", "false"}));
            }
            return new Request(segment, null, params);
        }
        String id;
        int which = r.nextInt(100);
        if (which < 65 && !c.records().isEmpty()) {
            id = pick(r, c.records().keySet().toArray(String[]::new));
        } else if (which < 85) {
            id = allIds.get(r.nextInt(allIds.size()));
        } else {
            id = hostile ? pick(r, ODD_IDS) : pick(r, allIds.toArray(String[]::new));
        }
        addCommon(r, c, params);
        if (r.nextInt(100) < 10) {
            params.put("filter", filter(r, c)); // ignored by a view; must change nothing
        }
        return new Request(segment, id, params);
    }

    private void addCommon(Random r, Coll c, Map<String, String> params) {
        if (r.nextInt(100) < 40) {
            params.put("expand", expand(r, c));
        }
        if (r.nextInt(100) < 35) {
            params.put("fields", fields(r, c));
        }
    }

    // --- filter ------------------------------------------------------------------------------------------

    String filter(Random r, Coll c) {
        int kind = hostile ? r.nextInt(100) : 100;
        if (kind < 6) {
            return pick(r, new String[] {"", " ", "(", ")", "()", "&&", "id", "// only a comment", "id = ", "= 1",
                "(id != ''", "id != '')", "id != '' &&", "'abc", "\"abc", "id != '' // trailing\n"});
        }
        if (kind < 10) {
            int depth = 1 + r.nextInt(kind < 8 ? 40 : 400);
            return "(".repeat(depth) + comparison(r, c) + ")".repeat(depth);
        }
        return expression(r, c, 0);
    }

    private String expression(Random r, Coll c, int depth) {
        StringBuilder out = new StringBuilder();
        int terms = 1 + r.nextInt(depth == 0 ? 4 : 3);
        for (int t = 0; t < terms; t++) {
            if (t > 0) {
                out.append(hostile ? pick(r, new String[] {" && ", " || ", "&&", "||", "\n&&\n", " AND "})
                        : pick(r, new String[] {" && ", " || ", "&&", "||"}));
            }
            if (depth < 3 && r.nextInt(100) < 15) {
                out.append('(').append(expression(r, c, depth + 1)).append(')');
            } else {
                out.append(comparison(r, c));
            }
        }
        return out.toString();
    }

    private String comparison(Random r, Coll c) {
        String op = !hostile || r.nextInt(100) < 93 ? pick(r, OPERATORS) : pick(r, BAD_OPERATORS);
        String left = r.nextInt(100) < 85 ? identifier(r, c) : r.nextBoolean() ? function(r, c) : literal(r, c);
        int right = r.nextInt(100);
        String rhs = right < 55 ? literal(r, c) : right < 80 ? identifier(r, c) : right < 90 ? function(r, c)
                : pick(r, MACROS);
        String space = r.nextInt(10) == 0 ? "" : " ";
        return left + space + op + space + rhs;
    }

    /** A field reference usable from collection {@code c}, mostly valid. */
    String identifier(Random r, Coll c) {
        int kind = r.nextInt(hostile ? 100 : 68);
        if (kind < 45) {
            Field f = c.fields().get(r.nextInt(c.fields().size()));
            return f.name() + (r.nextInt(100) < 20 ? modifier(r) : "");
        }
        if (kind < 62) {
            return relationPath(r, c, 1 + r.nextInt(hostile && r.nextInt(10) == 0 ? 8 : 3), true);
        }
        if (kind < 68) {
            return jsonPath(r, c);
        }
        if (kind < 76) {
            return pick(r, REQUEST_FIELDS);
        }
        if (kind < 85) {
            Coll other = collections.get(r.nextInt(collections.size()));
            String name = r.nextInt(10) == 0 ? pick(r, ODD_COLLECTIONS) : other.name();
            String alias = r.nextInt(5) == 0 ? ":" + pick(r, new String[] {"a", "b", "x:y", ""}) : "";
            String field = other.fields().get(r.nextInt(other.fields().size())).name();
            return "@collection." + name + alias + "." + (r.nextInt(8) == 0 ? relationPath(r, other, 1, true) : field)
                    + (r.nextInt(8) == 0 ? modifier(r) : "");
        }
        if (kind < 90) {
            return pick(r, MACROS);
        }
        return pick(r, new String[] {"nope", "id.nope", "rel_one.nope", "nope_via_rel", "demo4_via_nope.id", "title:",
            "password", "tokenKey", "emailVisibility", "email", "_rowid_", "rowid", "@rowid", "@random", "expand",
            "collectionName", "collectionId", "ÿ", "#id", "a.b.c.d.e.f.g.h", "title.", ".title", "id:lower:lower",
            "@collection", "@collection.", "json.", "json..a", "point.nope", "select_many.0"});
    }

    /**
     * A dotted path through relation fields and back-relations ending in a field of the last collection; an
     * expand path sometimes uses the older back-relation form {@code coll(field)}, which PocketBase still reads
     * there (a filter would refuse it), and a hostile filter sometimes too.
     */
    private String relationPath(Random r, Coll start, int hops, boolean modifiers) {
        return relationPath(r, start, hops, modifiers, hostile);
    }

    private String relationPath(Random r, Coll start, int hops, boolean modifiers, boolean oldBackRelations) {
        StringBuilder out = new StringBuilder();
        Coll at = start;
        for (int i = 0; i < hops; i++) {
            List<String> segments = new ArrayList<>();
            List<Coll> targets = new ArrayList<>();
            for (Field f : at.fields()) {
                if (f.target() != null && schema.withId(f.target()) != null) {
                    segments.add(f.name());
                    targets.add(schema.withId(f.target()));
                }
            }
            for (BackRelation b : schema.backRelations(at)) {
                segments.add(oldBackRelations && r.nextInt(12) == 0 ? b.from().name() + "(" + b.field().name() + ")"
                        : b.segment());
                targets.add(b.from());
            }
            if (segments.isEmpty()) {
                break;
            }
            int k = r.nextInt(segments.size());
            out.append(segments.get(k)).append('.');
            at = targets.get(k);
        }
        Field last = at.fields().get(r.nextInt(at.fields().size()));
        out.append(last.name());
        if (modifiers && r.nextInt(100) < 20) {
            out.append(modifier(r));
        }
        return out.toString();
    }

    private String modifier(Random r) {
        return hostile ? pick(r, MODIFIERS) : pick(r, new String[] {":lower", ":length", ":each"});
    }

    private String jsonPath(Random r, Coll c) {
        List<Field> json = c.fields().stream()
                .filter(f -> f.type().equals("json") || f.type().equals("geoPoint")).toList();
        if (json.isEmpty()) {
            return c.fields().get(r.nextInt(c.fields().size())).name() + ".a";
        }
        Field f = json.get(r.nextInt(json.size()));
        String suffix = f.type().equals("geoPoint") ? pick(r, new String[] {"lat", "lon", "x", "lat.lon"})
                : pick(r, new String[] {"a", "0", "1", "a.b", "items.0.x", "99999999999", "a:length", "a:each", "é"});
        return f.name() + "." + suffix;
    }

    private String function(Random r, Coll c) {
        String field = identifier(r, c);
        int[] valid = {0, 1, 2, 6, 7};
        return switch (hostile ? r.nextInt(12) : valid[r.nextInt(valid.length)]) {
            case 0 -> "strftime('%Y', " + field + ")";
            case 1 -> "strftime('%Y-%m-%d', created)";
            case 2 -> "strftime('%s', " + field + ", 'unixepoch')";
            case 3 -> "strftime()";
            case 4 -> "strftime('%Y', strftime('%Y-%m-%d', " + field + "))";
            case 5 -> "strftime('%Y', 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)";
            case 6 -> "geoDistance(point.lon, point.lat, 23.3, 42.7)";
            case 7 -> "geoDistance(1, 2, 3, 4)";
            case 8 -> "geoDistance(" + field + ", 0, 0, " + field + ")";
            case 9 -> "geoDistance(1, 2, 3)";
            case 10 -> "lower(" + field + ")";
            default -> "strftime(" + literal(r, c) + ", " + field + ")";
        };
    }

    /** A literal: often a real value of the collection's records (so filters match), else an odd one. */
    private String literal(Random r, Coll c) {
        if (r.nextInt(100) < (hostile ? 45 : 70) && !c.records().isEmpty()) {
            JsonNode rec = pickRecord(r, c);
            List<String> names = new ArrayList<>(rec.propertyNames());
            JsonNode v = rec.get(names.get(r.nextInt(names.size())));
            if (v.isArray() && !v.isEmpty()) {
                v = v.get(r.nextInt(v.size()));
            }
            if (v.isNumber() || v.isBoolean()) {
                return v.toString();
            }
            if (v.isString()) {
                String s = v.asString();
                return r.nextBoolean() ? "'" + s.replace("'", "\\'") + "'" : "\"" + s.replace("\"", "\\\"") + "\"";
            }
        }
        return pick(r, ODD_LITERALS);
    }

    private JsonNode pickRecord(Random r, Coll c) {
        List<JsonNode> records = new ArrayList<>(c.records().values());
        return records.get(r.nextInt(records.size()));
    }

    // --- sort, expand, fields --------------------------------------------------------------------------------

    String sort(Random r, Coll c) {
        int terms = hostile && r.nextInt(10) == 0 ? 8 + r.nextInt(5) : 1 + r.nextInt(3);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < terms; i++) {
            String prefix = hostile ? pick(r, new String[] {"", "", "-", "+", " -", "- ", "--", "-+"})
                    : pick(r, new String[] {"", "-", "+"});
            int kind = r.nextInt(hostile ? 100 : 78);
            String term;
            if (kind < 55) {
                term = c.fields().get(r.nextInt(c.fields().size())).name();
            } else if (kind < 68) {
                term = relationPath(r, c, 1 + r.nextInt(2), false);
            } else if (kind < 78) {
                term = pick(r, new String[] {"@random", "@rowid", "@RANDOM", "@rowid.x"});
            } else if (kind < 84) {
                term = identifier(r, c);
            } else if (kind < 90) {
                term = c.fields().get(r.nextInt(c.fields().size())).name() + modifier(r);
            } else if (kind < 95) {
                term = jsonPath(r, c);
            } else {
                term = pick(r, new String[] {"", " ", "nope", "password", "tokenKey", "id DESC", "1", "'id'",
                    "id\u0000",
                    "@request.auth.id", "@collection.demo2.title", "x".repeat(300)});
            }
            out.add(prefix + term);
        }
        return String.join(hostile && r.nextInt(10) == 0 ? ", ," : ",", out);
    }

    String expand(Random r, Coll c) {
        int paths = 1 + r.nextInt(3);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < paths; i++) {
            int kind = r.nextInt(hostile ? 100 : 70);
            String path;
            if (kind < 70) {
                path = expandPath(r, c, 1 + r.nextInt(3));
            } else if (kind < 80) {
                path = expandPath(r, c, 4 + r.nextInt(5));
            } else if (kind < 90) {
                path = expandPath(r, c, 1 + r.nextInt(2)) + "." + pick(r, new String[] {"nope", "title", "id", ""});
            } else {
                path = pick(r, new String[] {"*", "", " ", ".", "..", "nope", "rel_one.", ".rel_one", "demo4_via_nope",
                    "nope_via_rel_one", "rel_one..rel_one", "expand", "id", "title", "demo4(nope)", "rel_one(x)",
                    "rel_one\u0000"});
            }
            out.add(hostile && r.nextInt(15) == 0 ? " " + path + " " : path);
        }
        return String.join(",", out);
    }

    /** A dotted expand path of up to {@code hops} relation or back-relation segments (fewer at dead ends). */
    private String expandPath(Random r, Coll start, int hops) {
        String path = relationPath(r, start, hops, false, true);
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }

    String fields(Random r, Coll c) {
        int n = 1 + r.nextInt(5);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(hostile ? 100 : 85);
            String item;
            if (kind < 15) {
                item = "id";
            } else if (kind < 40) {
                item = c.fields().get(r.nextInt(c.fields().size())).name();
            } else if (kind < 48) {
                item = hostile
                        ? pick(r, new String[] {"*", "expand", "expand.*", "collectionName", "collectionId", "*.id"})
                        : pick(r, new String[] {"*", "expand", "collectionName", "collectionId"});
            } else if (kind < 63) {
                String rel = expandPath(r, c, 1 + r.nextInt(2));
                item = "expand." + rel + (r.nextBoolean() ? "." + pick(r, new String[] {"id", "title", "email", "*",
                    "name", "expand", "password"}) : "");
            } else if (kind < 85) {
                String field = r.nextInt(4) == 0 ? "*" : c.fields().get(r.nextInt(c.fields().size())).name();
                String max = hostile ? pick(r, new String[] {"1", "2", "5", "10", "100", "0", "-1", "abc",
                    "99999999999",
                    "1.5", "010", ""}) : String.valueOf(1 + r.nextInt(20));
                String ellipsis = hostile ? pick(r, new String[] {"true", "false", "1", "0", "maybe", "t", "true, 1"})
                        : pick(r, new String[] {"true", "false"});
                item = field + ":excerpt(" + max + (r.nextBoolean() ? "" : ", " + ellipsis) + ")";
            } else {
                item = pick(r, new String[] {"", " ", "(", ")", "a.b.c", "*.*", "id:nope", "id:excerpt", ":excerpt(2)",
                    "id\u0000",
                    "id:excerpt(2", "'id'", "\"", "password", "tokenKey", "email", "emailVisibility"});
            }
            out.add(item);
        }
        return String.join(hostile && r.nextInt(12) == 0 ? " , " : ",", out);
    }

    private static String pick(Random r, String[] values) {
        return values[r.nextInt(values.length)];
    }

    /** Percent-encodes everything but RFC 3986's unreserved characters. */
    static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char ch = (char) (b & 0xff);
            boolean unreserved = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
                    || "-._~".indexOf(ch) >= 0;
            if (unreserved) {
                out.append(ch);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
