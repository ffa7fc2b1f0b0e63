package dev.coffer.tools.filesystem;

import java.io.IOException;

/** A request the S3 service answered with an error status; carries S3's error code and message when it sent them. */
public final class S3Exception extends IOException {

    private final int status;
    private final String code;

    /** An error of the given HTTP status, S3 code (may be empty) and message (may be empty). */
    public S3Exception(int status, String code, String message) {
        super(status + " " + (code.isEmpty() ? "S3ResponseError" : code) + (message.isEmpty() ? "" : ": " + message));
        this.status = status;
        this.code = code;
    }

    /** The HTTP status of the answer. */
    public int status() {
        return status;
    }

    /** S3's error code, such as {@code NoSuchBucket} or {@code SignatureDoesNotMatch} (empty when none was sent). */
    public String code() {
        return code;
    }
}
