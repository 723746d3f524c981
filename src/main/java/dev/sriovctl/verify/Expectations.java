package dev.sriovctl.verify;

import dev.sriovctl.observe.EswitchMode;
import dev.sriovctl.spec.OvsBondSpec;
import dev.sriovctl.spec.OvsSpec;
import dev.sriovctl.spec.Target;
import dev.sriovctl.spec.TargetBond;
import dev.sriovctl.spec.TargetBridge;
import dev.sriovctl.spec.TargetPf;
import dev.sriovctl.spec.TargetPort;
import dev.sriovctl.spec.TargetVf;
import dev.sriovctl.spec.VfDriver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a spec expects, in the terms doctor judges (an optional input: without it doctor judges the host as
 * found). {@link #of} maps a spec resolved against the host onto this; every field may be null or empty,
 * meaning "not spec'd".
 *
 * @param source         where the expectations come from, for evidence ({@code spec.yaml})
 * @param pfs            per PF: e-switch mode, VF count, representor names, MTU
 * @param ovs            Open_vSwitch settings, or null
 * @param bridges        bridges with their bond, ports and MTU
 * @param passthroughVfs PCI addresses of the VFs meant for VMs (vf-iommu-isolated); empty = every VF
 * @param flowOffloadThreshold offloaded/all datapath flows below which flows-offloaded fails; null = 0.9
 * @param mappings       the Proxmox PCI mappings with the VFs each must offer on this node
 */
public record Expectations(String source, List<PfExpectation> pfs, OvsExpectation ovs, List<BridgeExpectation> bridges,
                           List<String> passthroughVfs, Double flowOffloadThreshold, List<MappingExpectation> mappings) {

    public Expectations {
        pfs = pfs == null ? List.of() : List.copyOf(pfs);
        bridges = bridges == null ? List.of() : List.copyOf(bridges);
        passthroughVfs = passthroughVfs == null ? List.of() : List.copyOf(passthroughVfs);
        mappings = mappings == null ? List.of() : List.copyOf(mappings);
    }

    /** Without Proxmox mappings. */
    public Expectations(String source, List<PfExpectation> pfs, OvsExpectation ovs, List<BridgeExpectation> bridges,
                        List<String> passthroughVfs, Double flowOffloadThreshold) {
        this(source, pfs, ovs, bridges, passthroughVfs, flowOffloadThreshold, List.of());
    }

    /**
     * What a spec, resolved against this host, expects: per PF its e-switch mode, VF count, representor names
     * and MTU (PFs named by PCI address); the Open_vSwitch settings (lacp-fallback-ab as the uplink OVS bond
     * gets it); each bridge with its MTU, bond (type, members, mode, LACP) and ports; the VFs bound to vfio-pci
     * (for VMs); the mappings with their VFs.
     *
     * @param source how the spec is named in evidence (its file name)
     */
    public static Expectations of(Target target, String source) {
        List<PfExpectation> pfs = new ArrayList<>();
        List<String> passthrough = new ArrayList<>();
        for (TargetPf pf : target.pfs()) {
            Map<Integer, String> names = new LinkedHashMap<>();
            for (TargetVf vf : pf.vfs()) {
                if (vf.representor() != null) names.put(vf.index(), vf.representor());
                if (vf.driver() == VfDriver.VFIO_PCI && vf.pci() != null) passthrough.add(vf.pci());
            }
            pfs.add(new PfExpectation(pf.pci(), pf.eswitch(), pf.numVfs(), names, pf.mtu()));
        }
        List<BridgeExpectation> bridges = new ArrayList<>();
        Boolean fallback = target.ovs().lacpFallbackAb();
        for (TargetBridge b : target.bridges()) {
            BondExpectation bond = null;
            if (b.bond() != null) {
                TargetBond t = b.bond();
                String lacp = t.spec() instanceof OvsBondSpec o ? o.lacp() : "802.3ad".equals(t.spec().mode()) ? "active" : "off";
                bond = new BondExpectation(t.name(), t.isVfLag() ? BondType.VF_LAG : BondType.OVS, t.memberNetdevs(), t.spec().mode(), lacp);
                if (!t.isVfLag() && t.lacpFallbackAb() != null) fallback = t.lacpFallbackAb();
            }
            bridges.add(new BridgeExpectation(b.name(), b.mtu(), bond, b.ports().stream().map(TargetPort::netdev).toList()));
        }
        OvsSpec ovs = target.ovs();
        List<MappingExpectation> mappings = target.mappings().stream()
                .map(m -> new MappingExpectation(m.id(), m.vfs().stream().map(TargetVf::pci).filter(java.util.Objects::nonNull).toList())).toList();
        return new Expectations(source, pfs, new OvsExpectation(ovs.hwOffload(), ovs.tcPolicy(), fallback), bridges, passthrough, null, mappings);
    }

    /**
     * One PF as spec'd. {@code pf} is its netdev name or PCI address (as the spec allows);
     * {@code representorNames} maps VF index to the expected representor name ({@code 0 -> ovs-sw1pf0vf0}).
     */
    public record PfExpectation(String pf, EswitchMode eswitch, Integer vfs, Map<Integer, String> representorNames,
                                Integer mtu) {
        public PfExpectation {
            representorNames = representorNames == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(representorNames));
        }
    }

    /** {@code tcPolicy} null means the DESIGN default, skip_sw. */
    public record OvsExpectation(Boolean hwOffload, String tcPolicy, Boolean lacpFallbackAb) {
    }

    /** A bridge with its uplink bond (or null), the ports (representor names) it must hold and its MTU. */
    public record BridgeExpectation(String name, Integer mtu, BondExpectation bond, List<String> ports) {
        public BridgeExpectation {
            ports = ports == null ? List.of() : List.copyOf(ports);
        }
    }

    /** {@code members} are PF netdev names; {@code mode} the bond mode (balance-tcp, 802.3ad, ...). */
    public record BondExpectation(String name, BondType type, List<String> members, String mode, String lacp) {
        public BondExpectation {
            members = members == null ? List.of() : List.copyOf(members);
        }
    }

    /** A Proxmox PCI mapping and the PCI addresses of this host's VFs it must offer. */
    public record MappingExpectation(String id, List<String> vfs) {
        public MappingExpectation {
            vfs = vfs == null ? List.of() : List.copyOf(vfs);
        }
    }

    /** An OVS bond of the PFs, or a Linux bond of the PFs that activates the NIC's VF-LAG. */
    public enum BondType {
        OVS, VF_LAG;

        @Override
        public String toString() {
            return this == OVS ? "ovs" : "vf-lag";
        }
    }

    public Optional<PfExpectation> pf(String pciOrNetdev) {
        return pfs.stream().filter(p -> p.pf().equals(pciOrNetdev)).findFirst();
    }

    public Optional<BondExpectation> bond() {
        return bridges.stream().map(BridgeExpectation::bond).filter(java.util.Objects::nonNull).findFirst();
    }
}
