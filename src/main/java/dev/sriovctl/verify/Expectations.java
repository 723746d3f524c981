package dev.sriovctl.verify;

import dev.sriovctl.observe.EswitchMode;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a spec expects, in the terms doctor judges (an optional input: without it doctor judges the host as
 * found). The lead maps {@code spec.Spec} onto this; every field may be null or empty, meaning "not spec'd".
 *
 * @param source         where the expectations come from, for evidence ({@code spec.yaml})
 * @param pfs            per PF: e-switch mode, VF count, representor names, MTU
 * @param ovs            Open_vSwitch settings, or null
 * @param bridges        bridges with their bond, ports and MTU
 * @param passthroughVfs PCI addresses of the VFs meant for VMs (vf-iommu-isolated); empty = every VF
 * @param flowOffloadThreshold offloaded/all datapath flows below which flows-offloaded fails; null = 0.9
 */
public record Expectations(String source, List<PfExpectation> pfs, OvsExpectation ovs, List<BridgeExpectation> bridges,
                           List<String> passthroughVfs, Double flowOffloadThreshold) {

    public Expectations {
        pfs = pfs == null ? List.of() : List.copyOf(pfs);
        bridges = bridges == null ? List.of() : List.copyOf(bridges);
        passthroughVfs = passthroughVfs == null ? List.of() : List.copyOf(passthroughVfs);
    }

    /**
     * One PF as spec'd. {@code pf} is its netdev name or PCI address (as the spec allows);
     * {@code representorNames} maps VF index to the expected representor name ({@code 0 -> ovs-sw1pf0vf0}).
     */
    public record PfExpectation(String pf, EswitchMode eswitch, Integer vfs, Map<Integer, String> representorNames,
                                Integer mtu) {
        public PfExpectation {
            representorNames = representorNames == null ? Map.of() : Map.copyOf(representorNames);
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
