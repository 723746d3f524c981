package dev.sriovctl.plan;

import dev.sriovctl.host.CommandCatalog;

import dev.sriovctl.host.CommandResult;
import dev.sriovctl.host.Host;
import dev.sriovctl.observe.DevlinkEswitchParser;
import dev.sriovctl.observe.IpLinkJsonParser;
import dev.sriovctl.observe.ObservedLink;
import dev.sriovctl.observe.ParseException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** The probes, one record each; see {@link Probe}. */
public final class Probes {
    private Probes() {
    }

    /** A kernel attribute reads exactly this (surrounding whitespace ignored). */
    public record AttributeEquals(String path, String expected) implements Probe {
        @Override
        public Observation check(Host host) {
            Optional<String> v = host.read(path).map(String::strip);
            return Observation.of(v.isPresent() && v.get().equals(expected), v.orElse("(absent)"));
        }

        @Override
        public String display() {
            return path + " reads " + expected;
        }
    }

    public record PathExists(String path) implements Probe {
        @Override
        public Observation check(Host host) {
            boolean e = host.exists(path);
            return Observation.of(e, e ? "present" : "absent");
        }

        @Override
        public String display() {
            return path + " exists";
        }
    }

    public record PathAbsent(String path) implements Probe {
        @Override
        public Observation check(Host host) {
            boolean e = host.exists(path);
            return Observation.of(!e, e ? "present" : "absent");
        }

        @Override
        public String display() {
            return path + " is absent";
        }
    }

    /** A PCI device is bound to this driver; null means "bound to none". */
    public record DriverIs(String pci, String driver) implements Probe {
        @Override
        public Observation check(Host host) {
            String link = host.readLink("/sys/bus/pci/devices/" + pci + "/driver").orElse(null);
            String now = link == null ? null : link.substring(link.lastIndexOf('/') + 1);
            return Observation.of(driver == null ? now == null : driver.equals(now), now == null ? "(no driver)" : now);
        }

        @Override
        public String display() {
            return driver == null ? pci + " is bound to no driver" : pci + " is bound to " + driver;
        }
    }

    /** A file's content has this SHA-256 digest (the content itself is in the step that writes it). */
    public record FileContentIs(String path, String digest) implements Probe {
        public static FileContentIs of(String path, String content) {
            return new FileContentIs(path, Probes.sha256(content));
        }

        @Override
        public Observation check(Host host) {
            Optional<byte[]> b = host.readBytes(path);
            if (b.isEmpty()) return Observation.of(false, "(absent)");
            String h = Probes.sha256(b.get());
            return Observation.of(h.equals(digest), "sha256 " + h);
        }

        @Override
        public String display() {
            return path + " has the rendered content";
        }
    }

    /** {@code devlink -j dev eswitch show pci/<pf>} reports this mode. */
    public record DevlinkModeIs(String pci, String mode) implements Probe {
        @Override
        public Observation check(Host host) {
            Optional<CommandResult> r = host.run(CommandCatalog.devlinkEswitchShow(pci));
            if (r.isEmpty() || !r.get().ok()) return Observation.of(false, r.isEmpty() ? "devlink not available" : "devlink failed: " + r.get().stderr().strip());
            try {
                for (DevlinkEswitchParser.Eswitch e : DevlinkEswitchParser.parse(r.get().stdout())) {
                    if (e.device().equals("pci/" + pci)) return Observation.of(e.mode().toString().equals(mode), e.mode().toString());
                }
            } catch (ParseException e) {
                return Observation.of(false, "unreadable devlink output: " + e.getMessage());
            }
            return Observation.of(false, "pci/" + pci + " not listed");
        }

        @Override
        public String display() {
            return "devlink reports pci/" + pci + " in " + mode + " mode";
        }
    }

