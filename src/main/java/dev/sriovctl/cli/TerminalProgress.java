package dev.sriovctl.cli;

import dev.sriovctl.Progress;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;

/**
 * {@link Progress} on a terminal: one status line ("| [4/12] wait for 8 VFs  3 s of 22 s  5 virtfn links missing"),
 * redrawn in place after a carriage return and blanked when the wait ends, so nothing of it stays in the output.
 * No cursor-control escapes: a shorter line is padded with spaces over the longer one, which any terminal (the
 * Proxmox web console, a serial console) shows right. Colour only for the spinner and the detail, and only without
 * NO_COLOR (no-color.org: set and not empty).
 */
final class TerminalProgress implements Progress {

    private static final String SPINNER = "|/-\\";
    private static final String CYAN = "\u001b[36m";
    private static final String DIM = "\u001b[2m";
    private static final String RESET = "\u001b[0m";

    private final PrintWriter out;
    private final boolean colour;
    private final int width;
    private int shown;
    private int frame;

    TerminalProgress(PrintWriter out, boolean colour, int width) {
        this.out = out;
        this.colour = colour;
        this.width = width;
    }

    /**
     * The reporter of a command writing to {@code out}: drawn only for table output on a terminal.
     * {@code System.console()} is non-null only when stdin and stdout are a terminal, so the line goes to stdout,
     * the stream it vouches for (stderr may be a file); a command closes its waits before printing its result.
     */
    static Progress forCommand(OutputFormat format, PrintWriter out) {
        return choose(format, System.console() != null, System.getenv(), out);
    }

    /** The decision, apart from the process's own terminal and environment. */
    static Progress choose(OutputFormat format, boolean terminal, Map<String, String> env, PrintWriter out) {
        if (!terminal || format != OutputFormat.TABLE) return Progress.none();
        String noColor = env.get("NO_COLOR");
        return new TerminalProgress(out, noColor == null || noColor.isEmpty(), columns(env.get("COLUMNS")));
    }

    /** The terminal's width when the shell exported it, else 80; the line is cut to fit so it never wraps. */
    static int columns(String columns) {
        if (columns != null && columns.matches("\\d{2,4}")) return Integer.parseInt(columns);
        return 80;
    }

    @Override
    public Wait begin(String what, Duration limit) {
        draw(what, limit, null, null);
        return new Wait() {
            @Override
            public void update(Duration elapsed, String detail) {
                draw(what, limit, elapsed, detail);
            }

            @Override
            public void close() {
                erase();
            }
        };
    }

    /** A line that stays (a step's outcome) while a wait may be shown: the status line is blanked first. */
    void line(String text) {
        erase();
        out.println(text);
        out.flush();
    }

    private void draw(String what, Duration limit, Duration elapsed, String detail) {
        char spin = SPINNER.charAt(frame++ % SPINNER.length());
        String time = elapsed == null ? (limit == null ? "" : "up to " + seconds(limit))
                : limit == null ? seconds(elapsed) : seconds(elapsed) + " of " + seconds(limit);
        String head = oneLine(what) + (time.isEmpty() ? "" : "  " + time);
        String tail = detail == null || detail.isBlank() ? "" : "  " + oneLine(detail);
        int room = width - 1 - 2; // the last column stays free (some terminals wrap there), 2 for the spinner
        if (head.length() > room) {
            head = head.substring(0, Math.max(0, room - 3)) + "...";
            tail = "";
        } else if (head.length() + tail.length() > room) {
            tail = tail.substring(0, Math.max(0, room - head.length() - 3)) + "...";
        }
        int visible = 2 + head.length() + tail.length();
        StringBuilder sb = new StringBuilder("\r");
        sb.append(colour ? CYAN + spin + RESET : String.valueOf(spin)).append(' ').append(head);
        if (!tail.isEmpty()) sb.append(colour ? DIM + tail + RESET : tail);
        sb.append(" ".repeat(Math.max(0, shown - visible)));
        shown = visible;
        out.print(sb);
        out.flush();
    }

    private void erase() {
        if (shown == 0) return;
        out.print("\r" + " ".repeat(shown) + "\r");
        out.flush();
        shown = 0;
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + " s";
    }

    /** Control characters (a line feed in a message) would break the one-line display. */
    private static String oneLine(String s) {
        return s.replaceAll("\\p{Cntrl}", " ");
    }
}
