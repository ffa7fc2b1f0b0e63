package dev.coffer.apis;

import dev.coffer.core.inspect.Inference;
import dev.coffer.core.inspect.SampleException;
import dev.coffer.core.inspect.SampleFormat;
import dev.coffer.core.inspect.SampleInference;
import dev.coffer.core.inspect.SampleReader;
import dev.coffer.tools.filesystem.UploadedFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/**
 * {@code POST /api/collections/meta/infer} (superusers only): proposes a base collection for sample data. The
 * sample is a multipart upload (part {@code file}; optional values {@code name}, the collection's name, and
 * {@code partial}, true when the file is the first part of a longer one) or the raw body (its
 * {@code Content-Type} naming the format; {@code ?name=} and {@code ?partial=} as query parameters). CSV with a
 * header row, a JSON array of objects or NDJSON; at most the first 10,000 rows are examined. The answer is
 * {@link Inference#toJson()}: the collection as {@code POST /api/collections} takes it, each column's field and
 * profile, and the limits applied. Sample data that can't be read is a 400 saying why.
 */
public final class CollectionInferenceApi {

    /** The route. */
    public static final String PATH = "/api/collections/meta/infer";

    private CollectionInferenceApi() {}

    /** Registers the route. */
    public static void bind(ApiRouter router) {
        router.post(PATH, CollectionsApi.guarded(CollectionInferenceApi::infer));
    }

    private static void infer(RequestEvent e) {
        String fileName;
        String contentType;
        String name;
        boolean partial;
        InputStream in;
        if (MultipartForm.isMultipart(e.exchange().contentType())) {
            MultipartForm form = e.exchange().multipart();
            List<UploadedFile> files = form.files().getOrDefault("file", List.of());
            if (files.isEmpty()) {
                throw ApiError.badRequest("Upload the sample data as the multipart part \"file\".");
            }
            UploadedFile file = files.get(0);
            fileName = file.originalName();
            contentType = null;
            name = first(form.values().get("name"), fileName);
            partial = isTrue(first(form.values().get("partial"), ""));
            in = file.open();
        } else {
            fileName = null;
            contentType = e.exchange().contentType();
            name = e.query("name").isEmpty() ? "imported" : e.query("name");
            partial = isTrue(e.query("partial"));
            in = new ByteArrayInputStream(e.exchange().bodyBytes());
        }
        Inference inference;
        try (SampleReader reader = SampleReader.open(in, SampleFormat.declared(fileName, contentType), partial)) {
            inference = SampleInference.infer(reader, name, n -> e.app().collections().find(n).isPresent());
        } catch (SampleException ex) {
            throw ApiError.badRequest(ex.getMessage());
        } catch (IOException ex) {
            throw ApiError.badRequest("Failed to read the sample data.");
        }
        e.json(200, inference.toJson());
    }

    private static String first(List<String> values, String fallback) {
        return values == null || values.isEmpty() || values.get(0).isBlank() ? fallback : values.get(0);
    }

    private static boolean isTrue(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "1", "t", "true" -> true;
            default -> false;
        };
    }
}
