package dev.sriovctl;

import dev.sriovctl.observe.Bond;
import dev.sriovctl.observe.BondMember;
import dev.sriovctl.observe.EswitchMode;
import dev.sriovctl.observe.Inventory;
import dev.sriovctl.observe.Iommu;
import dev.sriovctl.observe.Lag;
import dev.sriovctl.observe.Nic;
import dev.sriovctl.observe.OvsBridge;
import dev.sriovctl.observe.OvsInterface;
import dev.sriovctl.observe.OvsPort;
import dev.sriovctl.observe.OvsState;
import dev.sriovctl.observe.Pf;
import dev.sriovctl.observe.Vf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Inventories for planner and validator tests, built as model records (not tool outputs): the
 * guide's host (one ConnectX-6 Lx, two ports, PCI 0000:81:00) fresh and converged, and variants.
 * Values follow the guide's own discovery (netdev names, maxmtu 9978, legacy switch id
 * 3264160003bd70c4); VF PCI addresses follow from the SR-IOV offset/stride given here.
 */
public final class TestHosts {
    private TestHosts() {
    }

    public static final String PF0 = "0000:81:00.0";
    public static final String PF1 = "0000:81:00.1";

    /** The guide's host before anything was done: both PFs legacy, no VFs, OVS installed and empty. */
    public static Inventory guideFresh() {
        return inventory(List.of(card("0000:81:00", pf0Fresh(), pf1Fresh())), freshOvs(), List.of());
    }

    /** The guide's host as sriovctl leaves it for examples/guide-host.yaml. */
    public static Inventory guideConverged() {
        Pf pf0 = new PfBuilder(pf0Fresh()).mode(EswitchMode.SWITCHDEV).switchId("52ac120003bd70c4").numVfs(4)
                .vfs(vfs(PF0, 2, 4, "ovs-sw1pf0vf", "vfio-pci", "c4:70:ff:ff:ff:e")).master("ovs-system").mtu(9000).build();
        Pf pf1 = new PfBuilder(pf1Fresh()).mode(EswitchMode.SWITCHDEV).switchId("52ac120003bd70c4").master("ovs-system").mtu(9000).build();
        List<OvsPort> ports = new ArrayList<>();
        ports.add(new OvsPort("bond1", List.of(iface("enp129s0f0np0"), iface("enp129s0f1np1")), "balance-tcp", "active", null,
                Map.of("lacp-fallback-ab", "true"), Map.of()));
        for (int i = 0; i < 4; i++) ports.add(new OvsPort("ovs-sw1pf0vf" + i, List.of(iface("ovs-sw1pf0vf" + i)), null, null, null, Map.of(), Map.of()));
        ports.add(new OvsPort("vmbr1", List.of(new OvsInterface("vmbr1", "internal", 9000, 9000, "up", "up", null)), null, null, null, Map.of(), Map.of()));
        OvsState ovs = new OvsState(true, "3.1.0", Map.of("hw-offload", "true", "tc-policy", "skip_sw"), Map.of(),
                List.of(new OvsBridge("vmbr1", "", Map.of(), Map.of(), ports)));
        Bond bond = new Bond("bond1", "ovs", "vmbr1", "balance-tcp",
                List.of(new BondMember("enp129s0f0np0", true, true, "current"), new BondMember("enp129s0f1np1", true, false, "current")),
                "negotiated", true, true, null);
        return inventory(List.of(card("0000:81:00", pf0, pf1)), ovs, List.of(bond));
    }

    /** A Proxmox VE install's /etc/network/interfaces: management on vmbr0, interfaces.d sourced. */
    public static final String PVE_INTERFACES = """
            auto lo
            iface lo inet loopback

            iface eno1 inet manual

            auto vmbr0
            iface vmbr0 inet static
            \taddress 10.0.0.2/24
            \tgateway 10.0.0.1
            \tbridge-ports eno1
            \tbridge-stp off
            \tbridge-fd 0

            source /etc/network/interfaces.d/*
            """;

    public static final String CMDLINE = "BOOT_IMAGE=/boot/vmlinuz-6.8.12-4-pve root=/dev/mapper/pve-root ro quiet";

    /** The configuration files of a fresh Proxmox VE host. */
    public static dev.sriovctl.observe.ConfigFiles freshFiles() {
        return new dev.sriovctl.observe.ConfigFiles(Map.of("/etc/network/interfaces", PVE_INTERFACES),
                Map.of("/etc/network/interfaces.d", List.of(), "/etc/udev/rules.d", List.of()), Map.of(), CMDLINE);
    }

    public static Inventory inventory(List<Nic> nics, OvsState ovs, List<Bond> bonds) {
        return new Inventory("pve1", "6.8.12-4-pve", "test inventory", new Iommu(true, 87), nics, ovs, bonds, List.of());
    }

    public static OvsState freshOvs() {
        return new OvsState(true, "3.1.0", Map.of(), Map.of(), List.of());
    }

    public static Nic card(String slot, Pf... pfs) {
        return new Nic(slot, "ConnectX-6 Lx", "15b3", "101f", "mlx5", true, List.of(pfs), null);
    }

    public static Nic card(String slot, Lag lag, Pf... pfs) {
        return new Nic(slot, "ConnectX-6 Lx", "15b3", "101f", "mlx5", true, List.of(pfs), lag);
    }

    public static Pf pf0Fresh() {
        return new Pf(PF0, "enp129s0f0np0", "mlx5_core", "15b3", "101f", "15b3:0016", "3264160003bd70c4", "p0",
                EswitchMode.LEGACY, "none", "basic", 8, 0, 2, 1, "101e", 1500, 9978, "c4:70:bd:16:64:32", "down", null,
                40, 0, "26.36.1010", List.of());
    }

