package dev.sriovctl.plan;

import dev.sriovctl.host.Host;
import dev.sriovctl.observe.ConfigFiles;
import dev.sriovctl.observe.ConfigFilesReader;
import dev.sriovctl.observe.Inventory;
import dev.sriovctl.observe.InventoryBuilder;
import dev.sriovctl.render.InterfacesRenderer;
import dev.sriovctl.spec.SpecDocument;
import dev.sriovctl.spec.SpecLoader;
import dev.sriovctl.spec.SpecProblem;
import dev.sriovctl.spec.ValidSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Plans a spec for a host in one call, for the {@code plan} and {@code apply} commands: observe
 * the host (inventory and configuration files, read only through {@link Host}), validate the spec
 * against it, then run the pure {@link Planner}. Every spec error is thrown at once as an
 * {@code InputException} (exit 2); nothing is changed.
 */
public final class HostPlanner {
    private HostPlanner() {
    }

    /** A plan with what it was made from; {@code warnings} are the spec's located warnings. */
    public record HostPlan(SpecDocument document, Inventory inventory, ConfigFiles files, List<SpecProblem> warnings, Plan plan) {

        /** {@code file:line:col} of a spec path, for findings. */
        public String locate(String specPath) {
            return document.sources().location(specPath).toString();
        }

        /** Plan findings at a spec value, as located warnings like the validator's. */
        public List<SpecProblem> locatedFindings() {
            List<SpecProblem> out = new ArrayList<>();
            for (Finding f : plan.findings()) {
                if (f.specPath() != null && f.level() == Finding.Level.WARNING) {
                    out.add(document.problem(dev.sriovctl.spec.Severity.WARNING, f.specPath(), f.message(), f.fix()));
                }
            }
            return out;
        }
    }

    /**
     * The VMs holding VFs now, from Proxmox VE's files on the host (qemu-server's reservations; pmxcfs for the
     * VM names). Best effort: a host that is not a Proxmox VE node, or whose files cannot be read, gives none.
     */
    static VfHolders holders(Host host) {
        try {
            return dev.sriovctl.pve.PveFacts.fromHost(host, null).map(f -> new VfHolders(f.holding(), f.source())).orElse(VfHolders.none());
        } catch (RuntimeException e) {
            return VfHolders.none();
        }
    }

    public static HostPlan plan(Host host, SpecLoader.Loaded loaded, PlanOptions options) {
        loaded.orThrow(); // a spec that does not parse is refused before the host is read
        Inventory inventory = InventoryBuilder.build(host);
        ConfigFiles files = ConfigFilesReader.read(host);
        ValidSpec spec = ValidSpec.of(loaded, inventory);
        Plan plan = Planner.plan(inventory, files, spec.document().spec(), options, holders(host));
        return new HostPlan(spec.document(), inventory, files, spec.warnings(), unreadInterfaces(host, files, plan));
    }

    /**
     * ifupdown2 reads /etc/network/interfaces and only what it sources: on a host without that file the
     * file the plan writes would never be read, and apply would fail at its read-back. Refused up front, on
     * hosts that can be changed only: a snapshot may just not have recorded /etc.
     */
    static Plan unreadInterfaces(Host host, ConfigFiles files, Plan plan) {
        if (!host.mutable() || files.exists(ConfigFilesReader.INTERFACES)) return plan;
        if (plan.files().stream().noneMatch(f -> f.path().equals(InterfacesRenderer.PATH))) return plan;
        List<Finding> findings = new ArrayList<>(plan.findings());
        findings.add(Finding.blocker(ConfigFilesReader.INTERFACES, "is missing on " + host.description() + ", so ifupdown2 would never read "
                        + InterfacesRenderer.PATH,
                "restore it (Proxmox VE's installer writes one with the management bridge vmbr0 and the line 'source "
                        + ConfigFilesReader.INTERFACES_D + "/*')").about(BootPhase.NONE));
        return new Plan(plan.hostname(), plan.steps(), plan.files(), findings, plan.target(), plan.guardedBridges());
    }
}