    /**
     * {@code ovs-vsctl --if-exists get <table> <record> <column>[:<key>]} prints this value (quotes
     * removed); a null expected value means the key is absent.
     */
    public record OvsValueIs(String table, String record, String column, String key, String expected) implements Probe {
        @Override
        public Observation check(Host host) {
            List<String> argv = CommandCatalog.ovsGet(table, record, key == null ? column : column + ":" + key);
            Optional<CommandResult> r = host.run(argv);
            if (r.isEmpty() || !r.get().ok()) return Observation.of(false, r.isEmpty() ? "ovs-vsctl not available" : "ovs-vsctl failed: " + r.get().stderr().strip());
            String v = unquote(r.get().stdout().strip());
            boolean absent = v.isEmpty() || v.equals("[]");
            return Observation.of(expected == null ? absent : expected.equals(v), absent ? "(absent)" : v);
        }

        @Override
        public String display() {
            String what = table + " " + record + " " + column + (key == null ? "" : ":" + key);
            return expected == null ? what + " is absent" : what + " is " + expected;
        }
    }

    /** {@code ovs-vsctl list-ports <bridge>} includes every one of these ports. */
    public record OvsPortsInclude(String bridge, List<String> ports) implements Probe {
        public OvsPortsInclude {
            ports = List.copyOf(ports);
        }

        @Override
        public Observation check(Host host) {
            Optional<List<String>> now = listPorts(host, bridge);
            if (now.isEmpty()) return Observation.of(false, "bridge " + bridge + " not readable");
            List<String> missing = ports.stream().filter(p -> !now.get().contains(p)).toList();
            return Observation.of(missing.isEmpty(), missing.isEmpty() ? "all present" : "missing: " + String.join(" ", missing));
        }

        @Override
        public String display() {
            return "bridge " + bridge + " has ports " + String.join(" ", ports);
        }
    }

    /** {@code ovs-vsctl list-ports <bridge>} has none of these ports. */
    public record OvsPortsExclude(String bridge, List<String> ports) implements Probe {
        public OvsPortsExclude {
            ports = List.copyOf(ports);
        }

        @Override
        public Observation check(Host host) {
            Optional<List<String>> now = listPorts(host, bridge);
            if (now.isEmpty()) return Observation.of(true, "bridge " + bridge + " absent");
            List<String> still = ports.stream().filter(p -> now.get().contains(p)).toList();
            return Observation.of(still.isEmpty(), still.isEmpty() ? "none present" : "still present: " + String.join(" ", still));
        }

        @Override
        public String display() {
            return "bridge " + bridge + " has no port " + String.join(" ", ports);
        }
    }

    /**
     * A VF setting as {@code ip -d -j link show dev <pf>} reports it: {@code mac}, {@code vlan},
     * {@code trust}, {@code spoofchk} or {@code max_tx_rate}.
     */
    public record VfSettingIs(String pfNetdev, int vf, String field, String expected) implements Probe {
        @Override
        public Observation check(Host host) {
            Optional<CommandResult> r = host.run(CommandCatalog.ipLinkShowDetails(pfNetdev));
            if (r.isEmpty() || !r.get().ok()) return Observation.of(false, r.isEmpty() ? "ip not available" : "ip failed: " + r.get().stderr().strip());
            try {
                for (ObservedLink l : IpLinkJsonParser.parse(r.get().stdout())) {
                    for (ObservedLink.VfSettings s : l.vfs()) {
                        if (s.vf() != vf) continue;
                        String now = switch (field) {
                            case "mac" -> s.mac();
                            case "vlan" -> s.vlan() == null ? null : s.vlan().toString();
                            case "trust" -> s.trust() == null ? null : (s.trust() ? "on" : "off");
                            case "spoofchk" -> s.spoofchk() == null ? null : (s.spoofchk() ? "on" : "off");
                            case "max_tx_rate" -> s.maxTxRate() == null ? null : s.maxTxRate().toString();
                            default -> null;
                        };
                        return Observation.of(expected.equalsIgnoreCase(String.valueOf(now)), String.valueOf(now));
                    }
                }
            } catch (ParseException e) {
                return Observation.of(false, "unreadable ip output: " + e.getMessage());
            }
            return Observation.of(false, "vf " + vf + " not listed");
        }

        @Override
        public String display() {
            return pfNetdev + " vf " + vf + " " + field + " is " + expected;
        }
    }

    /** A command exits 0 (a daemon answers). */
    public record CommandSucceeds(List<String> argv) implements Probe {
        public CommandSucceeds {
            argv = List.copyOf(argv);
        }

