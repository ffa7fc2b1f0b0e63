package dev.coffer.tools.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** AES-GCM in PocketBase's format: base64(nonce ‖ ciphertext ‖ tag). */
class AesGcmTest {

    private static final String KEY = "abcdefghijklmnopqrstuvwxyz012345";

    @Test
    void roundTripsWithAFreshNonceEachTime() {
        byte[] data = "{\"meta\":{\"appName\":\"x\"}}".getBytes(StandardCharsets.UTF_8);
        String a = AesGcm.encrypt(data, KEY);
        String b = AesGcm.encrypt(data, KEY);
        assertThat(a).isNotEqualTo(b);
        assertThat(Base64.getDecoder().decode(a)).hasSize(12 + data.length + 16);
        assertThat(AesGcm.decrypt(a, KEY)).isEqualTo(data);
        assertThat(AesGcm.decrypt(b, KEY)).isEqualTo(data);
    }

    @Test
    void opensATextAnotherImplementationMade() {
        // Node's crypto (aes-256-gcm, nonce 00..0b), laid out as Go's GCM Seal that PocketBase uses:
        // base64(nonce ‖ ciphertext ‖ tag)
        String fromNode = "AAECAwQFBgcICQoLHQzUBFgzryTNsT2XoPXeNWC+gkn3pV3iCSui";
        assertThat(new String(AesGcm.decrypt(fromNode, KEY), StandardCharsets.UTF_8)).isEqualTo("hello world");
    }

    @Test
    void refusesAWrongKeyBadTextAndBadKeyLengths() {
        String sealed = AesGcm.encrypt(new byte[] {1, 2, 3}, KEY);
        assertThatThrownBy(() -> AesGcm.decrypt(sealed, KEY.replace('a', 'b')))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("message authentication failed");
        assertThatThrownBy(() -> AesGcm.decrypt("{\"plain\":\"json\"}", KEY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AesGcm.encrypt(new byte[0], "short")).hasMessageContaining("16, 24 or 32 bytes");
        assertThat(AesGcm.isValidKey("0123456789abcdef")).isTrue();
        assertThat(AesGcm.isValidKey(KEY + "x")).isFalse();
    }
}
