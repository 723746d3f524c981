package dev.sriovctl.sim;

import dev.sriovctl.host.CommandResult;

import java.util.List;

/**
 * {@code ethtool -i DEV} (driver information, in the format of fixtures/ethtool/ethtool-i-mlx5-cx4lx-ofed-vs-inbox.txt:
 * the inbox driver reports the kernel release as its version), {@code ethtool -k DEV} and
 * {@code ethtool -K DEV hw-tc-offload on|off}.
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
        if (opt.equals("-k") || opt.equals("--show-features") || opt.equals("--show-offload")) {
            if (nd == null) return SimTool.result(argv, 1, "", "Cannot get device feature names: No such device\n");
            return SimTool.result(argv, 0, features(host, nd), "");
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
        return SimTool.result(argv, 1, "", "ethtool " + opt + " is not simulated (supported: -i, -k, -K hw-tc-offload)\n");
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

    /**
     * {@code ethtool -k}: the layout of a full listing (fixtures/ethtool/ethtool-i-and-k-virtio-full-hotsos.txt:
     * header, TAB-indented sub-features, {@code [fixed]}). Values: a ConnectX netdev's offloads on, its
     * hw-tc-offload as the driver set it (on for representors and switchdev uplinks, ethtool -K changes it);
     * virtual devices (bonds, bridges, OVS ports) have hw-tc-offload off [fixed]. Not every feature line of a
     * real mlx5 listing is reproduced.
     */
    private static String features(SimHost host, NetdevState nd) {
        PciRef r = nd.pci == null ? null : host.kernel().pci(nd.pci).orElse(null);
        boolean nic = r != null && !r.isPlatform();
        String hw = nic ? "on" : "off [fixed]";
        String fixedOff = "off [fixed]";
        String tc = nic ? (nd.hwTcOffload ? "on" : "off") : fixedOff;
        StringBuilder sb = new StringBuilder("Features for ").append(nd.name).append(":\n");
        line(sb, "rx-checksumming", nic ? "on" : fixedOff);
        line(sb, "tx-checksumming", nic ? "on" : fixedOff);
        sub(sb, "tx-checksum-ipv4", nic ? "on" : fixedOff);
        sub(sb, "tx-checksum-ip-generic", fixedOff);
        sub(sb, "tx-checksum-ipv6", nic ? "on" : fixedOff);
        sub(sb, "tx-checksum-fcoe-crc", fixedOff);
        sub(sb, "tx-checksum-sctp", fixedOff);
        line(sb, "scatter-gather", "on");
        sub(sb, "tx-scatter-gather", "on");
        sub(sb, "tx-scatter-gather-fraglist", fixedOff);
        line(sb, "tcp-segmentation-offload", nic ? "on" : "off");
        sub(sb, "tx-tcp-segmentation", nic ? "on" : "off");
        sub(sb, "tx-tcp-ecn-segmentation", fixedOff);
        sub(sb, "tx-tcp-mangleid-segmentation", "off");
        sub(sb, "tx-tcp6-segmentation", nic ? "on" : "off");
        line(sb, "generic-segmentation-offload", "on");
        line(sb, "generic-receive-offload", "on");
        line(sb, "large-receive-offload", "off");
        line(sb, "rx-vlan-offload", hw);
        line(sb, "tx-vlan-offload", hw);
        line(sb, "ntuple-filters", nic ? "off" : fixedOff);
        line(sb, "receive-hashing", hw);
        line(sb, "highdma", "on [fixed]");
        line(sb, "rx-vlan-filter", nic ? "on" : fixedOff);
        line(sb, "vlan-challenged", fixedOff);
        line(sb, "tx-lockless", fixedOff);
        line(sb, "netns-local", nd.kind == NetdevKind.REP ? "on [fixed]" : fixedOff);
        line(sb, "tx-gso-robust", fixedOff);
        line(sb, "loopback", nic ? "off" : fixedOff);
        line(sb, "rx-fcs", nic ? "off" : fixedOff);
        line(sb, "rx-all", nic ? "off" : fixedOff);
        line(sb, "l2-fwd-offload", fixedOff);
        line(sb, "hw-tc-offload", tc);
        line(sb, "esp-hw-offload", fixedOff);
        line(sb, "esp-tx-csum-hw-offload", fixedOff);
        line(sb, "rx-udp_tunnel-port-offload", nic ? "on" : fixedOff);
        line(sb, "tls-hw-tx-offload", fixedOff);
        line(sb, "tls-hw-rx-offload", fixedOff);
        line(sb, "rx-gro-hw", nic ? "off" : fixedOff);
        line(sb, "tls-hw-record", fixedOff);
        return sb.toString();
    }

    private static void line(StringBuilder sb, String name, String value) {
        sb.append(name).append(": ").append(value).append('\n');
    }

    private static void sub(StringBuilder sb, String name, String value) {
        sb.append('\t').append(name).append(": ").append(value).append('\n');
    }
}
