package dev.coffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's embedding section stays true: its Java code is the code of {@code examples/embedded} (which the
 * build compiles and tests), and the versions it and the example name are the project's version.
 */
class ReadmeTest {

    private final Path root = Processes.repositoryRoot();
    private final String version = System.getProperty("coffer.version");

    @Test
    void embeddingCodeIsTheExamplesCode() throws IOException {
        String section = section(Files.readString(root.resolve("README.md")), "## Coffer as a library");
        List<String> readme = nonBlankLines(block(section, "java"));
        List<String> example = nonBlankLines(Files.readString(
                root.resolve("examples/embedded/src/main/java/com/example/app/Main.java")));
        assertThat(readme).as("the README's Java block").hasSizeGreaterThan(10);
        int next = 0;
        for (String line : readme) {
            int at = example.subList(next, example.size()).indexOf(line);
            assertThat(at).as("README line `%s` in Main.java, after line %d of it", line, next).isNotNegative();
            next += at + 1;
        }
    }

    @Test
    void versionsAreTheProjectVersion() throws IOException {
        assertThat(version).as("system property coffer.version (set by the build)").isNotBlank();
        String readme = Files.readString(root.resolve("README.md"));
        assertThat(block(section(readme, "## Coffer as a library"), "xml"))
                .contains("<artifactId>coffer-server</artifactId>")
                .contains("<version>" + version + "</version>");
        assertThat(readme).contains("coffer-server/target/coffer-" + version + ".tar.gz")
                .contains("(`" + version + "`)");
        assertThat(Files.readString(root.resolve("examples/embedded/pom.xml")))
                .contains("<coffer.version>" + version + "</coffer.version>");
    }

    /** The text from a heading line to the next heading of the same level. */
    private static String section(String markdown, String heading) {
        int start = markdown.indexOf("\n" + heading + "\n");
        assertThat(start).as("README heading %s", heading).isNotNegative();
        int end = markdown.indexOf("\n## ", start + heading.length() + 2);
        return markdown.substring(start, end < 0 ? markdown.length() : end);
    }

    /** The first fenced code block of a language in {@code text}. */
    private static String block(String text, String language) {
        Matcher m = Pattern.compile("(?s)\n```" + language + "\n(.*?)\n```").matcher(text);
        assertThat(m.find()).as("a ```%s block", language).isTrue();
        return m.group(1);
    }

    private static List<String> nonBlankLines(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
