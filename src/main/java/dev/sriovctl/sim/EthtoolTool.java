package dev.sriovctl.sim;

import dev.sriovctl.host.CommandResult;

import java.util.List;

/**
 * {@code ethtool -i DEV} (driver information, in the format of fixtures/ethtool/ethtool-i-mlx5-cx4lx-ofed-vs-inbox.txt:
 * the inbox driver reports the kernel release as its version) and {@code ethtool -K DEV hw-tc-offload on|off}.
 */
final class EthtoolTool implements SimTool {

    @Override
    public boolean mutates(List<String> argv) {
        return argv.size() > 1 && (argv.get(1).equals("-K") || argv.get(1).equals("--features") || argv.get(1).equals("--offload"));
    }

    @Override
    public CommandResult run(SimHost host, List<String> argv) {
        if (argv.size() < 3) return SimTool.result(argv, 1, "", "ethtool: bad command line argument(s)\nFor more information run ethtool -h\n");
        String opt = argv.get(1);
        String dev = argv.get(2);
        NetdevState nd = host.kernel().netdev(dev).orElse(null);
        if (opt.equals("-i") || opt.equals("--driver")) {
            if (nd == null) return SimTool.result(argv, 71, "", "Cannot get driver information: No such device\n");
            return SimTool.result(argv, 0, info(host, nd), "");
        }
        if (opt.equals("-K") || opt.equals("--features") || opt.equals("--offload")) {
            if (nd == null) return SimTool.result(argv, 1, "", "Cannot get device feature names: No such device\n");
            for (int i = 3; i + 1 < argv.size(); i += 2) {
                if (!argv.get(i).equals("hw-tc-offload")) continue;
                nd.hwTcOffload = argv.get(i + 1).equals("on");
            }
            host.kernel().changed(false);
            return SimTool.result(argv, 0, "", "");
        }
        return SimTool.result(argv, 1, "", "ethtool " + opt + " is not simulated (supported: -i, -K hw-tc-offload)\n");
    }

    private static String info(SimHost host, NetdevState nd) {
        String driver = nd.driver == null ? "" : nd.driver;
        String version = host.state().kernelRelease;
        String fw = "";
        String bus = "";
        boolean stats = true;
        boolean test = false;
        boolean privFlags = false;
        PciRef r = nd.pci == null ? null : host.kernel().pci(nd.pci).orElse(null);
        if (r != null && !r.isPlatform()) {
            fw = r.card().firmware;
            if (nd.kind != NetdevKind.REP) bus = nd.pci;
            test = nd.kind == NetdevKind.PF;
            privFlags = nd.kind != NetdevKind.REP;
        } else if (r != null) {
            bus = nd.pci;
            fw = "3.30, 0x8000057e";
            test = true;
        } else if (nd.kind == NetdevKind.BOND) {
            fw = "2";
            stats = false;
        } else {
            stats = false;
        }
        return "driver: " + driver + "\n"
                + "version: " + version + "\n"
                + "firmware-version: " + fw + "\n"
                + "expansion-rom-version: \n"
                + "bus-info: " + bus + "\n"
                + "supports-statistics: " + (stats ? "yes" : "no") + "\n"
                + "supports-test: " + (test ? "yes" : "no") + "\n"
                + "supports-eeprom-access: no\n"
                + "supports-register-dump: no\n"
                + "supports-priv-flags: " + (privFlags ? "yes" : "no") + "\n";
    }
}
