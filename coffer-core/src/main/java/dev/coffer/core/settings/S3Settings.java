package dev.coffer.core.settings;

import dev.coffer.tools.filesystem.S3Config;

/**
 * One S3 section of the settings ({@code s3} for record files, {@code backups.s3} for backups): whether it is on,
 * and the bucket to use when it is.
 *
 * @param enabled whether files go to the bucket instead of the local directory
 * @param connection the bucket, endpoint and credentials
 */
public record S3Settings(boolean enabled, S3Config connection) {}
