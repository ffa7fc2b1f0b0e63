package dev.coffer.tools.db;

import dev.coffer.tools.search.SqlExpression;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The expressions a server dialect must answer as the SQLite dialect does: each is built by both dialects over
 * the same rows (made on SQLite and copied to the server with {@link TableCopy}) and the answers are compared.
 */
final class DialectCases {

    private DialectCases() {}

    /** The table the cases read, as PocketBase's SQLite DDL writes a collection's table. */
    static final String TABLE = "CREATE TABLE `t` (`id` TEXT PRIMARY KEY DEFAULT ('r'||lower(hex(randomblob(7)))) NOT NULL,"
            + " `txt` TEXT DEFAULT '' NOT NULL, `num` NUMERIC DEFAULT 0 NOT NULL, `flag` BOOLEAN DEFAULT FALSE NOT NULL,"
            + " `js` JSON DEFAULT NULL, `arr` JSON DEFAULT '[]' NOT NULL, `day` TEXT DEFAULT '' NOT NULL)";

    /** Its rows. */
    static final Object[][] ROWS = {
        {"a", "Hello World", 5, 1, "{\"a\":1,\"b\":{\"c\":\"x\"},\"l\":[1,2]}", "[\"x\",\"y\"]", "2024-01-15 10:20:30.123Z"},
        {"b", "héllo", -2.5, 0, "[3,4]", "[]", "2023-12-31 23:59:59.999Z"},
        {"c", "", 0, 0, null, "not json", ""},
        {"d", "50%_off", 1e10, 1, "\"str\"", "[1,\"1\",true]", "2024-02-29"},
        {"e", "ABC", 3, 0, "{\"a\":null,\"t\":true}", "x", "2024-03-10T08:00:00Z"},
    };

    /** An expression over table {@code t} built by a dialect, with its bound parameters. */
    record Case(String name, Function<Dialect, SqlExpression> sql) {
        Case(String name, Function<Dialect, String> expression, List<Object> params) {
            this(name, d -> SqlExpression.of(expression.apply(d), params.toArray()));
        }

        static Case of(String name, Function<Dialect, String> expression) {
            return new Case(name, expression, List.of());
        }

        /** The expression's SQL on a dialect. */
        Function<Dialect, String> expression() {
            return d -> sql.apply(d).sql();
        }
    }

    /** A new SQLite database holding table {@code t} and its rows. */
    static Database sqlite(Path dir) throws Exception {
        Database sqlite = Database.openSqlite(Files.createTempFile(dir, "dialect", ".db"), 1);
        sqlite.write(c -> {
            try (Statement s = c.createStatement()) {
                s.execute(TABLE);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (Object[] row : ROWS) {
                    for (int i = 0; i < row.length; i++) {
                        ps.setObject(i + 1, row[i]);
                    }
                    ps.executeUpdate();
                }
            }
            return null;
        });
        return sqlite;
    }