    public static Pf pf1Fresh() {
        return new Pf(PF1, "enp129s0f1np1", "mlx5_core", "15b3", "101f", "15b3:0016", "3264160003bd70c4", "p1",
                EswitchMode.LEGACY, "none", "basic", 8, 0, 9, 1, "101e", 1500, 9978, "c4:70:bd:16:64:33", "down", null,
                41, 0, "26.36.1010", List.of());
    }

    /** {@code count} VFs from {@code offset} after the PF, named by a representor prefix (null = none). */
    public static List<Vf> vfs(String pfPci, int offset, int count, String repPrefix, String driver, String macPrefix) {
        List<Vf> out = new ArrayList<>();
        var base = dev.sriovctl.observe.PciAddress.parse(pfPci);
        for (int i = 0; i < count; i++) {
            String pci = base.plusRoutingId(offset + i).toString();
            out.add(new Vf(i, pci, "15b3", "101e", "15b3:0016", driver, null, repPrefix == null ? null : repPrefix + i,
                    macPrefix == null ? "00:00:00:00:00:00" : macPrefix + i, 0, false, false, "auto", 0, 60 + i, List.of()));
        }
        return out;
    }

    static OvsInterface iface(String name) {
        return new OvsInterface(name, "", 9000, 9000, "up", "up", null);
    }

    /** Changes one PF of a one-card inventory. */
    public static Inventory withPf(Inventory inv, String pci, UnaryOperator<PfBuilder> change) {
        List<Nic> nics = new ArrayList<>();
        for (Nic n : inv.nics()) {
            List<Pf> pfs = new ArrayList<>();
            for (Pf p : n.pfs()) pfs.add(p.pci().equals(pci) ? change.apply(new PfBuilder(p)).build() : p);
            nics.add(new Nic(n.id(), n.model(), n.vendorId(), n.deviceId(), n.family(), n.supported(), pfs, n.lag()));
        }
        return new Inventory(inv.hostname(), inv.kernel(), inv.source(), inv.iommu(), nics, inv.ovs(), inv.bonds(), inv.warnings());
    }

    public static Inventory withOvs(Inventory inv, OvsState ovs) {
        return new Inventory(inv.hostname(), inv.kernel(), inv.source(), inv.iommu(), inv.nics(), ovs, inv.bonds(), inv.warnings());
    }

    public static Inventory withNics(Inventory inv, List<Nic> nics) {
        return new Inventory(inv.hostname(), inv.kernel(), inv.source(), inv.iommu(), nics, inv.ovs(), inv.bonds(), inv.warnings());
    }

    /** Copies a PF with some fields changed. */
    public static final class PfBuilder {
        private final Map<String, Object> f = new LinkedHashMap<>();

        public PfBuilder(Pf p) {
            f.put("pci", p.pci()); f.put("netdev", p.netdev()); f.put("driver", p.driver()); f.put("vendorId", p.vendorId());
            f.put("deviceId", p.deviceId()); f.put("subsystemId", p.subsystemId()); f.put("switchId", p.switchId());
            f.put("portName", p.portName()); f.put("eswitchMode", p.eswitchMode()); f.put("inlineMode", p.inlineMode());
            f.put("encapMode", p.encapMode()); f.put("totalVfs", p.totalVfs()); f.put("numVfs", p.numVfs());
            f.put("sriovOffset", p.sriovOffset()); f.put("sriovStride", p.sriovStride()); f.put("vfDeviceId", p.vfDeviceId());
            f.put("mtu", p.mtu()); f.put("maxMtu", p.maxMtu()); f.put("mac", p.mac()); f.put("operstate", p.operstate());
            f.put("master", p.master()); f.put("iommuGroup", p.iommuGroup()); f.put("numaNode", p.numaNode());
            f.put("firmwareVersion", p.firmwareVersion()); f.put("vfs", p.vfs());
        }

        public PfBuilder mode(EswitchMode m) { f.put("eswitchMode", m); return this; }
        public PfBuilder numVfs(Integer n) { f.put("numVfs", n); return this; }
        public PfBuilder totalVfs(Integer n) { f.put("totalVfs", n); return this; }
        public PfBuilder switchId(String s) { f.put("switchId", s); return this; }
        public PfBuilder master(String s) { f.put("master", s); return this; }
        public PfBuilder mtu(Integer m) { f.put("mtu", m); return this; }
        public PfBuilder maxMtu(Integer m) { f.put("maxMtu", m); return this; }
        public PfBuilder vfs(List<Vf> v) { f.put("vfs", v); f.put("numVfs", v.size()); return this; }

        @SuppressWarnings("unchecked")
        public Pf build() {
            return new Pf((String) f.get("pci"), (String) f.get("netdev"), (String) f.get("driver"), (String) f.get("vendorId"),
                    (String) f.get("deviceId"), (String) f.get("subsystemId"), (String) f.get("switchId"), (String) f.get("portName"),
                    (EswitchMode) f.get("eswitchMode"), (String) f.get("inlineMode"), (String) f.get("encapMode"),
                    (Integer) f.get("totalVfs"), (Integer) f.get("numVfs"), (Integer) f.get("sriovOffset"), (Integer) f.get("sriovStride"),
                    (String) f.get("vfDeviceId"), (Integer) f.get("mtu"), (Integer) f.get("maxMtu"), (String) f.get("mac"),
                    (String) f.get("operstate"), (String) f.get("master"), (Integer) f.get("iommuGroup"), (Integer) f.get("numaNode"),
                    (String) f.get("firmwareVersion"), (List<Vf>) f.get("vfs"));
        }
    }
}
