package dev.sriovctl.pve;

import java.util.Map;
import java.util.TreeMap;

/**
 * A PVE API call failed. {@link #kind()} says how; {@link #badInput()} separates what the user
 * must fix (parameters, token, privileges: exit 2) from failures of the API or the connection
 * (exit 3). Messages name the call and never contain the token secret.
 */
public final class PveApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** 400: PVE refused the parameters ({@link #errors()} has them per parameter). */
        BAD_REQUEST,
        /** 401: the token was refused. */
        UNAUTHORIZED,
        /** 403: the token (or its user) lacks a privilege. */
        FORBIDDEN,
        /** The configuration changed between our read and our write (digest mismatch, or created meanwhile). */
        CONFLICT,
        /** 500 and other codes: the handler died with a message. */
        SERVER_ERROR,
        /** 501: no such API path or method on this PVE version. */
        NOT_IMPLEMENTED,
        /** The server's certificate was refused. */
        TLS,
        /** No answer within the timeout. */
        TIMEOUT,
        /** No connection (refused, unknown host, reset). */
        UNREACHABLE,
        /** The answer is not PVE's JSON envelope. */
        MALFORMED,
        /** The local pvesh command could not be run. */
        COMMAND
    }

    private final Kind kind;
    private final int status;
    private final String call;
    private final Map<String, String> errors;

    public PveApiException(Kind kind, int status, String call, String message, Map<String, String> errors, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.call = call;
        this.errors = errors == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(errors));
    }

    public PveApiException(Kind kind, String call, String message) {
        this(kind, -1, call, message, null, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status (or pvesh's code), or -1 when there was no answer. */
    public int status() {
        return status;
    }

    /** The call, e.g. {@code PUT /cluster/mapping/pci/network}. */
    public String call() {
        return call;
    }

    /** The per-parameter errors of a 400 answer. */
    public Map<String, String> errors() {
        return errors;
    }

    /** Whether the user must change what they gave (token, privileges, parameters): exit 2; else exit 3. */
    public boolean badInput() {
        return kind == Kind.BAD_REQUEST || kind == Kind.UNAUTHORIZED || kind == Kind.FORBIDDEN;
    }
}
