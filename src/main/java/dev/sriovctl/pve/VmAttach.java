package dev.sriovctl.pve;

import dev.sriovctl.InputException;
import dev.sriovctl.SourceLocation;

import java.util.List;
import java.util.Map;

/**
 * {@code sriovctl pve attach}: reads the VM list, the mapping and the configuration of every VM
 * on the target VM's node (each one's hostpci slots with the mapping take that node's entries),
 * plans ({@link AttachPlanner}), then writes the new
 * hostpci options with one synchronous {@code PUT .../config} carrying the VM config's digest.
 */
public final class VmAttach {
    private VmAttach() {
    }

    public static AttachResult run(PveApi api, AttachRequest r, AttachPlanner.LocalVfs local) {
        List<VmRef> vms = ClusterReader.vms(api);
        VmRef ref = vms.stream().filter(v -> v.vmid() == r.vmid()).findFirst()
                .orElseThrow(() -> new InputException(SourceLocation.of("VMID " + r.vmid()),
                        "no such QEMU VM visible through " + api.describe(),
                        "check the id ('qm list' on the node); the token needs VM.Audit on /vms/" + r.vmid() + " to see it"));
        PciMapping mapping = ClusterReader.mapping(ClusterReader.mappings(api), r.mapping())
                .orElseThrow(() -> new InputException(SourceLocation.of("--mapping " + r.mapping()),
                        "no such PCI mapping visible through " + api.describe(),
                        "create it with 'sriovctl pve map --mapping " + r.mapping() + "' (the token needs Mapping.Use on /mapping/pci/" + r.mapping() + " to see it)"));
        // only VMs of the target's node compete for that node's entries; other nodes may even be offline
        List<VmUse> cluster = ClusterReader.uses(api, vms.stream()
                .filter(v -> v.vmid() == r.vmid() || (!v.template() && ref.node().equals(v.node()))).toList());
        VmUse target = cluster.stream().filter(u -> u.vm().vmid() == r.vmid()).findFirst().orElseThrow();
        AttachPlan plan = AttachPlanner.plan(r, target, mapping, cluster, local);
        if (plan.noop()) {
            return new AttachResult(r.vmid(), plan.node(), r.mapping(), api.describe(), "unchanged", Map.of(), 0, plan.vfsOnNode(),
                    plan.usedOnNode(), plan.running(), false, plan.notes());
        }
        if (!r.dryRun()) {
            Form body = Form.of();
            for (Map.Entry<String, String> e : plan.set().entrySet()) body = body.with(e.getKey(), e.getValue());
            if (target.config().digest() == null) {
                throw new PveApiException(PveApiException.Kind.MALFORMED, 200, "GET " + ClusterReader.configPath(plan.node(), r.vmid()),
                        "PVE did not return the digest of VM " + r.vmid() + "'s configuration: refusing to write without it (another change could be lost)", null, null);
            }
            body = body.with("digest", target.config().digest());
            api.put(ClusterReader.configPath(plan.node(), r.vmid()), body);
        }
        return new AttachResult(r.vmid(), plan.node(), r.mapping(), api.describe(), r.dryRun() ? "would attach" : "attached",
                plan.set(), plan.added(), plan.vfsOnNode(), plan.usedOnNode(), plan.running(), plan.running(), plan.notes());
    }
}
