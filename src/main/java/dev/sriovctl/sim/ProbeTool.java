package dev.sriovctl.sim;

import dev.sriovctl.host.CommandResult;

import java.util.List;

/**
 * {@code sim-probe}: questions to the simulator itself, for tests and people rehearsing a change.
 * {@code sim-probe vf PCI} answers whether that VF's traffic reaches the wire (exit 0) or not (exit 1);
 * {@code sim-probe vfs} lists every VF.
 */
final class ProbeTool implements SimTool {

    @Override
    public boolean mutates(List<String> argv) {
        return false;
    }

    @Override
    public CommandResult run(SimHost host, List<String> argv) {
        if (argv.size() == 3 && argv.get(1).equals("vf")) {
            VfConnectivity c = host.vfConnectivity(argv.get(2));
            return SimTool.result(argv, c.connected() ? 0 : 1, line(c), "");
        }
        if (argv.size() == 2 && argv.get(1).equals("vfs")) {
            StringBuilder sb = new StringBuilder();
            boolean all = true;
            for (CardState c : host.state().cards) {
                for (PfState pf : c.pfs) {
                    for (VfState vf : pf.vfs) {
                        VfConnectivity v = host.vfConnectivity(SimKernel.vfPci(c, pf, vf.index));
                        all &= v.connected();
                        sb.append(line(v));
                    }
                }
            }
            return SimTool.result(argv, all ? 0 : 1, sb.toString(), "");
        }
        return SimTool.result(argv, 2, "", "usage: sim-probe vf PCI | sim-probe vfs\n");
    }

    private static String line(VfConnectivity c) {
        return c.vf() + ": " + (c.connected() ? "connected" : "no connectivity") + " (" + c.reason() + ")\n";
    }
}
