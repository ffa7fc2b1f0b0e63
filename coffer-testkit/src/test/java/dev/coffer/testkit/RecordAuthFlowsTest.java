package dev.coffer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.core.App;
import dev.coffer.core.mail.MailMessage;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.security.Jwt;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The token and code auth flows over HTTP on the PocketBase fixture, with mails captured instead of sent. */
class RecordAuthFlowsTest {

    private static final String PASSWORD = "1234567890";
    private static final String USERS_BASE = "/api/collections/users/";
    private static final String CLIENTS_BASE = "/api/collections/clients/";

    private TestApp app;
    private final List<MailMessage> mails = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        app = TestApp.fromFixture();
        core().setMailer(mails::add);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private App core() {
        return app.coffer().app();
    }

    private HttpResponse<String> post(String path, String token, String body) {
        return app.send("POST", path, token == null ? Map.of() : Map.of("Authorization", token), body);
    }

    private HttpResponse<String> login(String base, String identity, String password, String userAgent) {
        return app.send("POST", base + "auth-with-password", Map.of("User-Agent", userAgent),
                "{\"identity\":\"" + identity + "\",\"password\":\"" + password + "\"}");
    }

    private static JsonNode json(HttpResponse<String> r) {
        return Json.MAPPER.readTree(r.body());
    }

    /** Waits for the background mailer to hand over a mail. */
    private MailMessage awaitMail() throws InterruptedException {
        for (int i = 0; i < 100 && mails.isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertThat(mails).as("captured mails").hasSize(1);
        return mails.remove(0);
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex + " in " + text).isTrue();
        return m.group(1);
    }

    @Test
    void passwordResetMailsATokenThatSetsTheNewPasswordOnce() throws Exception {
        assertThat(post(CLIENTS_BASE + "request-password-reset", null, "{\"email\":\"test@example.com\"}").statusCode())
                .isEqualTo(204);
        MailMessage mail = awaitMail();
        assertThat(mail.to()).containsExactly("test@example.com");
        assertThat(mail.html()).doesNotContain("{APP_NAME}", "{TOKEN}");
        String token = find(mail.html(), "confirm-password-reset/([^\"]+)\"");

        String body = "{\"token\":\"" + token + "\",\"password\":\"new-pass-4321\",\"passwordConfirm\":\"new-pass-4321\"}";
        assertThat(post(CLIENTS_BASE + "confirm-password-reset", null, body).statusCode()).isEqualTo(204);

        assertThat(login(CLIENTS_BASE, "test@example.com", PASSWORD, "t").statusCode()).isEqualTo(400);
        assertThat(login(CLIENTS_BASE, "test@example.com", "new-pass-4321", "t").statusCode()).isEqualTo(200);
        HttpResponse<String> again = post(CLIENTS_BASE + "confirm-password-reset", null, body);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(json(again).path("data").path("token").path("code").asString()).isEqualTo("validation_invalid_token");
    }

    @Test
    void passwordResetAnswersTheSameForUnknownEmailsAndRepeatsWithoutMailing() throws Exception {
        assertThat(post(CLIENTS_BASE + "request-password-reset", null, "{\"email\":\"nobody@example.com\"}").statusCode())
                .isEqualTo(204);
        assertThat(post(CLIENTS_BASE + "request-password-reset", null, "{\"email\":\"test@example.com\"}").statusCode())
                .isEqualTo(204);
        awaitMail();
        assertThat(post(CLIENTS_BASE + "request-password-reset", null, "{\"email\":\"test@example.com\"}").statusCode())
                .isEqualTo(204);
        Thread.sleep(300);
        assertThat(mails).isEmpty();
    }

