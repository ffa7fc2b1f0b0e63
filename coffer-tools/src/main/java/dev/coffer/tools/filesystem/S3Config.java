package dev.coffer.tools.filesystem;

/**
 * Where and how to reach an S3-compatible bucket.
 *
 * @param endpoint the service host, with or without {@code https://} / {@code http://} (no scheme means https);
 *     empty means AWS itself ({@code s3.<region>.amazonaws.com})
 * @param region the signing region, such as {@code us-east-1}
 * @param bucket the bucket name
 * @param accessKey the access key id
 * @param secret the secret access key
 * @param forcePathStyle whether the bucket goes in the path ({@code host/bucket/key}) instead of the host name
 *     ({@code bucket.host/key})
 */
public record S3Config(String endpoint, String region, String bucket, String accessKey, String secret,
        boolean forcePathStyle) {

    /** Nulls become empty strings. */
    public S3Config {
        endpoint = endpoint == null ? "" : endpoint.strip();
        region = region == null ? "" : region.strip();
        bucket = bucket == null ? "" : bucket.strip();
        accessKey = accessKey == null ? "" : accessKey;
        secret = secret == null ? "" : secret;
    }

    /** The secret is never part of the text form. */
    @Override
    public String toString() {
        return "S3Config[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", accessKey="
                + accessKey + ", forcePathStyle=" + forcePathStyle + "]";
    }
}
