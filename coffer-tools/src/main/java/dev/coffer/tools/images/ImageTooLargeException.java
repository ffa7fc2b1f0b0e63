package dev.coffer.tools.images;

import java.io.IOException;

/** An image with more pixels than {@link Thumbnails#MAX_PIXELS}, refused from its header before decoding. */
public final class ImageTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The exception for an image of the given size. */
    public ImageTooLargeException(long width, long height) {
        super("the image is too large for a thumbnail: " + width + "x" + height + " pixels (at most "
                + Thumbnails.MAX_PIXELS + ")");
    }
}