    @Test
    void passwordResetChecksTheConfirmation() {
        HttpResponse<String> r = post(CLIENTS_BASE + "confirm-password-reset", null,
                "{\"token\":\"x\",\"password\":\"abcdefgh1\",\"passwordConfirm\":\"other\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode data = json(r).path("data");
        assertThat(data.path("token").path("code").asString()).isEqualTo("validation_invalid_token");
        assertThat(data.path("passwordConfirm").path("code").asString()).isEqualTo("validation_values_mismatch");
    }

    @Test
    void otpCodeFromTheMailLogsInAndVerifiesTheEmail() throws Exception {
        HttpResponse<String> requested = post(USERS_BASE + "request-otp", null, "{\"email\":\"test@example.com\"}");
        assertThat(requested.statusCode()).isEqualTo(200);
        String otpId = json(requested).path("otpId").asString();
        MailMessage mail = awaitMail();
        assertThat(mail.subject()).doesNotContain("{APP_NAME}");
        assertThat(mail.html()).contains("{RECORD:tokenKey}").contains("Hello test1");
        String code = find(mail.html(), "<strong>(\\d{8})</strong>");
        awaitSentTo(otpId);

        HttpResponse<String> first = post(USERS_BASE + "auth-with-otp", null,
                "{\"otpId\":\"" + otpId + "\",\"password\":\"" + code + "\"}");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(401); // users require a second factor
        String mfaId = json(first).path("mfaId").asString();
        assertThat(core().records().findById(core().collections().find("users").orElseThrow(), "4q1xlclmfloku33")
                .orElseThrow().verified()).isTrue();

        HttpResponse<String> second = app.send("POST", USERS_BASE + "auth-with-password?mfaId=" + mfaId, Map.of(),
                "{\"identity\":\"test@example.com\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(json(second).path("record").path("id").asString()).isEqualTo("4q1xlclmfloku33");

        HttpResponse<String> reused = post(USERS_BASE + "auth-with-otp", null,
                "{\"otpId\":\"" + otpId + "\",\"password\":\"" + code + "\"}");
        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(json(reused).path("message").asString()).isEqualTo("Invalid or expired OTP.");
    }

    private void awaitSentTo(String otpId) throws InterruptedException {
        var otps = core().collections().find("_otps").orElseThrow();
        for (int i = 0; i < 100; i++) {
            if (!core().records().findById(otps, otpId).orElseThrow().getString("sentTo").isEmpty()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the OTP was not marked as sent");
    }

    @Test
    void otpForAnUnknownEmailGetsAnIdButNoMail() throws Exception {
        HttpResponse<String> r = post(USERS_BASE + "request-otp", null, "{\"email\":\"nobody@example.com\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).path("otpId").asString()).hasSize(15);
        Thread.sleep(300);
        assertThat(mails).isEmpty();
        assertThat(post(CLIENTS_BASE + "request-otp", null, "{\"email\":\"test@example.com\"}").statusCode()).isEqualTo(403);
    }

    @Test
    void wrongOtpCodesAreLimitedToFiveTries() throws Exception {
        String otpId = json(post(USERS_BASE + "request-otp", null, "{\"email\":\"test2@example.com\"}")).path("otpId").asString();
        awaitMail();
        String wrong = "{\"otpId\":\"" + otpId + "\",\"password\":\"00000000x\"}";
        for (int i = 0; i < 5; i++) {
            assertThat(post(USERS_BASE + "auth-with-otp", null, wrong).statusCode()).isEqualTo(400);
        }
        HttpResponse<String> limited = post(USERS_BASE + "auth-with-otp", null, wrong);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(json(limited).path("message").asString()).isEqualTo("Too many attempts, please try again later with a new OTP.");
    }

    @Test
    void impersonationGivesASuperuserANonRefreshableTokenOfTheRequestedDuration() {
        String superuser = json(login("/api/collections/_superusers/", "test@example.com", PASSWORD, "t")).path("token").asString();
        HttpResponse<String> r = post(USERS_BASE + "impersonate/4q1xlclmfloku33", superuser, "{\"duration\":100}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String token = json(r).path("token").asString();
        Map<String, Object> claims = Jwt.unverifiedClaims(token).orElseThrow();
        assertThat(claims).containsEntry("refreshable", false).containsEntry("id", "4q1xlclmfloku33");
        long exp = ((Number) claims.get("exp")).longValue();
        assertThat(exp - Instant.now().getEpochSecond()).isBetween(90L, 101L);

        HttpResponse<String> refreshed = post(USERS_BASE + "auth-refresh", token, null);
        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(json(refreshed).path("token").asString()).isEqualTo(token);

        assertThat(post(USERS_BASE + "impersonate/4q1xlclmfloku33", token, null).statusCode()).isEqualTo(403);
        assertThat(post(USERS_BASE + "impersonate/missing", superuser, null).statusCode()).isEqualTo(404);
        assertThat(post(USERS_BASE + "impersonate/4q1xlclmfloku33", superuser, "{\"duration\":-1}").statusCode()).isEqualTo(400);
    }

    @Test
    void emailChangeNeedsThePasswordAndInvalidatesEarlierTokens() throws Exception {
        String token = json(login(CLIENTS_BASE, "test@example.com", PASSWORD, "t")).path("token").asString();
        mails.clear(); // a login alert for the new origin
        assertThat(post(CLIENTS_BASE + "request-email-change", token, "{\"newEmail\":\"new@example.com\"}").statusCode())
                .isEqualTo(204);
        MailMessage mail = awaitMail();
        assertThat(mail.to()).containsExactly("new@example.com");
        String changeToken = find(mail.html(), "confirm-email-change/([^\"]+)\"");

        HttpResponse<String> wrong = post(CLIENTS_BASE + "confirm-email-change", null,
                "{\"token\":\"" + changeToken + "\",\"password\":\"wrong\"}");
        assertThat(json(wrong).path("data").path("password").path("code").asString()).isEqualTo("validation_invalid_password");
        String confirm = "{\"token\":\"" + changeToken + "\",\"password\":\"" + PASSWORD + "\"}";
        assertThat(post(CLIENTS_BASE + "confirm-email-change", null, confirm).statusCode()).isEqualTo(204);

        assertThat(post(CLIENTS_BASE + "auth-refresh", token, null).statusCode()).isEqualTo(401);
        assertThat(login(CLIENTS_BASE, "new@example.com", PASSWORD, "t").statusCode()).isEqualTo(200);
        assertThat(post(CLIENTS_BASE + "confirm-email-change", null, confirm).statusCode()).isEqualTo(400);
    }

    @Test
    void verificationMailConfirmsTheAddress() throws Exception {
        assertThat(login(CLIENTS_BASE, "test2@example.com", PASSWORD, "t").statusCode()).isEqualTo(403);
        assertThat(post(CLIENTS_BASE + "request-verification", null, "{\"email\":\"test2@example.com\"}").statusCode())
                .isEqualTo(204);
        MailMessage mail = awaitMail();
        String token = find(mail.html(), "confirm-verification/([^\"]+)\"");
        assertThat(Jwt.unverifiedClaims(token).orElseThrow()).containsEntry("type", "verification")
                .containsEntry("email", "test2@example.com");

        assertThat(post(USERS_BASE + "confirm-verification", null, "{\"token\":\"" + token + "\"}").statusCode()).isEqualTo(400);
        assertThat(post(CLIENTS_BASE + "confirm-verification", null, "{\"token\":\"" + token + "\"}").statusCode()).isEqualTo(204);
        assertThat(login(CLIENTS_BASE, "test2@example.com", PASSWORD, "t").statusCode()).isEqualTo(200);
    }

    @Test
    void loginFromANewOriginMailsAnAlertOnlyWhenTheRecordHadEarlierOrigins() throws Exception {
        assertThat(login(CLIENTS_BASE, "test@example.com", PASSWORD, "agent-one").statusCode()).isEqualTo(200);
        MailMessage alert = awaitMail();
        assertThat(alert.to()).containsExactly("test@example.com");
        assertThat(alert.html()).contains("agent-one");
        assertThat(login(CLIENTS_BASE, "test@example.com", PASSWORD, "agent-one").statusCode()).isEqualTo(200);
        assertThat(mails).isEmpty();

        String superuser = json(login("/api/collections/_superusers/", "test@example.com", PASSWORD, "t")).path("token").asString();
        mails.clear();
        String impersonated = json(post(USERS_BASE + "impersonate/bgs820n361vj1qd", superuser, null)).path("token").asString();
        assertThat(impersonated).isNotEmpty();
        assertThat(mails).as("impersonation is no login").isEmpty();
    }

    @Test
    void anOriginWhoseAlertCouldNotBeSentIsNotRemembered() throws Exception {
        core().setMailer(message -> {
            throw new IllegalStateException("SMTP unreachable");
        });
        // as PocketBase: the login succeeds, but the new origin is not stored, so the next login alerts again
        assertThat(login(CLIENTS_BASE, "test@example.com", PASSWORD, "agent-two").statusCode()).isEqualTo(200);
        core().setMailer(mails::add);
        assertThat(login(CLIENTS_BASE, "test@example.com", PASSWORD, "agent-two").statusCode()).isEqualTo(200);
        assertThat(awaitMail().html()).contains("agent-two");
        assertThat(login(CLIENTS_BASE, "test@example.com", PASSWORD, "agent-two").statusCode()).isEqualTo(200);
        assertThat(mails).as("the origin is known once its alert went out").isEmpty();
    }
}
