package dev.sriovctl.pve;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The PVE API, as {@code /api2/json} paths ({@code /cluster/mapping/pci}). Two ways to reach it:
 * {@link PveClient} over HTTPS with an API token, or {@link PveshClient} through the local
 * {@code pvesh} command on a node (root, no token). Answers are the envelope's {@code data}
 * (a {@code NullNode} for a null answer); failures are {@link PveApiException}s.
 */
public interface PveApi {

    JsonNode get(String path, Form query);

    /** A synchronous update (PVE's PUT handlers return null). Never retried: see {@link PveClient}. */
    JsonNode put(String path, Form body);

    /** A create. Never retried. */
    JsonNode post(String path, Form body);

    /** Who talks to whom, for messages: "https://pve1:8006 as sriovctl@pve!ops", "pvesh on this node". */
    String describe();

    default JsonNode get(String path) {
        return get(path, Form.of());
    }
}
