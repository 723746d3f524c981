package dev.sriovctl.lab;

import dev.sriovctl.host.CommandResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether this machine can run the lab at all: root, the Debian packages (and the ifupdown2 .deb
 * for labs that use it), network namespaces.
 * These are the only reasons a lab test may skip; anything that goes wrong after them is a
 * failure. With {@code SRIOVCTL_LAB=require} (set by {@code .ci/run}) or {@code -Dsriovctl.lab=require},
 * a missing prerequisite fails instead of skipping, so CI can never pass by skipping the lab.
 */
final class LabPrerequisites {
    private LabPrerequisites() {
    }

    /** Files the lab needs, with the Debian package that ships each. */
    private static final Map<String, String> FILES = Map.of(
            "/usr/sbin/ovs-vswitchd", "openvswitch-switch",
            "/usr/sbin/ovsdb-server", "openvswitch-switch",
            "/usr/bin/ovsdb-tool", "openvswitch-common",
            "/usr/bin/ovs-vsctl", "openvswitch-switch",
            "/usr/bin/ovs-appctl", "openvswitch-common",
            "/usr/share/openvswitch/vswitch.ovsschema", "openvswitch-common",
            "/usr/sbin/ip", "iproute2",
            "/usr/bin/ping", "iputils-ping");

    /** Needed only by labs with ifupdown2: Debian's python3 and dpkg-deb to unpack the .deb. */
    private static final Map<String, String> IFUPDOWN2_FILES = Map.of(
            "/usr/bin/python3", "python3",
            "/usr/bin/dpkg-deb", "dpkg");

    /** Whether a missing prerequisite must fail rather than skip. */
    static boolean required() {
        return "require".equals(System.getProperty("sriovctl.lab", System.getenv("SRIOVCTL_LAB")));
    }

    /** Why the lab cannot start here, or empty when it can. */
    static Optional<String> missing(LabTopology topology) {
        if (!Files.isDirectory(Path.of("/proc/self"))) return Optional.of("not Linux (no /proc)");
        if (!isRoot()) {
            return Optional.of("not root: the lab creates network namespaces and veths (run as root, e.g. .ci/run)");
        }
        List<String> absent = new ArrayList<>();
        FILES.forEach((file, pkg) -> {
            if (!Files.exists(Path.of(file))) absent.add(file + " (" + pkg + ")");
        });
        if (topology.ifupdown2()) {
            IFUPDOWN2_FILES.forEach((file, pkg) -> {
                if (!Files.exists(Path.of(file))) absent.add(file + " (" + pkg + ")");
            });
        }
        if (!absent.isEmpty()) {
            return Optional.of("missing " + String.join(", ", absent.stream().sorted().toList())
                    + ": apt-get install --no-install-recommends openvswitch-switch openvswitch-common iperf3 iputils-ping python3 (what .ci/run does)");
        }
        if (topology.ifupdown2() && PrivateIfupdown2.deb().isEmpty()) {
            return Optional.of("no ifupdown2 .deb in " + PrivateIfupdown2.debCache()
                    + " and 'apt-get download ifupdown2' into it failed (run .ci/run as root, or set -Dsriovctl.lab.debs=DIR)");
        }
        return netnsProbe();
    }

    /** Creates and deletes a namespace: root inside an unprivileged container may still lack CAP_SYS_ADMIN. */
    private static Optional<String> netnsProbe() {
        String name = LabReaper.PREFIX + ProcessHandle.current().pid() + "-probe";
        CommandResult add = LabProcesses.run(List.of("ip", "netns", "add", name), Map.of(), Duration.ofSeconds(10));
        if (!add.ok()) {
            return Optional.of("cannot create a network namespace (ip netns add: " + add.stderr().strip() + ")");
        }
        LabProcesses.run(List.of("ip", "netns", "del", name), Map.of(), Duration.ofSeconds(10));
        return Optional.empty();
    }

    private static boolean isRoot() {
        return LabProcesses.read(Path.of("/proc/self/status")).stream()
                .flatMap(s -> s.lines())
                .filter(l -> l.startsWith("Uid:"))
                .anyMatch(l -> l.split("\\s+").length > 2 && l.split("\\s+")[2].equals("0")); // effective uid
    }
}
