package dev.sriovctl.cli;

import dev.sriovctl.host.Host;
import dev.sriovctl.pve.PveApi;
import dev.sriovctl.pve.PveApiException;
import dev.sriovctl.pve.PveFacts;
import dev.sriovctl.spec.SpecLoader;
import dev.sriovctl.spec.SpecProblem;
import dev.sriovctl.spec.ValidSpec;
import dev.sriovctl.verify.DoctorContext;
import dev.sriovctl.verify.Expectations;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * What doctor judges a host with, the same for {@code doctor} and {@code metrics}: the spec ({@code -f}),
 * this host's PVE node name ({@code --node}) and, with {@link PveOptions}, where the Proxmox facts come from
 * (the PVE API when {@code --api} is given, else /etc/pve on the host).
 */
public final class DoctorOptions {

    @Option(names = {"-f", "--file"}, paramLabel = "SPEC.yaml", description = "Judge the host against this spec too (docs/spec.md).")
    Path file;

    @Option(names = "--node", paramLabel = "NAME", description = "This host's Proxmox VE node name (default: its hostname up to the first dot).")
    String node;

    private SpecLoader.Loaded loaded;

    /** Reads the spec, if given: one that does not parse is refused before the host is read. */
    void readSpec() {
        loaded = file == null ? null : SpecLoader.read(file);
        if (loaded != null) loaded.orThrow();
    }

    /** The one place that builds doctor's input: the host, the spec (-f) and the Proxmox facts (API, else /etc/pve). */
    DoctorContext context(Host host, PveOptions pve, PrintWriter err) {
        DoctorContext ctx = DoctorContext.of(host).withPveNode(node);
        if (loaded != null) {
            ValidSpec valid = ValidSpec.of(loaded, ctx.inventory());
            for (SpecProblem w : valid.warnings()) err.println(w.render());
            ctx = ctx.withExpectations(Expectations.of(valid.target(), file.toString()));
        }
        if (pve.given()) {
            PveApi api = pve.open(host, System.getenv(), err);
            try {
                ctx = ctx.withProxmox(PveFacts.fromApi(api, node, host));
            } catch (PveApiException e) {
                throw PveOptions.failure(api, e);
            }
        }
        return ctx;
    }
}
