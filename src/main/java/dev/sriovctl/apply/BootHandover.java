package dev.sriovctl.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sriovctl.host.Host;
import dev.sriovctl.render.BootUnitsRenderer;

import java.util.Optional;

/**
 * The result file through which {@code sriovctl-pre.service} hands over to {@code sriovctl-post.service}
 * ({@value BootUnitsRenderer#RESULT_FILE}, on /run, so it belongs to this boot only).
 *
 * @param outcome how the pre phase ended; the post phase binds VFs only after a pre phase that converged
 */
public record BootHandover(String phase, Outcome outcome, String runId, String bootId, String at, String message) {

    static void write(Host host, BootHandover h) {
        try {
            host.writeFile(BootUnitsRenderer.RESULT_FILE, Journal.json().writeValueAsBytes(h), 0644);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The pre phase's result of this boot, if it ran. */
    static Optional<BootHandover> read(Host host) {
        Optional<byte[]> b = host.readBytes(BootUnitsRenderer.RESULT_FILE);
        if (b.isEmpty()) return Optional.empty();
        try {
            BootHandover h = Journal.json().readValue(b.get(), BootHandover.class);
            String boot = Executor.bootId(host);
            return h.bootId() != null && boot != null && !h.bootId().equals(boot) ? Optional.empty() : Optional.of(h);
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}
