package dev.sriovctl.observe;

import com.fasterxml.jackson.core.JsonProcessingException;

/** A command output that cannot be read; carries the line and column where reading stopped (1-based, 0 = unknown). */
public final class ParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final int column;

    public ParseException(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    static ParseException of(JsonProcessingException e) {
        var loc = e.getLocation();
        String msg = e.getOriginalMessage();
        int nl = msg.indexOf('\n');
        if (nl > 0) msg = msg.substring(0, nl);
        if (msg.contains("end-of-input")) msg = "output ends in the middle (truncated?): " + msg;
        return new ParseException(msg, loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr());
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
