package dev.coffer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.coffer.core.App;
import dev.coffer.core.mail.MailMessage;
import dev.coffer.tools.json.Json;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The settings endpoints over HTTP, with mail going to an in-process SMTP server. */
class SettingsApiTest {

    /** GreenMail gives its server 2 s to start by default: too little on a busy 2-core machine. */
    private static ServerSetup patient(ServerSetup setup) {
        setup.setServerStartupTimeout(20_000);
        return setup;
    }

    /** The fixture's long-lived auth token of users/4q1xlclmfloku33. */
    private static final String USER_TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJpZCI6IjRxMXhsY2xtZmxva3UzMyIsInR5cGUiOiJhdXRoIiwiY29sbGVjdGlvbklkIjoiX3BiX3VzZXJzX2F1dGhfIiwiZXhwIjoyNTI0NjA0NDYxLCJyZWZyZXNoYWJsZSI6dHJ1ZX0.ZT3F0Z3iM-xbGgSG3LEKiEzHrPHr8t8IuHLZGGNuxLo";

    private GreenMail smtp;
    private TestApp app;
    private String superuser;

    @BeforeEach
    void start() {
        smtp = new GreenMail(patient(ServerSetupTest.SMTP.dynamicPort()))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer", "smtp-pass"));
        smtp.start();
        app = TestApp.fromFixture();
        HttpResponse<String> r = app.send("POST", "/api/collections/_superusers/auth-with-password", Map.of(),
                "{\"identity\":\"test@example.com\",\"password\":\"1234567890\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        superuser = json(r).path("token").asString();
    }

    @AfterEach
    void stop() {
        app.close();
        smtp.stop();
    }

    private static JsonNode json(HttpResponse<String> r) {
        return Json.MAPPER.readTree(r.body());
    }

    private HttpResponse<String> send(String method, String path, String token, String body) {
        return app.send(method, path, token == null ? Map.of() : Map.of("Authorization", token), body);
    }

    private String smtpSettings(boolean withLogin) {
        return "{\"smtp\":{\"enabled\":true,\"host\":\"127.0.0.1\",\"port\":" + smtp.getSmtp().getPort()
                + (withLogin ? ",\"username\":\"mailer\",\"password\":\"smtp-pass\",\"authMethod\":\"LOGIN\"" : "")
                + "},\"meta\":{\"senderName\":\"Acme Mail\",\"senderAddress\":\"noreply@acme.test\"}}";
    }

    @Test
    void onlySuperusersReachTheSettings() {
        assertThat(send("GET", "/api/settings", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/settings", USER_TOKEN, null).statusCode()).isEqualTo(403);
        assertThat(send("PATCH", "/api/settings", USER_TOKEN, "{}").statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/settings/test/email", null, "{}").statusCode()).isEqualTo(401);
    }

    @Test
    void readingLeavesTheSecretsOut() {
        HttpResponse<String> patched = send("PATCH", "/api/settings", superuser,
                "{\"smtp\":{\"password\":\"p1\"},\"s3\":{\"secret\":\"s1\"},\"backups\":{\"s3\":{\"secret\":\"s2\"}}}");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);

        HttpResponse<String> r = send("GET", "/api/settings", superuser, null);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("password", "secret", "p1", "s1", "s2");
        JsonNode body = json(r);
        assertThat(body.path("meta").path("appName").asString()).isEqualTo("acme_test");
        assertThat(body.path("smtp").has("host")).isTrue();
        assertThat(app.coffer().app().settings().storedJson().path("smtp").path("password").asString()).isEqualTo("p1");
    }

    @Test
    void updatingValidatesThenStores() {
        HttpResponse<String> invalid = send("PATCH", "/api/settings", superuser,
                "{\"meta\":{\"appName\":\"\",\"appURL\":\"not a url\",\"senderAddress\":\"nope\"},"
                        + "\"smtp\":{\"enabled\":true,\"host\":\"\",\"authMethod\":\"CRAM\"},\"logs\":{\"maxDays\":-1},"
                        + "\"rateLimits\":{\"rules\":[{\"label\":\"/api/\",\"maxRequests\":1,\"duration\":1},"
                        + "{\"label\":\"/api/\",\"maxRequests\":2,\"duration\":1}]},\"superuserIPs\":[\"1.2.3.999\"]}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        JsonNode data = json(invalid).path("data");
        assertThat(json(invalid).path("message").asString()).isEqualTo("An error occurred while saving the new settings.");
        assertThat(data.at("/meta/appName/code").asString()).isEqualTo("validation_required");
        assertThat(data.at("/meta/appURL/code").asString()).isEqualTo("validation_is_url");
        assertThat(data.at("/meta/senderAddress/code").asString()).isEqualTo("validation_is_email");
        assertThat(data.at("/smtp/host/code").asString()).isEqualTo("validation_required");
        assertThat(data.at("/smtp/authMethod/code").asString()).isEqualTo("validation_in_invalid");
        assertThat(data.at("/logs/maxDays/code").asString()).isEqualTo("validation_min_greater_equal_than_required");
        assertThat(data.at("/rateLimits/rules/1/label/code").asString())
                .isEqualTo("validation_conflicting_rate_limit_rule");
        assertThat(data.at("/superuserIPs/0/code").asString()).isEqualTo("validation_invlaid_ip_or_subnet");
        assertThat(app.coffer().app().settings().appName()).isEqualTo("acme_test");

        assertThat(send("PATCH", "/api/settings", superuser, "{\"meta\":{\"appName\":5}}").statusCode())
                .isEqualTo(400);

        HttpResponse<String> ok = send("PATCH", "/api/settings", superuser,
                "{\"meta\":{\"appName\":\"Renamed\"},\"trustedProxy\":{\"headers\":[\"X-Real-IP\"]},\"unknown\":1}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(json(ok).at("/meta/appName").asString()).isEqualTo("Renamed");
        assertThat(json(ok).at("/meta/senderName").asString()).isEqualTo("Support");

        App core = app.coffer().app();
        core.reloadSettings();
        assertThat(core.settings().appName()).isEqualTo("Renamed");
        assertThat(core.settings().trustedProxyHeaders()).containsExactly("X-Real-IP");
        assertThat(core.settings().storedJson().has("unknown")).isFalse();
    }

    @Test
    void emptyBodyKeepsTheSettings() {
        HttpResponse<String> r = send("PATCH", "/api/settings", superuser, "");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).at("/meta/appName").asString()).isEqualTo("acme_test");
    }

    @Test
    void appMailerSendsThroughTheConfiguredSmtpServer() throws Exception {
        assertThat(send("PATCH", "/api/settings", superuser, smtpSettings(true)).statusCode()).isEqualTo(200);

        app.coffer().app().mailer().send(new MailMessage("", "", List.of("a@example.com", "b@example.com"),
                "Hello", "<p>Hi <strong>there</strong></p>", ""));

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(2);
        MimeMessage m = received[0];
        assertThat(m.getSubject()).isEqualTo("Hello");
        InternetAddress from = (InternetAddress) m.getFrom()[0];
        assertThat(from.getPersonal()).isEqualTo("Acme Mail");
        assertThat(from.getAddress()).isEqualTo("noreply@acme.test");
        assertThat(m.getHeader("To", ",")).contains("a@example.com", "b@example.com");
        MimeMultipart parts = (MimeMultipart) m.getContent();
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo("Hi there");
        assertThat((String) parts.getBodyPart(1).getContent()).isEqualTo("<p>Hi <strong>there</strong></p>");
    }

    @Test
    void testEmailArrivesAtTheSmtpServer() throws Exception {
        assertThat(send("PATCH", "/api/settings", superuser, smtpSettings(false)).statusCode()).isEqualTo(200);

        HttpResponse<String> r = send("POST", "/api/settings/test/email", superuser,
                "{\"template\":\"password-reset\",\"email\":\"someone@example.com\",\"collection\":\"users\"}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("Reset your acme_test password");
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("someone@example.com");
        MimeMultipart parts = (MimeMultipart) received[0].getContent();
        assertThat((String) parts.getBodyPart(1).getContent()).contains("Reset password", "__pb_test_name__");
        assertThat((String) parts.getBodyPart(0).getContent()).contains("[Reset password](http://localhost:8090/");
    }

    @Test
    void testEmailValidatesItsForm() {
        JsonNode empty = json(send("POST", "/api/settings/test/email", superuser, "{}"));
        assertThat(empty.at("/data/email/code").asString()).isEqualTo("validation_required");
        assertThat(empty.at("/data/template/code").asString()).isEqualTo("validation_required");

        JsonNode invalid = json(send("POST", "/api/settings/test/email", superuser,
                "{\"template\":\"welcome\",\"email\":\"x\",\"collection\":\"demo1\"}"));
        assertThat(invalid.at("/data/template/code").asString()).isEqualTo("validation_in_invalid");
        assertThat(invalid.at("/data/email/code").asString()).isEqualTo("validation_is_email");
        assertThat(invalid.at("/data/collection/code").asString()).isEqualTo("validation_invalid_auth_collection");
    }

    @Test
    void testEmailReportsAMailerFailure() {
        assertThat(send("PATCH", "/api/settings", superuser, smtpSettings(true)).statusCode()).isEqualTo(200);
        smtp.stop();

        HttpResponse<String> r = send("POST", "/api/settings/test/email", superuser,
                "{\"template\":\"otp\",\"email\":\"someone@example.com\"}");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("message").asString()).startsWith("Failed to send the test email. Raw error: \n");
        assertThat(r.body()).doesNotContain("smtp-pass");
    }

    @Test
    void s3TestNeedsEnabledStorage() {
        HttpResponse<String> invalid = send("POST", "/api/settings/test/s3", superuser, "{\"filesystem\":\"x\"}");
        assertThat(json(invalid).at("/data/filesystem/code").asString()).isEqualTo("validation_in_invalid");

        HttpResponse<String> disabled = send("POST", "/api/settings/test/s3", superuser, "{\"filesystem\":\"storage\"}");
        assertThat(disabled.statusCode()).isEqualTo(400);
        assertThat(json(disabled).path("message").asString()).contains("S3 storage filesystem is not enabled");
    }

    @Test
    void appleClientSecretIsSignedWithTheGivenKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        ObjectNode body = Json.object();
        body.put("clientId", "com.acme.app").put("teamId", "TEAM123456").put("keyId", "KEY1234567")
                .put("privateKey", pem).put("duration", 3600);

        HttpResponse<String> r = send("POST", "/api/settings/apple/generate-client-secret", superuser, body.toString());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        SignedJWT jwt = SignedJWT.parse(json(r).path("secret").asString());
        assertThat(jwt.verify(new ECDSAVerifier((ECPublicKey) keys.getPublic()))).isTrue();
        assertThat(jwt.getHeader().getKeyID()).isEqualTo("KEY1234567");
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("TEAM123456");
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("com.acme.app");
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("https://appleid.apple.com");

        JsonNode invalid = json(send("POST", "/api/settings/apple/generate-client-secret", superuser,
                "{\"clientId\":\"\",\"teamId\":\"1\",\"keyId\":\"1\",\"privateKey\":\"x\",\"duration\":-1}"));
        assertThat(invalid.at("/data/clientId/code").asString()).isEqualTo("validation_required");
        assertThat(invalid.at("/data/teamId/code").asString()).isEqualTo("validation_length_invalid");
        assertThat(invalid.at("/data/privateKey/code").asString()).isEqualTo("validation_match_invalid");
        assertThat(invalid.at("/data/duration/code").asString()).isEqualTo("validation_min_greater_equal_than_required");
    }
}
