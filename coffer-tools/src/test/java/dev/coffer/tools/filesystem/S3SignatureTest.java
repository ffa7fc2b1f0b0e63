package dev.coffer.tools.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The signer against AWS's published Signature V4 examples. */
class S3SignatureTest {

    @Test
    void getVanillaOfTheSigV4TestSuite() {
        S3Signature signer = new S3Signature("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "us-east-1",
                "service");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "example.amazonaws.com");
        headers.put("X-Amz-Date", "20150830T123600Z");
        String auth = signer.authorization("GET", "/", Map.of(), headers, S3Signature.EMPTY_SHA256,
                Instant.parse("2015-08-30T12:36:00Z"));
        assertThat(auth).isEqualTo("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=host;x-amz-date, "
                + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    }

    @Test
    void s3GetObjectExampleOfTheS3Docs() {
        S3Signature signer = new S3Signature("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                "us-east-1", "s3");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", "examplebucket.s3.amazonaws.com");
        headers.put("range", "bytes=0-9");
        headers.put("x-amz-content-sha256", S3Signature.EMPTY_SHA256);
        headers.put("x-amz-date", "20130524T000000Z");
        String auth = signer.authorization("GET", "/test.txt", Map.of(), headers, S3Signature.EMPTY_SHA256,
                Instant.parse("2013-05-24T00:00:00Z"));
        assertThat(auth).endsWith("SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    }

    @Test
    void s3ListObjectsExampleOfTheS3DocsSortsAndEncodesTheQuery() {
        S3Signature signer = new S3Signature("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                "us-east-1", "s3");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", "examplebucket.s3.amazonaws.com");
        headers.put("x-amz-content-sha256", S3Signature.EMPTY_SHA256);
        headers.put("x-amz-date", "20130524T000000Z");
        Map<String, String> query = new LinkedHashMap<>();
        query.put("prefix", "J");
        query.put("max-keys", "2");
        String auth = signer.authorization("GET", "/", query, headers, S3Signature.EMPTY_SHA256,
                Instant.parse("2013-05-24T00:00:00Z"));
        assertThat(S3Signature.canonicalQuery(query)).isEqualTo("max-keys=2&prefix=J");
        assertThat(auth).endsWith("Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
    }

    @Test
    void encodingKeepsUnreservedCharactersAndSlashesInPaths() {
        assertThat(S3Signature.encode("a b/ü+~.txt", false)).isEqualTo("a%20b/%C3%BC%2B~.txt");
        assertThat(S3Signature.encode("a/b", true)).isEqualTo("a%2Fb");
    }
}
