package dev.coffer.tools.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

class FilterLexerTest {

    /** An input and its tokens as {@code TYPE:text} words, or {@code null} when lexing must fail. */
    record Case(String input, String tokens) {}

    static List<String> lex(String input) {
        FilterLexer lexer = new FilterLexer(input);
        List<String> out = new ArrayList<>();
        for (Token t = lexer.next(); t.type() != Token.Type.END; t = lexer.next()) {
            out.add(t.text().isEmpty() ? t.type().name() : t.type() + ":" + t.text());
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> tokens() {
        return Stream.of(
                // whitespace and comments
                new Case("   ", ""),
                new Case(" \t\n", ""),
                new Case("//", ""),
                new Case("// test", ""),
                new Case("a // x\nb", "IDENTIFIER:a IDENTIFIER:b"),
                new Case("///test", ""),
                new Case("/ test", null),
                new Case("a\r", null),
                // identifiers
                new Case("test", "IDENTIFIER:test"),
                new Case("@test.123:c", "IDENTIFIER:@test.123:c"),
                new Case("_test_a.123", "IDENTIFIER:_test_a.123"),
                new Case("#test.123:456", "IDENTIFIER:#test.123:456"),
                new Case("a", "IDENTIFIER:a"),
                new Case("__", "IDENTIFIER:__"),
                new Case("@", null),
                new Case("_", null),
                new Case("#", null),
                new Case("test:", null),
                new Case("test.", null),
                new Case(".test", null),
                new Case(":test", null),
                new Case("test#", null),
                new Case("tïtle", null),
                // numbers
                new Case("123", "NUMBER:123"),
                new Case("-123", "NUMBER:-123"),
                new Case("-123.456", "NUMBER:-123.456"),
                new Case("007", "NUMBER:007"),
                new Case("-.5", "NUMBER:-.5"),
                new Case("12-3", "NUMBER:12 NUMBER:-3"),
                new Case("12.34.56", null),
                new Case(".123", null),
                new Case("- 123", null),
                new Case("123.", null),
                new Case("123.abc", null),
                new Case("1e3", "NUMBER:1 IDENTIFIER:e3"),
                // texts and escapes
                new Case("''", "TEXT"),
                new Case("\"\"", "TEXT"),
                new Case("'test'", "TEXT:test"),
                new Case("'te\\'st'", "TEXT:te'st"),
                new Case("\"te\\\"st\"", "TEXT:te\"st"),
                new Case("'a\\\"b'", "TEXT:a\"b"),
                new Case("\"mixed 'quotes'\"", "TEXT:mixed 'quotes'"),
                new Case("'x\\\\'", "TEXT:x\\"),
                new Case("'a\\\\\\'b'", "TEXT:a\\'b"),
                new Case("'a\\nb\\tc\\rd'", "TEXT:a\nb\tc\rd"),
                new Case("'a%b_c\\d\\u0041\\/'", "TEXT:a%b_c\\d\\u0041\\/"),
                new Case("'АБЦ'", "TEXT:АБЦ"),
                new Case("'test", null),
                new Case("\"test", null),
                new Case("'a\\'", null),
                new Case("'a\\", null),
                new Case("test'", null),
                // operators and joins
                new Case("= != ~ !~ > >= < <=", "OPERATOR:= OPERATOR:!= OPERATOR:~ OPERATOR:!~ OPERATOR:> OPERATOR:>= "
                        + "OPERATOR:< OPERATOR:<="),
                new Case("?= ?!= ?~ ?!~ ?> ?>= ?< ?<=", "OPERATOR:?= OPERATOR:?!= OPERATOR:?~ OPERATOR:?!~ "
                        + "OPERATOR:?> OPERATOR:?>= OPERATOR:?< OPERATOR:?<="),
                new Case("a=-1", "IDENTIFIER:a OPERATOR:= NUMBER:-1"),
                new Case("==", null),
                new Case("=!=", null),
                new Case("!", null),
                new Case("&& ||", "AND OR"),
                new Case("&&||", null),
                new Case("&", null),
                new Case("|||", null),
                new Case("'||test&&'&&123", "TEXT:||test&& AND NUMBER:123"),
                // punctuation, functions, placeholders
                new Case("(a)", "OPEN IDENTIFIER:a CLOSE"),
                new Case("f(a, 'b', 1)", "FUNCTION:f IDENTIFIER:a COMMA TEXT:b COMMA NUMBER:1 CLOSE"),
                new Case("f (a)", "IDENTIFIER:f OPEN IDENTIFIER:a CLOSE"),
                new Case("@a.b:c()", "FUNCTION:@a.b:c CLOSE"),
                new Case("a.(", null),
                new Case("{:name_1}", "PLACEHOLDER:name_1"),
                new Case("{:}", null),
                new Case("{name}", null),
                new Case("{:a", null),
                new Case("$", null),
                new Case(";", null),
                new Case("\u0000", null),
                new Case("😀", null))
                .map(c -> DynamicTest.dynamicTest(displayName(c.input()), () -> {
                    if (c.tokens() == null) {
                        assertThatThrownBy(() -> lex(c.input())).isInstanceOf(FilterException.class);
                    } else {
                        assertThat(String.join(" ", lex(c.input()))).isEqualTo(c.tokens());
                    }
                }));
    }

    /** A visible test name for any input: bracketed, control characters escaped. */
    static String displayName(String input) {
        StringBuilder out = new StringBuilder("[");
        input.chars().forEach(c -> out.append(c < 0x20 ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.append(']').toString();
    }

    @org.junit.jupiter.api.Test
    void tokensCarryTheirPosition() {
        FilterLexer lexer = new FilterLexer("  ab >= 'x'");
        assertThat(lexer.next()).isEqualTo(new Token(Token.Type.IDENTIFIER, "ab", 2));
        assertThat(lexer.next()).isEqualTo(new Token(Token.Type.OPERATOR, ">=", 5));
        assertThat(lexer.next()).isEqualTo(new Token(Token.Type.TEXT, "x", 8));
        assertThat(lexer.next().type()).isEqualTo(Token.Type.END);
        assertThat(lexer.next().type()).isEqualTo(Token.Type.END);
    }

    @org.junit.jupiter.api.Test
    void errorMessagesQuoteAShortExcerpt() {
        assertThatThrownBy(() -> lex("a = 12.34.56")).hasMessage("unexpected character \".\" at 9");
        assertThatThrownBy(() -> lex("'" + "x".repeat(100))).hasMessage("unterminated quoted text starting at 0");
        assertThatThrownBy(() -> lex("abc" + "d".repeat(100) + ".")).message().hasSizeLessThan(80);
    }
}
