package dev.coffer.tools.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class FilterParserTest {

    /** A filter and its tree in {@link #print} notation, or {@code null} when parsing must fail. */
    record Case(String filter, String tree) {}

    static String print(Expr expr) {
        return switch (expr) {
            case Expr.Comparison c -> "[" + print(c.left()) + " " + c.operator().symbol() + " " + print(c.right()) + "]";
            case Expr.And and -> and.terms().stream().map(FilterParserTest::print).collect(Collectors.joining(", ", "AND(", ")"));
            case Expr.Or or -> or.terms().stream().map(FilterParserTest::print).collect(Collectors.joining(", ", "OR(", ")"));
        };
    }

    static String print(Operand operand) {
        return switch (operand) {
            case Operand.Identifier id -> id.name();
            case Operand.NumberLiteral n -> "#" + n.text();
            case Operand.TextLiteral t -> "'" + t.value() + "'";
            case Operand.Placeholder p -> "{:" + p.name() + "}";
            case Operand.FunctionCall f -> f.args().stream().map(FilterParserTest::print)
                    .collect(Collectors.joining(",", f.name() + "(", ")"));
        };
    }

    @TestFactory
    Stream<DynamicTest> parse() {
        return Stream.of(
                new Case("a = 1", "[a = #1]"),
                new Case("a=1", "[a = #1]"),
                new Case("a>=-1.5", "[a >= #-1.5]"),
                new Case("'a' = \"b\"", "['a' = 'b']"),
                new Case("1 = 2", "[#1 = #2]"),
                new Case("a ?!~ b", "[a ?!~ b]"),
                new Case("a=1&&b!=\"x\"||c~'y'", "OR(AND([a = #1], [b != 'x']), [c ~ 'y'])"),
                new Case("a = 1 || b = 2 && c = 3", "OR([a = #1], AND([b = #2], [c = #3]))"),
                new Case("a = 1 && b = 2 && c = 3", "AND([a = #1], [b = #2], [c = #3])"),
                new Case("((a = 1))", "[a = #1]"),
                new Case("(a = 1 || b = 2) && c = 3", "AND(OR([a = #1], [b = #2]), [c = #3])"),
                new Case("(a = 1 && b = 2) || (c = 3)", "OR(AND([a = #1], [b = #2]), [c = #3])"),
                new Case("a = 1 // comment\n && b = 2 // end", "AND([a = #1], [b = #2])"),
                new Case("(a = 1 // it's\n)", "[a = #1]"),
                new Case("\ta\n=\n1\t", "[a = #1]"),
                new Case("f() = 1", "[f() = #1]"),
                new Case("f(a, 'b', -1,) = g(h(i(1)))", "[f(a,'b',#-1) = g(h(i(#1)))]"),
                new Case("f(a, // c\n b) = 1", "[f(a,b) = #1]"),
                new Case("{:x} = a", "[{:x} = a]"),
                new Case("@request.auth.id != '' && @collection.c:alias.f ?= id",
                        "AND([@request.auth.id != ''], [@collection.c:alias.f ?= id])"),
                // errors
                new Case("", null),
                new Case("   ", null),
                new Case("// only a comment", null),
                new Case("()", null),
                new Case("(a = 1) && ()", null),
                new Case("( // c\n)", null),
                new Case("a", null),
                new Case("a =", null),
                new Case("= 1", null),
                new Case("a = 1 &&", null),
                new Case("&& a = 1", null),
                new Case("a = 1 && && b = 2", null),
                new Case("a = 1 b = 2", null),
                new Case("a = 'x'b = 2", null),
                new Case("a = 1 ~ 2", null),
                new Case("(a = 1", null),
                new Case("a = 1)", null),
                new Case("((a = 1)", null),
                new Case("a = (b = 1)", null),
                new Case("(a = 1)(b = 2)", null),
                new Case("a = 1 (b = 2)", null),
                new Case("f (a) = 1", null),
                new Case("f(,) = 1", null),
                new Case("f(a,,) = 1", null),
                new Case("f(a b) = 1", null),
                new Case("f(a = 1", null),
                new Case("f(a, (b)) = 1", null),
                new Case("f(a && b) = 1", null),
                new Case("a = f(", null),
                new Case("f(a //c) = 1", null),
                new Case("a(b(c(d(1)))) = 1", null),
                new Case("a == 1", null),
                new Case("a = 1 ||| b = 2", null),
                new Case("a = 1, b = 2", null),
                new Case("a = 1 || b = 2 // ok\n c = 3", null))
                .map(c -> DynamicTest.dynamicTest(FilterLexerTest.displayName(c.filter()), () -> {
                    if (c.tree() == null) {
                        assertThatThrownBy(() -> Filter.parse(c.filter())).isInstanceOf(FilterException.class);
                    } else {
                        assertThat(print(Filter.parse(c.filter()).root())).isEqualTo(c.tree());
                    }
                }));
    }

    @Test
    void errorMessagesAreSpecific() {
        assertThatThrownBy(() -> Filter.parse(" \n ")).hasMessage("empty filter expression");
        assertThatThrownBy(() -> Filter.parse("title")).hasMessage(
                "incomplete filter expression: expected a comparison operator at the end");
        assertThatThrownBy(() -> Filter.parse("a = 1 b = 2")).hasMessage(
                "expected && or ||, got identifier \"b\" at 6");
        assertThatThrownBy(() -> Filter.parse("(a = 1")).hasMessage(
                "missing closing bracket for the one at 0");
        assertThatThrownBy(() -> Filter.parse("&& a = 1")).hasMessage(
                "expected left operand (identifier, function, text or number), got \"&&\" at 0");
    }

    @Test
    void countsComparisonsAgainstTheLimit() {
        assertThat(Filter.parse("(1=1 || 1=1) && (1=1 || (1=1 || 1=1)) && (1=1)").comparisons()).isEqualTo(6);
        String twoHundred = String.join(" && ", java.util.Collections.nCopies(200, "a=1"));
        assertThat(Filter.parse(twoHundred).comparisons()).isEqualTo(200);
        assertThatThrownBy(() -> Filter.parse(twoHundred + " || b=2")).hasMessageContaining("more than 200");
        assertThatThrownBy(() -> Filter.parse("(1=1 || 1=1) && (1=1)", new FilterLimits(100, 2, 10)))
                .isInstanceOf(FilterException.class);
    }

    @Test
    void limitsTheLengthInUtf8Bytes() {
        String ascii = "a = '" + "x".repeat(3490) + "'";
        assertThat(ascii).hasSize(3496);
        assertThat(Filter.parse(ascii).comparisons()).isEqualTo(1);
        assertThatThrownBy(() -> Filter.parse(ascii + "    "   + " ")).hasMessageContaining("longer than 3500");
        String wide = "a = '" + "é".repeat(1800) + "'";
        assertThatThrownBy(() -> Filter.parse(wide)).hasMessageContaining("longer than 3500");
        assertThat(Filter.parse(wide, FilterLimits.RULE).comparisons()).isEqualTo(1);
    }

    @Test
    void limitsBracketNesting() {
        // PocketBase 0.40 takes a client filter nested as deep as its 3500 bytes allow (1745 levels)
        assertThat(Filter.parse("(".repeat(1745) + "a=1" + ")".repeat(1745)).comparisons()).isEqualTo(1);
        assertThat(Filter.parse("(".repeat(2000) + "a=1" + ")".repeat(2000), FilterLimits.RULE).comparisons())
                .isEqualTo(1);
        assertThatThrownBy(() -> Filter.parse("(".repeat(2001) + "a=1" + ")".repeat(2001), FilterLimits.RULE))
                .hasMessageContaining("nested deeper");
        assertThatThrownBy(() -> Filter.parse("(".repeat(100_000), FilterLimits.RULE))
                .isInstanceOf(FilterException.class);
    }

    @Test
    void listsIdentifiers() {
        assertThat(Filter.parse("a = b && (strftime('%Y', c) = @now || 1 = d)").identifiers())
                .containsExactly("a", "b", "c", "@now", "d");
    }

    @Test
    void replacesPlaceholdersWithTypedLiterals() {
        Map<String, Object> values = new HashMap<>();
        values.put("nil", null);
        values.put("yes", true);
        values.put("int", 42);
        values.put("dbl", 1.50);
        values.put("txt", "it's");
        values.put("when", Instant.parse("2024-05-01T09:08:07.123456Z"));
        values.put("list", List.of("a", "'q"));
        Filter f = Filter.parse("a = {:nil} && b = {:yes} && c = {:int} && d = {:dbl} && e = {:txt}"
                + " && f = {:when} && g = {:list} && h = {:missing} && strftime({:txt}, x) = 1").withPlaceholders(values);
        assertThat(print(f.root())).isEqualTo("AND([a = null], [b = true], [c = #42], [d = #1.5], [e = 'it's'], "
                + "[f = '2024-05-01 09:08:07.123Z'], [g = '[\"a\",\"'q\"]'], [h = {:missing}], "
                + "[strftime('it's',x) = #1])");
    }
}
