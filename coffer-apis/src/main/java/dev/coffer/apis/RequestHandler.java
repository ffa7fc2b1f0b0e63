package dev.coffer.apis;

/** Handles one API request: reads from and writes to the {@link RequestEvent}. */
@FunctionalInterface
public interface RequestHandler {

    /** Handles the request; an {@link ApiError} becomes the error response. */
    void handle(RequestEvent e) throws Exception;
}
