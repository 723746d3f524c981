package dev.sriovctl.pve;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns an error answer into a {@link PveApiException} with a message a person can act on.
 * PVE's shapes (pve-common Exception.pm, pve-http-server Formatter/Standard.pm):
 * 400 "Parameter verification failed." with {@code errors: {param: msg}}; 403
 * "Permission check failed (PATH, PRIV)"; a plain {@code die} is 500 with its text; an unknown
 * path or method is 501; authentication failures are 401 without a JSON body. The JSON
 * {@code message} key exists since pve-http-server 5.2.0; older servers put the text only in the
 * HTTP reason phrase, which is used then.
 */
final class ApiErrors {
    private ApiErrors() {
    }

    /** PVE::Tools::assert_if_modified's text, and PCI.pm's "already defined" on a racing create. */
    static boolean isConflict(String message) {
        return message != null && (message.contains("detected modified configuration") || message.contains("already defined"));
    }

    static PveApiException fromAnswer(String method, String path, int status, String reason, JsonNode body, String via) {
        String call = method + " " + path;
        String text = null;
        Map<String, String> errors = new LinkedHashMap<>();
        if (body != null && body.isObject()) {
            JsonNode m = body.get("message");
            if (m != null && m.isTextual() && !m.asText().isBlank()) text = m.asText().strip();
            JsonNode e = body.get("errors");
            if (e != null && e.isObject()) e.fields().forEachRemaining(f -> errors.put(f.getKey(), f.getValue().asText().strip()));
        }
        if (text == null && reason != null && !reason.isBlank()) text = reason.strip();
        if (text == null) text = "HTTP " + status;
        return build(method, path, status, text, errors, via, call);
    }

    static PveApiException build(String method, String path, int status, String text, Map<String, String> errors, String via, String call) {
        String needs = RequiredPrivileges.of(method, path);
        return switch (status) {
            case 400 -> new PveApiException(PveApiException.Kind.BAD_REQUEST, status, call,
                    "PVE refused the parameters of " + call + ": " + text + paramList(errors), errors, null);
            case 401 -> new PveApiException(PveApiException.Kind.UNAUTHORIZED, status, call,
                    "PVE refused the API token (" + status + " " + text + ") at " + via
                            + ": check --token-id (USER@REALM!TOKENID) and the secret, and that the token exists and has not expired"
                            + " ('pveum user token list USER@REALM')", errors, null);
            case 403 -> new PveApiException(PveApiException.Kind.FORBIDDEN, status, call,
                    "permission denied for " + call + ": " + text
                            + (needs == null ? "" : "; this call needs " + needs)
                            + ". With privilege separation (the default) the token AND its user need it; see docs/proxmox.md", errors, null);
            case 501 -> new PveApiException(PveApiException.Kind.NOT_IMPLEMENTED, status, call,
                    "this PVE does not implement " + call + " (" + status + " " + text + "): PCI resource mappings need Proxmox VE 8.0 or newer",
                    errors, null);
            default -> isConflict(text)
                    ? new PveApiException(PveApiException.Kind.CONFLICT, status, call,
                    "the configuration changed meanwhile (" + text + "): nothing was written by " + call
                            + "; re-run the command to work from the new state", errors, null)
                    : new PveApiException(PveApiException.Kind.SERVER_ERROR, status, call,
                    "PVE failed " + call + " (" + status + "): " + text + paramList(errors), errors, null);
        };
    }

    private static String paramList(Map<String, String> errors) {
        if (errors.isEmpty()) return "";
        StringBuilder sb = new StringBuilder();
        errors.forEach((k, v) -> sb.append("\n  ").append(k).append(": ").append(v));
        return sb.toString();
    }
}
