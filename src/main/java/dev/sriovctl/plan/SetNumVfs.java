package dev.sriovctl.plan;

import dev.sriovctl.host.CommandCatalog;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code sriov_numvfs}. A count changes only through 0 (the kernel answers EBUSY to N -> M;
 * netplan, one-deploy and sriov-network-operator all write 0 first), so a plan has a 0 step and a
 * 0 -> N step; going to 0 destroys every VF of the PF.
 */
public record SetNumVfs(String pfPci, String pfNetdev, int from, int to, String reason, boolean disruptive,
                        List<PriorVf> vfsBefore) implements Step {

    /**
     * A VF as it was before this step destroyed it: the undo creates it again and puts back its driver
     * and MAC (a re-created VF comes up autoprobed to mlx5_core, with a new MAC).
     *
     * @param driver      null when it was unbound
     * @param mac         its administrative MAC, or null when none was set
     * @param representor its representor's name (switchdev), or null
     */
    public record PriorVf(int index, String pci, String driver, String mac, String representor) {
    }

    public SetNumVfs {
        vfsBefore = vfsBefore == null ? List.of() : List.copyOf(vfsBefore);
    }

    public SetNumVfs(String pfPci, String pfNetdev, int from, int to, String reason, boolean disruptive) {
        this(pfPci, pfNetdev, from, to, reason, disruptive, List.of());
    }

    /** The driver new VFs are probed by (sriov_drivers_autoprobe): nothing to put back for them. */
    static final String AUTOPROBED = "mlx5_core";

    @Override
    public String subject() {
        return pfNetdev == null ? pfPci : pfPci + " (" + pfNetdev + ")";
    }

    @Override
    public String summary() {
        return from + " -> " + to + " VFs";
    }

    /** Going up: the count is 0. Going to 0: the VFs are as the plan saw them (so the checkpoint records them). */
    @Override
    public List<Probe> precondition() {
        if (to > 0) return List.of(new Probes.AttributeEquals(SysPaths.numVfs(pfPci), "0"));
        List<Probe> p = new ArrayList<>();
        for (PriorVf vf : vfsBefore) {
            if (vf.pci() != null) p.add(new Probes.DriverIs(vf.pci(), vf.driver()));
            if (vf.representor() != null) p.add(new Probes.PathExists(SysPaths.netdev(vf.representor())));
        }
        return p;
    }

    @Override
    public List<Action> actions() {
        return List.of(WriteAttribute.of(SysPaths.numVfs(pfPci), Integer.toString(to)));
    }

    @Override
    public List<Probe> verify() {
        return List.of(new Probes.AttributeEquals(SysPaths.numVfs(pfPci), Integer.toString(to)));
    }

    @Override
    public int verifySeconds() {
        return 30 + to;
    }

    @Override
    public Undo undo() {
        List<Action> a = new ArrayList<>();
        if (to > 0) a.add(WriteAttribute.of(SysPaths.numVfs(pfPci), "0"));
        if (from > 0) a.add(WriteAttribute.of(SysPaths.numVfs(pfPci), Integer.toString(from)));
        for (PriorVf vf : vfsBefore) {
            if (vf.pci() == null) continue;
            if (vf.mac() != null && pfNetdev != null && !vf.mac().equals("00:00:00:00:00:00")) {
                a.add(RunCommand.of(30, CommandCatalog.ipLinkSetVf(pfNetdev, vf.index(), "mac", vf.mac())));
            }
            if (vf.driver() == null) {
                a.add(new WriteAttribute(SysPaths.unbind(vf.pci()), vf.pci(), true));
            } else if (!vf.driver().equals(AUTOPROBED)) {
                a.add(WriteAttribute.of(SysPaths.driverOverride(vf.pci()), vf.driver()));
                a.add(new WriteAttribute(SysPaths.unbind(vf.pci()), vf.pci(), true));
                a.add(WriteAttribute.of(SysPaths.driversProbe(), vf.pci()));
            }
        }
        return new Undo(a, from > 0 && vfsBefore.isEmpty() ? "re-created VFs start with default settings; later steps' undos restore them" : null);
    }

    @Override
    public BootPhase bootPhase() {
        return BootPhase.PRE;
    }
}
