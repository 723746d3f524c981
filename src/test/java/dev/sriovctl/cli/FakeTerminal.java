package dev.sriovctl.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * What a terminal shows of a stream of characters: a carriage return moves to column 0, a line feed ends the
 * line, printable characters overwrite at the cursor, SGR colour sequences change nothing visible (they are
 * counted, so a test can assert there were none). Enough to judge a one-line progress display.
 */
final class FakeTerminal extends Writer {

    private final List<String> lines = new ArrayList<>();
    private final StringBuilder current = new StringBuilder();
    private int cursor;
    private int escapes;
    private int pendingEscape = -1; // index into an escape sequence being read

    PrintWriter writer() {
        return new PrintWriter(this, true);
    }

    /** The finished lines (ended by a line feed). */
    List<String> lines() {
        return List.copyOf(lines);
    }

    /** The line the cursor is on, as shown (trailing blanks removed). */
    String screenLine() {
        return current.toString().stripTrailing();
    }

    int cursor() {
        return cursor;
    }

    int escapes() {
        return escapes;
    }

    @Override
    public void write(char[] buf, int off, int len) {
        for (int i = off; i < off + len; i++) put(buf[i]);
    }

    private void put(char c) {
        if (pendingEscape >= 0) {
            if (pendingEscape == 0 && c != '[') throw new AssertionError("unsupported escape ESC " + c);
            pendingEscape++;
            if (Character.isLetter(c)) {
                if (c != 'm') throw new AssertionError("a cursor-control sequence (ESC [ ... " + c + "), not a colour");
                pendingEscape = -1;
            }
            return;
        }
        switch (c) {
            case '\u001b' -> {
                escapes++;
                pendingEscape = 0;
            }
            case '\r' -> cursor = 0;
            case '\n' -> {
                lines.add(current.toString().stripTrailing());
                current.setLength(0);
                cursor = 0;
            }
            default -> {
                if (Character.isISOControl(c)) throw new AssertionError("control character " + (int) c + " on the terminal");
                while (current.length() < cursor) current.append(' ');
                if (cursor < current.length()) current.setCharAt(cursor, c);
                else current.append(c);
                cursor++;
            }
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
