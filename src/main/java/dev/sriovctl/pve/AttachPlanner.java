package dev.sriovctl.pve;

import dev.sriovctl.InputException;
import dev.sriovctl.SourceLocation;
import dev.sriovctl.observe.Inventory;
import dev.sriovctl.observe.Pf;
import dev.sriovctl.observe.Vf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides which hostpci slots get {@code mapping=<id>} and refuses what would break a VM. Pure:
 * the cluster state comes in as records.
 *
 * <p>Facts it relies on (qemu-server src/PVE/QemuServer/PCI.pm, src/PVE/API2/Qemu.pm): an API
 * token is never root@pam, so it can only set {@code mapping=}, never raw addresses
 * ({@code check_hostpci_perm}); at each VM start every hostpci with a mapping takes the first free
 * entry of the VM's node ({@code choose_hostpci_devices}, "could not find a free device" when none
 * is left), so each such slot of every VM on that node consumes one entry; {@code pcie=1} needs the
 * q35 machine ("q35 machine model is not enabled" at start, not when set); a change to a running
 * VM is kept as pending ({@code vmconfig_hotplug_pending} has no hostpci branch) until Proxmox
 * next starts the VM.
 */
public final class AttachPlanner {
    private AttachPlanner() {
    }

    /** This host's discovered VFs, to check the drivers of the entries of its node (null: not checked). */
    public record LocalVfs(String node, Inventory inventory) {
    }

    public static AttachPlan plan(AttachRequest r, VmUse target, PciMapping mapping, List<VmUse> cluster, LocalVfs local) {
        VmConfig conf = target.config();
        String node = target.vm().node();
        String vm = target.label();
        SourceLocation where = SourceLocation.of(vm + " on " + node);
        if (target.vm().template()) {
            throw new InputException(where, "is a template", "attach VFs to the VMs cloned from it instead");
        }
        if (r.pcie() && !conf.isQ35()) {
            String machine = conf.options().getOrDefault("machine", "i440fx (the default)");
            throw new InputException(where, "has machine type '" + machine + "', but pcie=1 needs q35: the VM would not start ('q35 machine model is not enabled')",
                    "switch it to q35 first (qm set " + r.vmid() + " --machine q35, a change for the guest OS too), or attach without --pcie");
        }
        List<HostPci> mine = target.slotsOf(r.mapping());
        Map<String, String> set = new LinkedHashMap<>();
        if (r.pcie()) {
            for (HostPci h : mine) {
                if (!h.pcie()) set.put("hostpci" + h.index(), withPcie(h));
            }
        }
        int need = Math.max(0, r.count() - mine.size());
        List<MapEntry> entries = mapping.entriesFor(node);
        int used = 0;
        List<String> users = new ArrayList<>();
        for (VmUse u : cluster) {
            if (!node.equals(u.vm().node()) || !u.consumes()) continue;
            int n = u.slotsOf(r.mapping()).size();
            if (n > 0) {
                used += n;
                users.add(u.label() + ": " + n);
            }
        }
        List<String> notes = new ArrayList<>();
        if (mine.size() > r.count()) {
            notes.add(vm + " already has " + mine.size() + " hostpci entries with mapping '" + r.mapping() + "' (more than --count " + r.count() + "); none removed");
        }
        if (need > 0) {
            if (entries.isEmpty()) {
                throw new InputException(SourceLocation.of("mapping " + r.mapping()), "has no entry for node " + node + ", where " + vm + " runs",
                        "run 'sriovctl pve map --mapping " + r.mapping() + "' on " + node + " first");
            }
            int free = entries.size() - used;
            if (need > free) {
                throw new InputException(SourceLocation.of("mapping " + r.mapping() + " on " + node),
                        "has " + entries.size() + " VFs, " + used + " already taken by VMs" + (users.isEmpty() ? "" : " (" + String.join(", ", users) + ")")
                                + ", " + Math.max(0, free) + " free; " + vm + " needs " + need + " more: the last VMs to start would fail with 'could not find a free device'",
                        "create more VFs and re-run 'sriovctl pve map', or remove a hostpci entry from another VM");
            }
            List<Integer> slots = conf.freeSlots();
            if (slots.size() < need) {
                throw new InputException(where, "has only " + slots.size() + " free hostpci slots, " + need + " needed", "a VM has hostpci0..hostpci15");
            }
            for (int i = 0; i < need; i++) set.put("hostpci" + slots.get(i), HostPci.mappingValue(r.mapping(), r.pcie()));
        }
        if (!set.isEmpty()) checkDrivers(r.mapping(), node, entries, local, notes);
        if (!set.isEmpty() && target.vm().running()) {
            notes.add(vm + " is running: Proxmox keeps the new hostpci entries as a pending change and applies them when it next starts the VM"
                    + " (shutdown and start, or Reboot from Proxmox: GUI, API or 'qm reboot " + r.vmid() + "'); a reboot inside the guest does not apply them");
        }
        return new AttachPlan(r.vmid(), node, r.mapping(), set, need, mine.size(), entries.size(), used, target.vm().running(), notes);
    }

    private static String withPcie(HostPci h) {
        Map<String, String> kv = new LinkedHashMap<>();
        kv.put("mapping", h.mapping());
        kv.putAll(h.options());
        kv.put("pcie", "1");
        return PropertyString.format(kv);
    }

    /**
     * Any entry of the node may be chosen at start, so every one must be free for a VM: a VF bound
     * to a host driver other than vfio-pci would be taken from the host (PVE rebinds it), and an
     * entry that is no VF here means the hardware changed since the mapping was written.
     */
    private static void checkDrivers(String mapping, String node, List<MapEntry> entries, LocalVfs local, List<String> notes) {
        if (local == null || !node.equals(local.node())) {
            notes.add("VF drivers on " + node + " were not checked (this host is " + (local == null ? "unknown" : local.node())
                    + "): run 'sriovctl doctor' there (check vf-single-assignment)");
            return;
        }
        Map<String, Vf> vfs = new LinkedHashMap<>();
        for (Pf pf : local.inventory().pfs()) for (Vf vf : pf.vfs()) vfs.put(vf.pci(), vf);
        List<String> hostBound = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (MapEntry e : entries) {
            for (String p : e.paths()) {
                Optional<Vf> vf = Optional.ofNullable(vfs.get(p));
                if (vf.isEmpty()) missing.add(p);
                else if (vf.get().driver() != null && !vf.get().driver().equals("vfio-pci")) {
                    hostBound.add(p + " (" + vf.get().driver() + (vf.get().netdev() == null ? "" : ", netdev " + vf.get().netdev()) + ")");
                }
            }
        }
        if (!hostBound.isEmpty()) {
            throw new InputException(SourceLocation.of("mapping " + mapping + " on " + node),
                    "holds VFs bound to a host driver: " + String.join(", ", hostBound) + "; Proxmox picks any free entry at VM start and would take such a VF from the host",
                    "leave VFs meant for VMs unbound or on vfio-pci (sriovctl apply does), or leave them out: sriovctl pve map --mapping " + mapping + " --vfs ...");
        }
        if (!missing.isEmpty()) {
            throw new InputException(SourceLocation.of("mapping " + mapping + " on " + node),
                    "names devices that are not VFs on this host: " + missing.stream().collect(Collectors.joining(", ")) + " (hardware changed?)",
                    "re-run 'sriovctl pve map --mapping " + mapping + "' to rewrite this node's entries from discovery");
        }
    }
}
