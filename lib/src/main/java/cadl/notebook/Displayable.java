package cadl.notebook;

import java.util.Map;

/**
 * Something a notebook can show as a cell output: a figure, an image, a GIF, a table, a graph drawing.
 *
 * <p>The library knows nothing about the Jupyter kernel in use; each kernel's init script
 * (see {@code kernel/}) teaches its {@code display(...)} to render a {@code Displayable} by
 * sending every entry of {@link #mimeBundle()} as one rich output.
 */
public interface Displayable {

    /**
     * The representations of this object, most specific first, keyed by MIME type.
     * Binary types ({@code image/png}, {@code image/gif}) are base64 strings; text types
     * ({@code text/html}, {@code text/plain}) are the text itself. Always holds
     * {@code text/plain}, the fallback a plain console shows.
     */
    Map<String, String> mimeBundle();
}
