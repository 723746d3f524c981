package dev.sriovctl.sim;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a simulated host is, persisted as {@code sim/state.json}. Mutable on purpose: only
 * {@link SimKernel} changes it, one operation at a time, and {@link SimStore} writes it after each
 * mutating operation so a process killed mid-way leaves the host as the kernel would.
 */
final class SimState {
    int format = 1;
    String hostname;
    /** {@code uname -r}, e.g. {@code 6.8.12-4-pve}. */
    String kernelRelease;
    int kernelMajor;
    int kernelMinor;
    /** The systemd version whose udev names netdevs (252 on Debian 12 / PVE 8; 257 on Debian 13 / PVE 9). */
    int systemd;
    boolean iommu;
    boolean acs;
    /** debugfs on /sys/kernel/debug: systemd mounts it at boot (sys-kernel-debug.mount); a host may not have it. */
    boolean debugfsMounted = true;
    String cmdline;
    /** Simulated uptime; every log line and {@code Host.pause} advances it. */
    long clockMicros;
    /** Mutating operations so far (the crash fault counts them). */
    long mutations;
    int nextIfindex = 1;
    /** Lines in the kernel log (sim/kmsg); it only grows. */
    long logLines;
    long journalLines;
    List<PlatformDevice> platform = new ArrayList<>();
    List<CardState> cards = new ArrayList<>();
    List<NetdevState> netdevs = new ArrayList<>();
    /** Dynamic PCI ids added through {@code drivers/<driver>/new_id}: driver -> ["15b3 101e"]. */
    Map<String, List<String>> dynamicIds = new TreeMap<>();
    FaultState faults = new FaultState();
    /** Opaque state of plugged-in emulations, by owner: "ovs" (Open vSwitch database), "ifupdown2". */
    Map<String, JsonNode> extensions = new TreeMap<>();

    boolean kernelAtLeast(int major, int minor) {
        return kernelMajor > major || (kernelMajor == major && kernelMinor >= minor);
    }
}