    /** The expressions every dialect builds. */
    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (String path : List.of("$.a", "$.b.c", "$.b", "$.l[1]", "$[0]", "$", "$.t", "$.missing")) {
            out.add(Case.of("jsonPathValue js " + path, d -> d.jsonPathValue(d.quote("js"), path)));
        }
        out.add(Case.of("jsonPathValue txt $", d -> d.jsonPathValue(d.quote("txt"), "$")));
        out.add(Case.of("jsonExtract js $.a", d -> d.jsonExtract(d.quote("js"), "$.a")));
        out.add(Case.of("jsonArrayLength arr", d -> d.jsonArrayLength(d.quote("arr"))));
        out.add(Case.of("jsonItemCount arr", d -> d.jsonItemCount(d.quote("arr"))));
        out.add(Case.of("jsonItemCount txt", d -> d.jsonItemCount(d.quote("txt"))));
        out.add(Case.of("jsonEach count arr", d -> "(SELECT count(*) FROM " + d.jsonEach(d.quote("arr")) + " "
                + d.quote("je") + ")"));
        out.add(Case.of("jsonEach max value arr", d -> "(SELECT max(" + d.jsonEachValue("je") + ") FROM "
                + d.jsonEach(d.quote("arr")) + " " + d.quote("je") + ")"));
        out.add(new Case("jsonArrayContains arr x", d -> d.jsonArrayContains(d.quote("arr")), List.of("x")));
        out.add(new Case("jsonArrayContains arr 1", d -> d.jsonArrayContains(d.quote("arr")), List.of("1")));
        for (String pattern : List.of("%hello%", "%WORLD%", "%\\%\\_%", "a%", "%é%", "%É%")) {
            out.add(like("like txt " + pattern, "txt", pattern, false));
        }
        out.add(like("not like txt %l%", "txt", "%l%", true));
        out.add(like("like num %5%", "num", "%5%", false));
        out.add(like("like js.b.c %X%", "js", "%X%", false));
        // letters only Unicode folding folds: SQLite's LIKE leaves them as they are
        out.add(like("like 'kilo' %\u212A%", "'kilo'", "%\u212A%", false));
        out.add(like("like 'KILO' %k%", "'KILO'", "%k%", false));
        out.add(like("like 'ÉCOLE' %école%", "'ÉCOLE'", "%école%", false));
        out.add(like("like 'École' %ÉCOLE%", "'École'", "%ÉCOLE%", false));
        out.add(like("like 'École' %éCOLE%", "'École'", "%éCOLE%", true));
        out.add(new Case("concat", d -> d.concat(List.of("'<'", d.quote("txt"), "?", "'>'")), List.of("!")));
        out.add(new Case("null-safe equal", d -> d.nullSafeEqual(d.quote("js"), "?"), Arrays.asList((Object) null)));
        out.add(new Case("null-safe not equal", d -> d.nullSafeNotEqual(d.quote("txt"), "?"), List.of("")));
        out.add(Case.of("geo distance", d -> "round(" + d.geoDistanceKm("'13.4'", "'52.5'", "'2.35'", "'48.85'") + ")"));
        out.add(Case.of("geo distance same point", d -> d.geoDistanceKm("'13.4'", "'52.5'", "'13.4'", "'52.5'")));
        List<List<String>> strftime = List.of(
                List.of("'%Y-%m-%d'", "day"), List.of("'%H:%M:%S'", "day"), List.of("'%Y-%m-%d %H:%M:%f'", "day"),
                List.of("'%j %w %u'", "day"), List.of("'%s'", "day"), List.of("'%W %U'", "day"),
                List.of("'%Y-%m'", "day", "'start of month'", "'+1 month'"),
                List.of("'%Y-%m-%d %H'", "day", "'+2 days'", "'-3 hours'"), List.of("'%Y-%m-%d'", "day", "'start of year'"),
                List.of("'%Y-%m-%d'", "day", "'weekday 0'"), List.of("'%d/%m'", "'2020-02-03 04:05:06'"),
                List.of("'%Y'", "'garbage'"), List.of("'%Y-%m-%d %H:%M:%S'", "'1700000000'", "'unixepoch'"));
        for (List<String> args : strftime) {
            out.add(Case.of("strftime " + args, d -> d.strftime(args.stream().map(a -> a.startsWith("'") ? a : d.quote(a))
                    .toList())));
        }
        return out;
    }

    /**
     * A LIKE of a column (for {@code js}: its path {@code $.b.c}) or a quoted text with a bound pattern, as the
     * filter builder renders it.
     */
    private static Case like(String name, String column, String pattern, boolean negated) {
        return new Case(name, d -> SqlExpression.render(m -> d.like(m[0], m[1], negated),
                SqlExpression.of(column.equals("js") ? d.jsonPathValue(d.quote("js"), "$.b.c")
                        : column.startsWith("'") ? column : d.quote(column)),
                SqlExpression.of("?", pattern)));
    }

    /**
     * Comparisons of columns with bound values, each side made comparable by the dialect. Left out, as no server
     * dialect can tell them apart without knowing the column's type: a number or boolean column against text
     * that doesn't spell a number (SQLite: never equal, the number sorts first), a text column against a
     * number or boolean column, and a JSON number against empty text (SQLite: the number sorts first; the server
     * compares it as text).
     */
    static List<Case> comparisons() {
        List<Case> out = new ArrayList<>();
        record Operand(String name, Function<Dialect, String> sql, List<Object> values) {}
        List<Object> numbers = List.of(5, 0, 3.5, -2.5, 1e10, true, false);
        List<Object> texts = List.of("ABC", "abc", "5", "abc5", "héllo");
        List<Object> all = new ArrayList<>(texts);
        all.add("");
        all.addAll(numbers);
        List<Object> json = new ArrayList<>(texts);
        json.addAll(numbers);
        List<Object> numeric = new ArrayList<>(List.of("5", "3", "-2.5"));
        numeric.addAll(numbers);
        List<Operand> columns = List.of(
                new Operand("txt", d -> d.quote("txt"), all),
                new Operand("num", d -> d.quote("num"), numeric),
                new Operand("flag", d -> d.quote("flag"), numeric),
                new Operand("js.a", d -> d.jsonPathValue(d.quote("js"), "$.a"), json),
                new Operand("js.t", d -> d.jsonPathValue(d.quote("js"), "$.t"), numbers),
                new Operand("arr[0]", d -> d.jsonPathValue(d.quote("arr"), "$[0]"), json));
        for (Operand column : columns) {
            for (Object value : column.values()) {
                SqlType type = value instanceof String ? SqlType.TEXT : value instanceof Boolean ? SqlType.BOOLEAN
                        : SqlType.NUMBER;
                for (String op : List.of(" = ", " > ", " < ")) {
                    out.add(new Case(column.name() + op + "'" + value + "' (" + type + ")",
                            d -> "(" + d.comparable(column.sql().apply(d), SqlType.ANY, type) + op
                                    + d.comparable("?", type, SqlType.ANY) + ")",
                            List.of(value)));
                }
            }
        }
        out.add(Case.of("num > flag", d -> "(" + d.comparable(d.quote("num"), SqlType.ANY, SqlType.ANY) + " > "
                + d.comparable(d.quote("flag"), SqlType.ANY, SqlType.ANY) + ")"));
        out.add(Case.of("flag = TRUE", d -> "(" + d.comparable(d.quote("flag"), SqlType.ANY, SqlType.BOOLEAN) + " = "
                + d.booleanLiteral(true) + ")"));
        out.add(new Case("equalIgnoringCase txt 'abc'", d -> "(" + d.equalIgnoringCase(d.quote("txt"), "?") + ")",
                List.of("abc")));
        return out;
    }

    /** Each row's id and the expression's value on it, in id order. */
    static List<String> answers(Database db, Case c) {
        SqlExpression expression = c.sql().apply(db.dialect());
        String sql = "SELECT " + db.dialect().quote("id") + ", " + expression.sql() + " FROM "
                + db.dialect().quote("t") + " ORDER BY " + db.dialect().quote("id");
        return db.read(conn -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                expression.bindTo(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1) + "=" + normalize(rs.getObject(2)));
                    }
                }
            }
            return out;
        });
    }

    /** Booleans as 1/0 and whole numbers without a fraction, as SQLite gives them. */
    static String normalize(Object value) {
        return switch (value) {
            case null -> "NULL";
            case Boolean b -> b ? "1" : "0";
            case Number n when n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) < 1e15 ->
                    String.valueOf(n.longValue());
            default -> value.toString();
        };
    }
}
