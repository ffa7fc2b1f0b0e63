package dev.coffer.tools.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SmtpClientTest {

    /** GreenMail gives its servers 2 s to start by default: too little on a busy 2-core machine. */
    private static final long STARTUP_MS = 20_000;

    private static ServerSetup patient(ServerSetup setup) {
        setup.setServerStartupTimeout(STARTUP_MS);
        return setup;
    }

    private GreenMail server;

    @BeforeEach
    void start() {
        server = new GreenMail(patient(ServerSetupTest.SMTP.dynamicPort()))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer", "s3cret-pass"));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private SmtpConfig config(String user, String password, SmtpAuth auth) {
        return SmtpConfig.of("127.0.0.1", server.getSmtp().getPort(), user, password, auth, false, "client.test");
    }

    private static Email email() {
        return new Email("Acme Support", "support@acme.test", List.of("a@example.com", "b@example.com"),
                "Héllo", "<p>Hi <a href=\"https://acme.test\">there</a></p>", "");
    }

    @Test
    void sendsWithoutLogin() throws Exception {
        new SmtpClient(config("", "", SmtpAuth.PLAIN)).send(email());

        MimeMessage[] received = server.getReceivedMessages();
        assertThat(received).hasSize(2); // one delivery per recipient
        MimeMessage m = received[0];
        assertThat(m.getSubject()).isEqualTo("Héllo");
        InternetAddress from = (InternetAddress) m.getFrom()[0];
        assertThat(from.getPersonal()).isEqualTo("Acme Support");
        assertThat(from.getAddress()).isEqualTo("support@acme.test");
        assertThat(Arrays.stream(m.getRecipients(Message.RecipientType.TO)).map(a -> ((InternetAddress) a).getAddress()))
                .containsExactly("a@example.com", "b@example.com");
        assertThat(m.getMessageID()).matches("<[a-z0-9]{15}@acme\\.test>");

        MimeMultipart parts = (MimeMultipart) m.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        assertThat(parts.getBodyPart(0).isMimeType("text/plain")).isTrue();
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo("Hi [there](https://acme.test)");
        assertThat(parts.getBodyPart(1).isMimeType("text/html")).isTrue();
        assertThat(parts.getBodyPart(1).getContent()).isEqualTo("<p>Hi <a href=\"https://acme.test\">there</a></p>");
    }

    @Test
    void logsInWithPlainOrLogin() throws Exception {
        new SmtpClient(config("mailer", "s3cret-pass", SmtpAuth.PLAIN)).send(email());
        new SmtpClient(config("mailer", "s3cret-pass", SmtpAuth.LOGIN)).send(
                new Email("", "x@acme.test", List.of("c@example.com"), "s", "<b>x</b>", "given text"));

        MimeMessage[] received = server.getReceivedMessages();
        assertThat(received).hasSize(3);
        MimeMultipart parts = (MimeMultipart) received[2].getContent();
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo("given text");
        assertThat(((InternetAddress) received[2].getFrom()[0]).getPersonal()).isNull();
    }

    @Test
    void refusedLoginFailsWithoutShowingThePassword() {
        SmtpClient client = new SmtpClient(config("mailer", "wrong-pass", SmtpAuth.PLAIN));

        assertThatThrownBy(() -> client.send(email()))
                .isInstanceOf(MailSendException.class)
                .hasMessageStartingWith("failed to send the email via SMTP 127.0.0.1:")
                .hasMessageNotContaining("wrong-pass");
        assertThat(server.getReceivedMessages()).isEmpty();
    }

    @Test
    void unreachableServerFailsClearly() {
        int port = server.getSmtp().getPort();
        server.stop();
        SmtpConfig c = new SmtpConfig("127.0.0.1", port, "", "", SmtpAuth.PLAIN, false, "",
                java.time.Duration.ofSeconds(2));

        assertThatThrownBy(() -> new SmtpClient(c).send(email()))
                .isInstanceOf(MailSendException.class)
                .hasMessageContaining("127.0.0.1:" + c.port());
    }

    @Test
    void configHidesThePassword() {
        assertThat(config("mailer", "s3cret-pass", SmtpAuth.LOGIN).toString())
                .contains("password=***").doesNotContain("s3cret-pass");
    }

    @Test
    void implicitTlsChecksTheServerCertificate() {
        GreenMail tlsServer = new GreenMail(patient(ServerSetupTest.SMTPS.dynamicPort()));
        tlsServer.start();
        try {
            SmtpConfig c = SmtpConfig.of("127.0.0.1", tlsServer.getSmtps().getPort(), "", "", SmtpAuth.PLAIN, true, "");

            // the test server's self-signed certificate is not trusted, so the handshake must fail
            assertThatThrownBy(() -> new SmtpClient(c).send(email()))
                    .isInstanceOf(MailSendException.class)
                    .hasMessageContaining("127.0.0.1:" + c.port());
            assertThat(tlsServer.getReceivedMessages()).isEmpty();
        } finally {
            tlsServer.stop();
        }
    }
}
