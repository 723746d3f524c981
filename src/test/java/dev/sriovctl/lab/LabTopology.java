package dev.sriovctl.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a lab is made of. Interface names live inside the lab's own namespaces, so they can be the
 * names a real host would have (the guide's {@code enp129s0f0np0}, representors {@code ovs-sw1pf0vf0})
 * without clashing with this machine's links.
 *
 * @param uplinks      the two "physical" ports on the host side; their veth peers are the tor bond members
 * @param representors VF representor stand-ins: each is a veth whose peer is {@code eth0} in its own "vm" namespace
 * @param hostBridge   when present, the harness builds the host bridge and bond itself (plain ovs-vsctl);
 *                     when absent, the code under test (or ifupdown2) is expected to build them
 * @param ifupdown2    whether to extract and patch Debian's ifupdown2 for this lab
 */
public record LabTopology(List<String> uplinks, List<String> representors, Optional<HostBridge> hostBridge,
                          boolean ifupdown2) {

    /** The bridge and LACP bond the harness builds on the host side, with the bridge's address. */
    public record HostBridge(String bridge, String bond) {
    }

    /** Linux IFNAMSIZ is 16 including the NUL; the names must also be usable as argv words. */
    private static final Pattern IFNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,14}");

    /** The lab's addresses: RFC 2544's benchmarking range, used only inside the lab's namespaces. */
    public static final String NET = "198.18.0";
    public static final String BRIDGE_ADDRESS = NET + ".1";
    public static final String TOR_ADDRESS = NET + ".254";
    public static final int PREFIX_LENGTH = 24;

    /** The tor side's fixed names: its bridge, its LACP bond, the bond members and the port to the tor host. */
    public static final String TOR_BRIDGE = "tor";
    public static final String TOR_BOND = "tor-bond";
    public static final List<String> TOR_PORTS = List.of("tor-p0", "tor-p1");
    public static final String TOR_HOST_PORT = "tor-host";

    public LabTopology {
        uplinks = List.copyOf(uplinks);
        representors = List.copyOf(representors);
        if (uplinks.size() != 2) throw new IllegalArgumentException("a lab has exactly two uplinks, got " + uplinks);
        if (representors.size() > 200) throw new IllegalArgumentException("at most 200 representors (addresses .10-.209)");
        List<String> all = new ArrayList<>(uplinks);
        all.addAll(representors);
        all.addAll(TOR_PORTS);
        all.add(TOR_HOST_PORT);
        hostBridge.ifPresent(b -> {
            all.add(b.bridge());
            all.add(b.bond());
        });
        for (String n : all) {
            if (!IFNAME.matcher(n).matches()) throw new IllegalArgumentException("not a usable interface name: '" + n + "'");
        }
        if (all.stream().distinct().count() != all.size()) throw new IllegalArgumentException("interface names repeat: " + all);
    }

    /**
     * The guide's host shape: uplinks {@code enp129s0f0np0}/{@code enp129s0f1np1} and {@code vfs}
     * representors {@code ovs-sw1pf0vf0..}, nothing on the host side yet.
     */
    public static LabTopology guideHost(int vfs) {
        List<String> reps = new ArrayList<>();
        for (int i = 0; i < vfs; i++) reps.add("ovs-sw1pf0vf" + i);
        return new LabTopology(List.of("enp129s0f0np0", "enp129s0f1np1"), reps, Optional.empty(), false);
    }

    /** The same lab with the host bridge and LACP bond built by the harness. */
    public LabTopology withHostBridge(String bridge, String bond) {
        return new LabTopology(uplinks, representors, Optional.of(new HostBridge(bridge, bond)), ifupdown2);
    }

    /** The same lab with a private copy of Debian's ifupdown2. */
    public LabTopology withIfupdown2() {
        return new LabTopology(uplinks, representors, hostBridge, true);
    }

    /** The address of the "vm" behind representor {@code index}: 198.18.0.10, .11, ... */
    public static String vmAddress(int index) {
        return NET + "." + (10 + index);
    }
}
