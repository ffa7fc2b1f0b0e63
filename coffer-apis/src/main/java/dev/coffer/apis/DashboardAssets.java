package dev.coffer.apis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * The dashboard's files, read once from the {@code coffer-ui} module on the classpath (its {@code coffer-ui/}
 * folder, plus the web jars its {@code vendor.properties} names, mounted under {@code vendor/<name>/}), kept in
 * memory with their gzip forms, a build id (a digest of every file, so asset URLs change when any file does)
 * and the index page with the build id filled in and its import map's CSP hash.
 */
final class DashboardAssets {

    /** The classpath folder of the dashboard. */
    static final String ROOT = "coffer-ui/";
    private static final String WEBJARS = "META-INF/resources/webjars/";
    private static final Pattern IMPORT_MAP =
            Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL);
    private static final int GZIP_MIN = 512;

    /** One served file: its bytes, gzip bytes when smaller (else null), type and entity tag. */
    record Asset(byte[] bytes, byte[] gzip, String contentType, String etag) {}

    private final Map<String, Asset> files;
    private final String build;
    private final byte[] index;
    private final String importMapHash;

    private DashboardAssets(Map<String, Asset> files, String build, byte[] index, String importMapHash) {
        this.files = files;
        this.build = build;
        this.index = index;
        this.importMapHash = importMapHash;
    }

    /** The dashboard on the class loader's classpath, or empty when the coffer-ui module is not there. */
    static Optional<DashboardAssets> fromClasspath(ClassLoader loader) {
        URL index = loader.getResource(ROOT + "index.html");
        if (index == null) {
            return Optional.empty();
        }
        Map<String, byte[]> raw = new TreeMap<>(list(index, ROOT));
        byte[] vendorList = raw.remove("vendor.properties");
        if (vendorList != null) {
            Properties vendors = new Properties();
            try {
                vendors.load(new java.io.ByteArrayInputStream(vendorList));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (String name : new java.util.TreeSet<>(vendors.stringPropertyNames())) {
                String dir = WEBJARS + name + "/" + vendors.getProperty(name).trim() + "/";
                URL anchor = loader.getResource(dir + "package.json");
                if (anchor == null) {
                    throw new IllegalStateException("the dashboard's web jar " + name + " is not on the classpath");
                }
                list(anchor, dir).forEach((path, bytes) -> {
                    if (path.endsWith(".js") && !path.startsWith("development/") && !path.startsWith("node/")) {
                        raw.put("vendor/" + name + "/" + path, bytes);
                    }
                });
            }
        }
        return Optional.of(of(raw));
    }

    /**
     * The dashboard from a folder of the same layout as {@code coffer-ui/} (for working on the dashboard itself),
     * with the web jars of the classpath dashboard (read once by the caller; null when there is none).
     */
    static DashboardAssets fromDirectory(Path dir, DashboardAssets vendors) {
        Map<String, byte[]> raw = new TreeMap<>(walk(dir));
        raw.remove("vendor.properties");
        if (vendors != null) {
            vendors.files.forEach((path, asset) -> {
                if (path.startsWith("vendor/")) {
                    raw.put(path, asset.bytes());
                }
            });
        }
        return of(raw);
    }

    private static DashboardAssets of(Map<String, byte[]> raw) {
        byte[] template = raw.remove("index.html");
        if (template == null) {
            throw new IllegalStateException("the dashboard has no index.html");
        }
        MessageDigest all = sha256();
        raw.put("index.html", template); // the template is part of the build too
        for (Map.Entry<String, byte[]> f : raw.entrySet()) {
            all.update(f.getKey().getBytes(StandardCharsets.UTF_8));
            all.update((byte) 0);
            all.update(f.getValue());
        }
        raw.remove("index.html");
        String build = HexFormat.of().formatHex(all.digest()).substring(0, 12);
        Map<String, Asset> files = new TreeMap<>();
        raw.forEach((path, bytes) -> files.put(path, asset(path, bytes)));
        String page = new String(template, StandardCharsets.UTF_8).replace("{{build}}", build);
        Matcher m = IMPORT_MAP.matcher(page);
        String hash = m.find()
                ? "'sha256-" + Base64.getEncoder().encodeToString(sha256().digest(m.group(1).getBytes(StandardCharsets.UTF_8))) + "'"
                : "";
        return new DashboardAssets(Map.copyOf(files), build, page.getBytes(StandardCharsets.UTF_8), hash);
    }

    /** A served file of these bytes: its type from the path, its entity tag, and its gzip form when smaller. */
    static Asset asset(String path, byte[] bytes) {
        String etag = "\"" + HexFormat.of().formatHex(sha256().digest(bytes)).substring(0, 16) + "\"";
        byte[] gz = bytes.length >= GZIP_MIN ? gzip(bytes) : null;
        if (gz != null && gz.length >= bytes.length) {
            gz = null;
        }
        return new Asset(bytes, gz, contentType(path), etag);
    }

    /** The build id in asset URLs. */
    String build() {
        return build;
    }

    /** The index page (the build id filled in). */
    byte[] index() {
        return index;
    }

    /** The CSP source of the index page's inline import map ({@code 'sha256-…'}), or "" when it has none. */
    String importMapHash() {
        return importMapHash;
    }

    /** A file by its path under the dashboard root ({@code app/main.js}, {@code vendor/lit/index.js}). */
    Optional<Asset> file(String path) {
        return Optional.ofNullable(files.get(path));
    }

    static String contentType(String path) {
        String ext = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return switch (ext) {
            case "js", "mjs" -> "text/javascript; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "html" -> "text/html; charset=utf-8";
            case "json" -> "application/json";
            case "svg" -> "image/svg+xml";
            case "png" -> "image/png";
            case "woff2" -> "font/woff2";
            default -> "application/octet-stream";
        };
    }

    /** Every file under a classpath folder, by its path relative to it, given the URL of a file directly in it. */
    private static Map<String, byte[]> list(URL anchor, String folder) {
        try {
            if (anchor.getProtocol().equals("file")) {
                return walk(Path.of(anchor.toURI()).getParent()); // the anchor lies directly in the folder
            }
            if (anchor.getProtocol().equals("jar")) {
                JarURLConnection conn = (JarURLConnection) anchor.openConnection();
                conn.setUseCaches(false);
                Map<String, byte[]> out = new TreeMap<>();
                try (JarFile jar = conn.getJarFile()) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        JarEntry e = entries.nextElement();
                        if (!e.isDirectory() && e.getName().startsWith(folder)) {
                            try (InputStream in = jar.getInputStream(e)) {
                                out.put(e.getName().substring(folder.length()), in.readAllBytes());
                            }
                        }
                    }
                }
                return out;
            }
            throw new IllegalStateException("can't list the dashboard files at " + anchor);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, byte[]> walk(Path dir) {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
                out.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 3 + 64);
        try (GZIPOutputStream z = new GZIPOutputStream(out) {
            {
                def.setLevel(9);
            }
        }) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
