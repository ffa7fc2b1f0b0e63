package dev.coffer.tools.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SendmailClientTest {

    @TempDir
    Path dir;

    private Path script(String body) throws Exception {
        Path p = dir.resolve("sendmail");
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    @Test
    void pipesTheMessageWithRecipientsInTheHeaders() throws Exception {
        Path out = dir.resolve("out.eml");
        Path args = dir.resolve("args");
        SendmailClient client = new SendmailClient(script("echo \"$@\" > " + args + "; cat > " + out));

        client.send(new Email("Acme", "support@acme.test", List.of("a@example.com"), "Hi", "<p>Hello</p>", ""));

        assertThat(Files.readString(args).strip()).isEqualTo("-i -t");
        String message = Files.readString(out);
        assertThat(message).contains("From: Acme <support@acme.test>", "To: a@example.com", "Subject: Hi",
                "multipart/alternative", "text/html", "<p>Hello</p>");
    }

    @Test
    void aFailingProgramIsReportedWithItsOutput() throws Exception {
        SendmailClient client = new SendmailClient(script("cat > /dev/null; echo 'no route' >&2; exit 3"));

        assertThatThrownBy(() -> client.send(new Email("", "a@acme.test", List.of("b@example.com"), "s", "x", "")))
                .isInstanceOf(MailSendException.class)
                .hasMessageContaining("exited with 3: no route");
    }
}
