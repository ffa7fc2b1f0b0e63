package dev.coffer.core.auth;

import dev.coffer.core.App;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.field.FieldPassword;
import dev.coffer.core.record.Record;
import dev.coffer.tools.security.Passwords;
import dev.coffer.tools.security.RandomString;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Superuser accounts: the operations of the {@code superuser} CLI command, and the temporary installer superuser
 * behind the dashboard's first-run link.
 */
public final class Superusers {

    /**
     * The email of the installer superuser (PocketBase's): made when no other superuser exists, so a
     * short-lived token of it can open the dashboard's "create your first superuser" page; deleted as soon as
     * another superuser is created.
     */
    public static final String INSTALLER_EMAIL = "__pbinstaller@example.com";

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final App app;

    /** Creates the service for an app. */
    public Superusers(App app) {
        this.app = app;
    }

    private Collection collection() {
        return app.collections().find(Collection.SUPERUSERS_ID)
                .orElseThrow(() -> new IllegalStateException("missing " + Collection.SUPERUSERS + " collection"));
    }

    /** The superuser with this email (case-insensitive). */
    public Optional<Record> findByEmail(String email) {
        String where = app.db().dialect().equalIgnoringCase(app.db().dialect().quote("email"), "?");
        List<Record> found = app.records().query(collection(), where, List.of(email), 1);
        return found.stream().findFirst();
    }

    /** Creates or updates the superuser with this email and sets its password. */
    public Record upsert(String email, String password) {
        Record r = findByEmail(email).orElseGet(() -> new Record(collection()));
        return save(r, email, password);
    }

    /**
     * Creates a superuser.
     *
     * @throws IllegalArgumentException when one with this email exists or the input is invalid
     */
    public Record create(String email, String password) {
        if (findByEmail(email).isPresent()) {
            throw new IllegalArgumentException("superuser with email \"" + email + "\" already exists");
        }
        return save(new Record(collection()), email, password);
    }

    /**
     * Changes the password of an existing superuser.
     *
     * @throws IllegalArgumentException when there is no such superuser or the password is invalid
     */
    public Record update(String email, String password) {
        Record r = findByEmail(email)
                .orElseThrow(() -> new IllegalArgumentException("superuser with email \"" + email + "\" doesn't exist"));
        return save(r, r.email(), password);
    }

    /** Deletes a superuser; returns false when there was none. */
    public boolean delete(String email) {
        Optional<Record> r = findByEmail(email);
        r.ifPresent(app::delete);
        return r.isPresent();
    }

    /** Whether there is no superuser but the installer one (the dashboard then offers its installer). */
    public boolean installerNeeded() {
        return app.records().query(collection(), app.db().dialect().quote("email") + " != ?", List.of(INSTALLER_EMAIL), 1).isEmpty();
    }

    /** The installer superuser, created with a random password when it doesn't exist. */
    public Record installer() {
        return findByEmail(INSTALLER_EMAIL).orElseGet(() ->
                save(new Record(collection()), INSTALLER_EMAIL, RandomString.of(30, RandomString.ALPHANUMERIC_UNDERSCORE)));
    }

    /** Binds the hook that deletes the installer superuser once another superuser's creation has committed. */
    public static void bindInstallerCleanup(App app) {
        app.hooks().onRecordAfterCreateSuccess().bind("coffer:installerCleanup", -99, e -> {
            Record created = e.record();
            if (created.collection().isSuperusers() && !INSTALLER_EMAIL.equalsIgnoreCase(created.email())) {
                new Superusers(app).findByEmail(INSTALLER_EMAIL).ifPresent(app::delete);
            }
            e.next();
        });
    }

    private Record save(Record r, String email, String password) {
        if (email == null || !EMAIL.matcher(email).matches()) {
            throw new IllegalArgumentException("invalid email address \"" + email + "\"");
        }
        setPassword(r, password);
        r.set("email", email);
        app.save(r);
        return r;
    }

    /**
     * Validates a new password against the record's password field, stores its hash and rotates the token
     * key so tokens issued before stop working.
     *
     * @throws IllegalArgumentException when the password breaks the field's limits
     */
    public static void setPassword(Record r, String password) {
        FieldPassword field = (FieldPassword) r.collection().field("password")
                .orElseThrow(() -> new IllegalStateException("not an auth collection"));
        long min = Math.max(1, field.min());
        long max = field.max() <= 0 ? FieldPassword.MAX_LENGTH : field.max();
        int len = password == null ? 0 : password.codePointCount(0, password.length());
        if (len < min || len > max) {
            throw new IllegalArgumentException("the password must be between " + min + " and " + max + " characters");
        }
        if (!field.pattern().isEmpty() && !Pattern.compile(field.pattern()).matcher(password).find()) {
            throw new IllegalArgumentException("the password doesn't match the pattern " + field.pattern());
        }
        r.set("password", Passwords.hash(password, field.cost()));
        r.set("tokenKey", RandomString.of(50, RandomString.ALPHANUMERIC_UNDERSCORE));
    }
}