        @Override
        public Observation check(Host host) {
            Optional<CommandResult> r = host.run(argv);
            return Observation.of(r.isPresent() && r.get().ok(), r.isEmpty() ? "not available" : "exit " + r.get().exitCode());
        }

        @Override
        public String display() {
            return String.join(" ", argv) + " succeeds";
        }
    }

    /** A file system of this type is mounted here ({@code /proc/mounts}: device, mount point, type, ...). */
    public record Mounted(String fsType, String mountPoint) implements Probe {
        @Override
        public Observation check(Host host) {
            Optional<String> mounts = host.read("/proc/mounts");
            if (mounts.isEmpty()) return Observation.of(false, "/proc/mounts is not readable");
            boolean m = isMounted(mounts.get(), fsType, mountPoint);
            return Observation.of(m, m ? "mounted" : "not mounted");
        }

        @Override
        public String display() {
            return fsType + " is mounted on " + mountPoint;
        }

        public static boolean isMounted(String procMounts, String fsType, String mountPoint) {
            return procMounts.lines().map(l -> l.split("\\s+")).anyMatch(f -> f.length >= 3 && f[1].equals(mountPoint) && f[2].equals(fsType));
        }
    }

    /**
     * mlx5's {@code lag/state} in debugfs can be read (kernel 5.19+, debugfs mounted). When not, the
     * reading says which of the two is missing, so a refusal or a timed-out wait explains itself.
     */
    public record LagStateReadable(String pfPci) implements Probe {
        @Override
        public Observation check(Host host) {
            Optional<String> v = host.read(SysPaths.lagState(pfPci));
            return v.isPresent() ? Observation.of(true, "readable") : Observation.of(false, whyNoLagState(host, pfPci));
        }

        @Override
        public String display() {
            return SysPaths.lagState(pfPci) + " is readable";
        }
    }

    /** The hardware LAG's {@code lag/state} reads this ({@code active} or {@code disabled}). */
    public record LagStateIs(String pfPci, String expected) implements Probe {
        @Override
        public Observation check(Host host) {
            Optional<String> v = host.read(SysPaths.lagState(pfPci)).map(String::strip);
            if (v.isEmpty()) return Observation.of(false, whyNoLagState(host, pfPci));
            return Observation.of(v.get().equals(expected), v.get());
        }

        @Override
        public String display() {
            return SysPaths.lagState(pfPci) + " reads " + expected
                    + (expected.equals("active") ? " (if it stays disabled: a VF is bound, or the bond is not exactly the two PFs in a supported mode;"
                    + " the kernel log says which: dmesg | grep -i lag, and sriovctl doctor explains it)" : "");
        }
    }

    /** Why {@code lag/state} is absent: debugfs not mounted, mlx5 without debugfs entries, or a kernel before 5.19. */
    static String whyNoLagState(Host host, String pfPci) {
        String debugfs = dev.sriovctl.host.CommandCatalog.DEBUGFS;
        Optional<String> mounts = host.read("/proc/mounts");
        if (mounts.isPresent() && !Mounted.isMounted(mounts.get(), "debugfs", debugfs)) {
            return "absent: debugfs is not mounted on " + debugfs + " (mount -t debugfs debugfs " + debugfs + ")";
        }
        if (!host.exists(debugfs + "/mlx5/" + pfPci)) {
            return "absent: " + debugfs + "/mlx5/" + pfPci + " does not exist (debugfs not mounted"
                    + (mounts.isPresent() ? "" : "?") + ", or mlx5_core does not drive " + pfPci + ")";
        }
        return "absent: mlx5 has no lag directory for " + pfPci + " (kernels before 5.19 do not show the LAG in debugfs;"
                + " the kernel log's \"lag map\" / \"Failed to activate VF LAG\" lines tell instead)";
    }

    static Optional<List<String>> listPorts(Host host, String bridge) {
        Optional<CommandResult> r = host.run(CommandCatalog.ovsListPorts(bridge));
        if (r.isEmpty() || !r.get().ok()) return Optional.empty();
        return Optional.of(r.get().stdout().lines().map(String::strip).filter(s -> !s.isEmpty()).toList());
    }

    static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1).replace("\\\"", "\"") : v;
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
