package dev.coffer.core.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.core.settings.Settings;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.mail.Email;
import dev.coffer.tools.mail.SendmailClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsMailerTest {

    @TempDir
    Path dir;

    private static final MailMessage MESSAGE = new MailMessage("", "", List.of("a@example.com"), "Subject",
            "<p>Body</p>", "");

    @Test
    void withoutSmtpOrSendmailTheSendFails() {
        SettingsMailer mailer = new SettingsMailer(Settings::defaults, Optional::empty);

        assertThatThrownBy(() -> mailer.send(MESSAGE))
                .isInstanceOf(MailException.class)
                .hasMessageContaining("no SMTP server is configured");
    }

    @Test
    void withoutSmtpTheMessageGoesToSendmail() throws Exception {
        Path out = dir.resolve("out.eml");
        Path program = dir.resolve("sendmail");
        Files.writeString(program, "#!/bin/sh\ncat > " + out + "\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
        SettingsMailer mailer = new SettingsMailer(Settings::defaults,
                () -> Optional.of(new SendmailClient(program)));

        mailer.send(MESSAGE);

        assertThat(Files.readString(out)).contains("From: Support <support@example.com>", "To: a@example.com");
    }

    @Test
    void enabledSmtpIsUsedAndItsFailureIsAMailException() {
        Settings settings = Settings.defaults().withMerged((tools.jackson.databind.node.ObjectNode) Json.parse(
                "{\"smtp\":{\"enabled\":true,\"host\":\"127.0.0.1\",\"port\":1,\"password\":\"topsecret\"}}"));
        SettingsMailer mailer = new SettingsMailer(() -> settings, () -> {
            throw new AssertionError("sendmail must not be used when SMTP is enabled");
        });

        assertThatThrownBy(() -> mailer.send(MESSAGE))
                .isInstanceOf(MailException.class)
                .hasMessageContaining("SMTP 127.0.0.1:1")
                .hasMessageNotContaining("topsecret");
    }

    @Test
    void theSenderDefaultsToTheSettings() {
        Email email = SettingsMailer.toEmail(MESSAGE, Settings.defaults());
        assertThat(email.fromName()).isEqualTo("Support");
        assertThat(email.fromAddress()).isEqualTo("support@example.com");

        Email own = SettingsMailer.toEmail(new MailMessage("", "me@acme.test", List.of("a@example.com"), "s", "h", ""),
                Settings.defaults());
        assertThat(own.fromName()).isEmpty();
        assertThat(own.fromAddress()).isEqualTo("me@acme.test");
    }
}
