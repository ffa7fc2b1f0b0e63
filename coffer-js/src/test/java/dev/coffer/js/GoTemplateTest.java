package dev.coffer.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.js.GoTemplate.Source;
import dev.coffer.js.GoTemplate.TemplateException;
import dev.coffer.tools.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoTemplateTest {

    private static final String DATA = """
            {"name": "John", "count": 3, "price": 1.5, "big": 1e21, "odd": 1234567.5, "yes": true, "no": false,
             "none": null, "empty": "", "zero": 0, "list": ["a", "b", "c"], "nums": [3, 1, 2], "emptyList": [],
             "obj": {"b": 2, "a": "<x>"}, "user": {"name": "Ann", "address": {"city": "Oslo"}},
             "items": [{"name": "pen", "qty": 2}, {"name": "ink", "qty": 0}],
             "html": "<b>bold</b>", "s": "<a href=\\"x\\">'&'+"}
            """;

    private static String render(String template) {
        return render(template, DATA);
    }

    private static String render(String template, String json) {
        return GoTemplate.parse(List.of(new Source("t", template))).render(Json.MAPPER.readTree(json));
    }

    @Test
    void printsFieldsAndEscapesHtmlText() {
        assertThat(render("Hello {{.name}}! {{ .user.address.city }}")).isEqualTo("Hello John! Oslo");
        assertThat(render("{{.s}}")).isEqualTo("&lt;a href=&#34;x&#34;&gt;&#39;&amp;&#39;&#43;");
        assertThat(render("[{{.missing}}|{{.none}}|{{.missing.deeper}}|{{.user.nope}}]")).isEqualTo("[|||]");
        assertThat(render("{{.}}", "\"just a string\"")).isEqualTo("just a string");
    }

    @Test
    void printsValuesAsGoDoes() {
        assertThat(render("{{.count}} {{.price}} {{.big}} {{.odd}} {{.yes}} {{.zero}}"))
                .isEqualTo("3 1.5 1e&#43;21 1.2345675e&#43;06 true 0"); // html/template escapes '+' in text
        assertThat(render("<script>var b = {{print .big}}, o = {{.odd}};</script>"))
                .isEqualTo("<script>var b = \"1e+21\", o =  1234567.5 ;</script>");
        assertThat(render("{{.list}} {{.nums}} {{.obj}}")).isEqualTo("[a b c] [3 1 2] map[a:&lt;x&gt; b:2]");
        assertThat(render("{{print .items}}")).isEqualTo("[map[name:pen qty:2] map[name:ink qty:0]]");
        assertThat(render("{{0.000001}} {{1e-5}} {{100000.5}} {{-2.5}} {{0x1F}} {{'a'}}"))
                .isEqualTo("1e-06 1e-05 100000.5 -2.5 31 97");
    }

    @Test
    void trimMarkersAndComments() {
        assertThat(render("a  {{- .name -}}  \n b")).isEqualTo("aJohnb");
        assertThat(render("a {{.name -}} b {{- .count}}")).isEqualTo("a Johnb3");
        assertThat(render("x{{/* a comment\n over lines */}}y {{- /* trimmed */ -}} z")).isEqualTo("xyz");
        assertThat(render("{{3 -}} {{- -4}}")).isEqualTo("3-4");
    }

    @Test
    void variables() {
        assertThat(render("{{$x := .name}}{{$x}} {{$x = \"Bob\"}}{{$x}}")).isEqualTo("John Bob");
        assertThat(render("{{with .user}}{{.name}} of {{$.name}}{{end}}")).isEqualTo("Ann of John");
        assertThat(render("{{range $i, $v := .list}}{{$i}}={{$v}} {{end}}")).isEqualTo("0=a 1=b 2=c ");
        assertThat(render("{{range $v := .nums}}{{$v}}{{end}}")).isEqualTo("312");
        assertThat(render("{{$n := 0}}{{range .nums}}{{$n = .}}{{end}}{{$n}}")).isEqualTo("2");
        assertThat(render("{{$u := .user}}{{$u.address.city}}")).isEqualTo("Oslo");
    }

    @Test
    void ifElseWithGoTruthiness() {
        String t = "{{if .%s}}T{{else}}F{{end}}";
        for (String truthy : List.of("name", "count", "price", "yes", "list", "obj")) {
            assertThat(render(t.formatted(truthy))).as(truthy).isEqualTo("T");
        }
        for (String falsy : List.of("no", "zero", "empty", "emptyList", "none", "missing")) {
            assertThat(render(t.formatted(falsy))).as(falsy).isEqualTo("F");
        }
        String chain = "{{if eq .count 1}}one{{else if eq .count 3}}three{{else}}many{{end}}";
        assertThat(render(chain)).isEqualTo("three");
        assertThat(render("{{if and .yes .no}}a{{else if or .no .zero}}b{{else}}c{{end}}")).isEqualTo("c");
    }

    @Test
    void withAndElse() {
        assertThat(render("{{with .user.address}}{{.city}}{{else}}none{{end}}")).isEqualTo("Oslo");
        assertThat(render("{{with .missing}}x{{else}}none: {{.name}}{{end}}")).isEqualTo("none: John");
        assertThat(render("{{with .missing}}x{{else with .user}}{{.name}}{{end}}")).isEqualTo("Ann");
    }

    @Test
    void rangeOverListsMapsAndNumbers() {
        assertThat(render("{{range .items}}{{.name}}:{{.qty}};{{end}}")).isEqualTo("pen:2;ink:0;");
        assertThat(render("{{range $k, $v := .obj}}{{$k}}={{$v}},{{end}}")).isEqualTo("a=&lt;x&gt;,b=2,");
        assertThat(render("{{range .emptyList}}x{{else}}empty{{end}} {{range .missing}}x{{else}}none{{end}}"))
                .isEqualTo("empty none");
        assertThat(render("{{range .nums}}{{if eq . 1}}{{continue}}{{end}}{{.}}{{end}}")).isEqualTo("32");
        assertThat(render("{{range .nums}}{{if eq . 1}}{{break}}{{end}}{{.}}{{end}}")).isEqualTo("3");
        assertThat(render("{{range 3}}{{.}}{{end}}")).isEqualTo("012");
    }

    @Test
    void layoutAndPageAcrossTwoSources() {
        String layout = "<html><body>{{block \"content\" .}}default{{end}}</body></html>";
        String page = "{{define \"content\"}}Hello {{.name}}{{end}}";
        GoTemplate both = GoTemplate.parse(List.of(new Source("/pb_hooks/views/layout.html", layout),
                new Source("/pb_hooks/views/hello.html", page)));
        assertThat(both.render(Json.MAPPER.readTree("{\"name\": \"John\"}")))
                .isEqualTo("<html><body>Hello John</body></html>");

        GoTemplate alone = GoTemplate.parse(List.of(new Source("layout.html", layout)));
        assertThat(alone.render(Json.MAPPER.readTree("{}"))).isEqualTo("<html><body>default</body></html>");

        GoTemplate calls = GoTemplate.parse(List.of(
                new Source("layout.html", "<h1>{{template \"title\" .}}</h1>{{template \"content\" .user}}"),
                new Source("page.html", """
                        {{define "title"}}Hi {{.name}}{{end}}
                        {{define "content"}}{{.name}} from {{template "city" .address}}{{end}}
                        {{define "city"}}{{.city}}{{end}}""")));
        assertThat(calls.render(Json.MAPPER.readTree(DATA))).isEqualTo("<h1>Hi John</h1>Ann from Oslo");
        assertThat(render("{{define \"x\"}}[{{.}}]{{end}}{{template \"x\"}}{{template \"x\" .count}}"))
                .isEqualTo("[][3]");
    }

    @Test
    void pipelinesAndParentheses() {
        assertThat(render("{{.name | printf \"%s!\" | printf \"<%s>\"}}")).isEqualTo("&lt;John!&gt;");
        assertThat(render("{{printf \"%d-%s\" (len .list) (index .list 1)}}")).isEqualTo("3-b");
        assertThat(render("{{(index .items 1).name}} {{len (slice .list 1)}}")).isEqualTo("ink 2");
        assertThat(render("{{`raw \\n`}}|{{\"esc\\tq\\\"\"}}|{{print nil}}")).isEqualTo("raw \\n|esc\tq&#34;|&lt;nil&gt;");
    }

    @Test
    void builtinFunctions() {
        assertThat(render("{{and 1 .name}} {{and .zero .name}} {{or .empty .count}} {{or .no .zero}} {{not .no}}"))
                .isEqualTo("John 0 3 0 true");
        assertThat(render("{{len .name}} {{len \"é\"}} {{len .obj}} {{index .obj \"b\"}} {{index .items 0 \"qty\"}}"))
                .isEqualTo("4 2 2 2 2");
        assertThat(render("{{slice .name 1 3}} {{slice .list 2}} {{slice .nums 0 2}}")).isEqualTo("oh [c] [3 1]");
        assertThat(render("{{eq .count 1 2 3}} {{ne .name \"John\"}} {{lt 1 2}} {{le 2 2}} {{gt \"b\" \"a\"}}"
                + " {{ge 1.5 .price}} {{eq .none nil}} {{eq .missing \"x\"}}"))
                .isEqualTo("true false true true true true true false");
        assertThat(render("{{print 1 2 \"a\" 3 \"b\" \"c\"}}|{{println .name 3}}|")).isEqualTo("1 2a3bc|John 3\n|");
        assertThat(render("{{printf \"%s %d %v %q %.2f %f %x %X %t %% %5d|%-4s|%05.1f %e %g %c\" .name .count .list"
                + " .name .price 2 255 \"hi\" .yes 42 \"ab\" 3.14159 1234.5 0.5 65}}"))
                .isEqualTo("John 3 [a b c] &#34;John&#34; 1.50 2.000000 ff 6869 true %    42|ab  |003.1 "
                        + "1.234500e&#43;03 0.5 A");
        assertThat(render("{{printf \"%d %s\" .name}}|{{printf \"%d\" 1 2}}"))
                .isEqualTo("%!d(string=John) %!s(MISSING)|1%!(EXTRA int64=2)");
        assertThat(render("{{html .s}}|{{js \"it's <b> = \\\"x\\\"\"}}|{{urlquery \"a b&c/é\"}}"))
                .isEqualTo("&lt;a href=&#34;x&#34;&gt;&#39;&amp;&#39;&#43;"
                        + "|it\\&#39;s \\u003Cb\\u003E \\u003D \\&#34;x\\&#34;|a&#43;b%26c%2F%C3%A9");
        assertThat(render("{{raw .html}} {{.html | raw}} {{.html}}"))
                .isEqualTo("<b>bold</b> <b>bold</b> &lt;b&gt;bold&lt;/b&gt;");
    }

    @Test
    void escapesAttributes() {
        assertThat(render("<a title=\"{{.s}}\" class='{{.name}}'>")).isEqualTo(
                "<a title=\"&lt;a href=&#34;x&#34;&gt;&#39;&amp;&#39;&#43;\" class='John'>");
        assertThat(render("<input value={{.v}} data-x={{.empty}}>", "{\"v\": \"a b=c\", \"empty\": \"\"}"))
                .isEqualTo("<input value=a&#32;b&#61;c data-x=ZgotmplZ>");
        assertThat(render("<p title=\"{{raw .html}}\">{{raw .html}}</p>")).isEqualTo(
                "<p title=\"bold\"><b>bold</b></p>");
        assertThat(render("<title>{{.html}}</title><textarea>{{raw .html}}</textarea>")).isEqualTo(
                "<title>&lt;b&gt;bold&lt;/b&gt;</title><textarea>&lt;b&gt;bold&lt;/b&gt;</textarea>");
        assertThat(render("a<!-- note {{.name}} -->b")).isEqualTo("ab");
    }

    @Test
    void escapesUrls() {
        String t = "<a href=\"{{.u}}\">x</a>";
        assertThat(render(t, "{\"u\": \"javascript:alert(1)\"}")).isEqualTo("<a href=\"#ZgotmplZ\">x</a>");
        assertThat(render(t, "{\"u\": \"https://x.io/a b?q=1&r=<2>\"}"))
                .isEqualTo("<a href=\"https://x.io/a%20b?q=1&amp;r=%3c2%3e\">x</a>");
        assertThat(render(t, "{\"u\": \"/local/path\"}")).isEqualTo("<a href=\"/local/path\">x</a>");
        assertThat(render("<img src=\"/search?q={{.q}}&amp;p={{.p}}\">", "{\"q\": \"a b&c/d\", \"p\": 2}"))
                .isEqualTo("<img src=\"/search?q=a%20b%26c%2fd&amp;p=2\">");
    }

    @Test
    void escapesScripts() {
        assertThat(render("<script>var n = {{.name}}, c = {{.count}}, o = {{.obj}}, l = {{.list}}, z = {{.none}};"
                + "</script>")).isEqualTo("<script>var n = \"John\", c =  3 , o = {\"a\":\"\\u003cx\\u003e\",\"b\":2},"
                        + " l = [\"a\",\"b\",\"c\"], z =  null ;</script>");
        assertThat(render("<script>var s = \"{{.s}}\"; var t = '{{.name}}'; // {{.name}}\n</script>{{.name}}"))
                .isEqualTo("<script>var s = \"\\u003ca href=\\u0022x\\u0022\\u003e\\u0027\\u0026\\u0027\\u002b\";"
                        + " var t = 'John'; \n</script>John");
        assertThat(render("<button onclick=\"go({{.name}}, '{{.s}}')\">")).isEqualTo(
                "<button onclick=\"go(&#34;John&#34;, '\\u003ca href=\\u0022x\\u0022\\u003e\\u0027\\u0026"
                        + "\\u0027\\u002b')\">");
        assertThat(render("<style>p { color: {{.c}} }</style><p style=\"color: {{.bad}}\">",
                "{\"c\": \"red\", \"bad\": \"expression(alert(1))\"}"))
                .isEqualTo("<style>p { color: red }</style><p style=\"color: ZgotmplZ\">");
    }

    @Test
    void parseErrorsNameTheTemplateAndLine() {
        assertThatThrownBy(() -> GoTemplate.parse(List.of(new Source("views/hello.html", "a\nb\n{{if .x } }}"))))
                .isInstanceOf(TemplateException.class)
                .hasMessage("template: hello.html:3: unexpected \"}\" in operand");
        assertParseError("{{foo 1}}", "template: t:1: function \"foo\" not defined");
        assertParseError("x\n{{if .x}}a", "template: t:2: unexpected EOF");
        assertParseError("{{end}}", "template: t:1: unexpected {{end}}");
        assertParseError("{{$y}}", "template: t:1: undefined variable \"$y\"");
        assertParseError("{{break}}", "template: t:1: {{break}} outside {{range}}");
        assertParseError("{{.a", "template: t:1: unclosed action");
        assertParseError("{{\"abc}}", "template: t:1: unterminated quoted string");
        assertParseError("{{}}", "template: t:1: missing value for command");
        assertParseError("{{if}}{{end}}", "template: t:1: missing value for if");
        assertParseError("{{(.a}}", "template: t:1: unclosed left paren");
        assertParseError("{{template .x}}", "template: t:1: unexpected \".x\" in template clause");
        assertParseError("{{define \"a\"}}x{{end}}{{define \"a\"}}y{{end}}",
                "template: t:1: template: multiple definition of template \"a\"");
    }

    @Test
    void executionErrors() {
        assertThatThrownBy(() -> render("ok\n  {{template \"nope\" .}}"))
                .isInstanceOf(TemplateException.class)
                .hasMessage("template: t:2:13: executing \"t\" at <{{template \"nope\" .}}>: template \"nope\" not defined");
        assertThatThrownBy(() -> render("{{.name.first}}"))
                .hasMessage("template: t:1:2: executing \"t\" at <.name.first>: can't evaluate field first in type string");
        assertThatThrownBy(() -> render("{{index .list 5}}")).hasMessageEndingWith("index out of range: 5");
        assertThatThrownBy(() -> render("{{lt .name 3}}")).hasMessageEndingWith("incompatible types for comparison");
        assertThatThrownBy(() -> render("{{len 3}}")).hasMessageEndingWith("len of type int64");
        assertThatThrownBy(() -> render("{{.name 3}}")).hasMessageContaining("can't give argument to non-function");
        assertThatThrownBy(() -> render("{{define \"r\"}}{{template \"r\"}}{{end}}{{template \"r\"}}"))
                .hasMessageEndingWith("exceeded maximum template depth (1000)");
    }

    private static void assertParseError(String template, String message) {
        assertThatThrownBy(() -> GoTemplate.parse(List.of(new Source("t", template))))
                .isInstanceOf(TemplateException.class)
                .hasMessage(message);
    }
}
