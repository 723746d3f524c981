package dev.sriovctl.render;

/**
 * A file sriovctl writes on a host: absolute path, full content, octal mode (e.g. 0644).
 * Every rendered file starts with {@link #HEADER}, which is also how sriovctl recognises the
 * files it owns (it never edits a file without it).
 */
public record RenderedFile(String path, String content, int mode) {

    /** The first line of every file sriovctl writes. */
    public static final String HEADER = "# managed by sriovctl";

    public RenderedFile {
        if (!path.startsWith("/")) throw new IllegalArgumentException("rendered path must be absolute: " + path);
        if (!content.startsWith(HEADER)) throw new IllegalArgumentException("rendered file lacks the managed header: " + path);
    }

    /** Whether a file's current content carries sriovctl's header (so sriovctl may replace or remove it). */
    public static boolean isManaged(String content) {
        return content != null && content.startsWith(HEADER);
    }

    public String modeOctal() {
        return octal(mode);
    }

    /** A file mode as four octal digits ({@code 0644}); not String.format, whose first use is slow to set up. */
    public static String octal(int mode) {
        String o = Integer.toOctalString(mode);
        return o.length() >= 4 ? o : "0".repeat(4 - o.length()) + o;
    }
}
