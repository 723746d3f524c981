package dev.sriovctl.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code sriovctl sim status}: the simulator's own view, including what discovery cannot observe
 * (whether each VF's traffic reaches the wire) and the injected faults.
 */
public record SimStatus(String hostname, String kernel, int systemd, long mutations, long kernelLogLines,
                        List<NicStatus> nics, List<String> faults) {

    public record NicStatus(String slot, String profile, String switchId, LagStatus lag, List<PfStatus> pfs) {
    }

    public record LagStatus(boolean active, String type, Boolean sharedFdb, String mapping, String bond) {
    }

    public record PfStatus(String pci, String netdev, String driver, String eswitch, int numVfs, int totalVfs,
                           boolean portUp, String master, List<VfStatus> vfs) {
    }

    public record VfStatus(int index, String pci, String driver, String netdev, String representor, String mac,
                           boolean connected, String reason) {
    }

    public static SimStatus of(SimHost host) {
        SimState s = host.state();
        SimKernel k = host.kernel();
        List<NicStatus> nics = new ArrayList<>();
        for (CardState c : s.cards) {
            List<PfStatus> pfs = new ArrayList<>();
            for (PfState pf : c.pfs) {
                List<VfStatus> vfs = new ArrayList<>();
                for (VfState vf : pf.vfs) {
                    String pci = SimKernel.vfPci(c, pf, vf.index);
                    VfConnectivity con = k.vfConnectivity(pci);
                    vfs.add(new VfStatus(vf.index, pci, vf.driver, name(k, vf.netdev), name(k, vf.representor), vf.mac,
                            con.connected(), con.reason()));
                }
                NetdevState nd = pf.netdev == 0 ? null : k.netdev(pf.netdev);
                NetdevState master = nd == null || nd.master == 0 ? null : k.netdev(nd.master);
                pfs.add(new PfStatus(SimKernel.pfPci(c, pf), nd == null ? null : nd.name, pf.driver, pf.eswitch, pf.numVfs,
                        c.totalVfs, pf.portUp, master == null ? null : master.name, vfs));
            }
            LagStatus lag = null;
            if (SimKernel.profile(c).lag()) {
                NetdevState bond = c.lag.bond == 0 ? null : k.netdev(c.lag.bond);
                lag = new LagStatus(c.lag.active, c.lag.type, c.lag.active ? c.lag.sharedFdb : null,
                        c.lag.active ? "1:" + c.lag.map1 + " 2:" + c.lag.map2 : null, bond == null ? null : bond.name);
            }
            nics.add(new NicStatus(c.slot, c.profile, c.switchId, lag, pfs));
        }
        return new SimStatus(s.hostname, s.kernelRelease, s.systemd, s.mutations, s.logLines, nics, host.faults());
    }

    private static String name(SimKernel k, int ifindex) {
        NetdevState n = ifindex == 0 ? null : k.netdev(ifindex);
        return n == null ? null : n.name;
    }

    /** For people: one block per NIC. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("simulated host ").append(hostname).append("  kernel ").append(kernel).append("  udev naming systemd ")
                .append(systemd).append("  changes ").append(mutations).append("  kernel log ").append(kernelLogLines).append(" lines\n");
        for (NicStatus n : nics) {
            sb.append("\nNIC ").append(n.slot()).append("  ").append(n.profile()).append("  switch id ").append(n.switchId());
            if (n.lag() != null) {
                sb.append("  LAG ").append(n.lag().active() ? "active " + n.lag().type() + " (map " + n.lag().mapping()
                        + ", shared_fdb " + (Boolean.TRUE.equals(n.lag().sharedFdb()) ? "on" : "off") + ", bond " + n.lag().bond() + ")" : "disabled");
            }
            sb.append('\n');
            for (PfStatus p : n.pfs()) {
                sb.append("  PF ").append(p.pci()).append("  ").append(p.netdev()).append("  ").append(p.eswitch())
                        .append("  VFs ").append(p.numVfs()).append('/').append(p.totalVfs())
                        .append("  port link ").append(p.portUp() ? "up" : "DOWN");
                if (p.master() != null) sb.append("  master ").append(p.master());
                sb.append('\n');
                for (VfStatus v : p.vfs()) {
                    sb.append("    VF ").append(v.index()).append(' ').append(v.pci()).append("  driver ").append(v.driver())
                            .append("  representor ").append(v.representor()).append("  ")
                            .append(v.connected() ? "connected" : "NO CONNECTIVITY").append(" (").append(v.reason()).append(")\n");
                }
            }
        }
        sb.append(faults.isEmpty() ? "\nno faults\n" : "\nfaults:\n");
        for (String f : faults) sb.append("  ").append(f).append('\n');
        return sb.toString();
    }
}
