package dev.coffer.tools.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HtmlToTextTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("empty", "", ""),
                Arguments.of("plain text", "  hello \n\t world  ", "hello world"),
                Arguments.of("paragraphs", "<p>Hello</p><p>World</p>", "Hello\r\nWorld"),
                Arguments.of("inline tags stay on the line", "<p>a <b>bold</b> <em>move</em></p>", "a bold move"),
                Arguments.of("line break", "one<br>two<br/>three", "one\r\ntwo\r\nthree"),
                Arguments.of("list items", "<ul><li>a</li><li>b</li></ul>", "- a\r\n- b"),
                Arguments.of("link with text", "<p>Go <a href=\"https://x.dev/?a=1&amp;b=2\">here</a></p>",
                        "Go [here](https://x.dev/?a=1&b=2)"),
                Arguments.of("link without text or href", "<a></a>", "[LINK]"),
                Arguments.of("dropped elements", "<style>p{color:red}</style><script>if (a<b) x()</script>"
                        + "<p>kept</p><img src=x><form><input>gone</form>", "kept"),
                Arguments.of("entities", "<p>&lt;tag&gt; &#65;&#x42; &unknown;</p>", "<tag> AB &unknown;"),
                Arguments.of("comments", "<p>a<!-- <p>hidden</p> -->b</p>", "ab"),
                Arguments.of("document", "<!DOCTYPE html><html><head><style>x</style></head>"
                        + "<body><p>Hi,</p><p>Thanks,<br/>Acme team</p></body></html>", "Hi,\r\nThanks,\r\nAcme team"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void convertsLikePocketBase(String name, String html, String expected) {
        assertThat(HtmlToText.convert(html)).isEqualTo(expected);
    }
}
