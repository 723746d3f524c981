package dev.sriovctl.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds a lab's links and bridges (see the picture on {@link OvsLab}). */
final class LabWiring {
    private LabWiring() {
    }

    private static final AtomicInteger BATCHES = new AtomicInteger();

    /**
     * The veths (one {@code ip -batch} per namespace: the lab starts faster with few processes), the
     * tor bridge with its LACP bond, and the tor and vm hosts behind their veths.
     */
    static void torSide(OvsLab lab) {
        LabTopology topology = lab.topology();
        List<String> sw = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String up = topology.uplinks().get(i), tor = LabTopology.TOR_PORTS.get(i);
            sw.addAll(List.of("link add " + up + " type veth peer name " + tor, "link set " + up + " up", "link set " + tor + " up"));
        }
        List<String> ports = new ArrayList<>(List.of(LabTopology.TOR_HOST_PORT));
        ports.addAll(topology.representors());
        List<String> hostNs = new ArrayList<>(List.of(lab.torNamespace()));
        for (int i = 0; i < topology.representors().size(); i++) hostNs.add(lab.vmNamespace(i));
        for (int i = 0; i < ports.size(); i++) {
            // the peer is "eth0" inside its own namespace: names are per namespace, so no clash
            sw.add("link add " + ports.get(i) + " type veth peer name eth0 netns " + hostNs.get(i));
            sw.add("link set " + ports.get(i) + " up");
        }
        batch(lab, lab.switchNamespace(), sw);
        for (int i = 0; i < hostNs.size(); i++) {
            String address = i == 0 ? LabTopology.TOR_ADDRESS : LabTopology.vmAddress(i - 1);
            batch(lab, hostNs.get(i), List.of("link set lo up", "link set eth0 up",
                    "addr add " + address + "/" + LabTopology.PREFIX_LENGTH + " dev eth0"));
        }
        List<String> tor = new ArrayList<>(List.of("--", "add-br", LabTopology.TOR_BRIDGE,
                "--", "set", "Bridge", LabTopology.TOR_BRIDGE, "datapath_type=netdev",
                "--", "add-bond", LabTopology.TOR_BRIDGE, LabTopology.TOR_BOND));
        tor.addAll(LabTopology.TOR_PORTS);
        tor.addAll(OvsLab.BOND_OPTIONS);
        tor.addAll(List.of("--", "add-port", LabTopology.TOR_BRIDGE, LabTopology.TOR_HOST_PORT));
        lab.vsctlOk(tor.toArray(String[]::new));
    }

    /** Runs ip commands from a batch file, in {@code ns} (or, for null, this machine's namespace: "netns add"). */
    static void batch(OvsLab lab, String ns, List<String> lines) {
        Path file = lab.dir().resolve("tmp").resolve("ip-batch-" + BATCHES.incrementAndGet());
        try {
            Files.writeString(file, String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> argv = new ArrayList<>(List.of("ip"));
        if (ns != null) argv.addAll(List.of("-n", ns));
        argv.addAll(List.of("-batch", file.toString()));
        LabProcesses.check(argv, Map.of());
    }

    /** What the code under test would do; the harness does it with plain ovs-vsctl for labs that only test traffic. */
    static void hostBridge(OvsLab lab, LabTopology.HostBridge b) {
        LabTopology topology = lab.topology();
        // datapath_type=netdev in the same transaction as add-br (README section 2)
        List<String> args = new ArrayList<>(List.of("--", "add-br", b.bridge(), "--", "set", "Bridge", b.bridge(),
                "datapath_type=netdev", "--", "add-bond", b.bridge(), b.bond()));
        args.addAll(topology.uplinks());
        args.addAll(OvsLab.BOND_OPTIONS);
        for (String rep : topology.representors()) args.addAll(List.of("--", "add-port", b.bridge(), rep));
        lab.vsctlOk(args.toArray(String[]::new));
        batch(lab, lab.switchNamespace(), List.of("addr add " + LabTopology.BRIDGE_ADDRESS + "/" + LabTopology.PREFIX_LENGTH + " dev " + b.bridge(),
                "link set " + b.bridge() + " up"));
    }
}
