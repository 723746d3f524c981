package dev.sriovctl.spec;

import dev.sriovctl.observe.EswitchMode;

import java.util.List;

/**
 * A PF as it should be.
 *
 * @param portName the PF's phys_port_name ({@code p0}); from discovery, or its position on the card
 * @param pfNumber the PF number in representor names ({@code pf<N>vf<M>}): its PCI function
 * @param specPath where the spec describes it ({@code nics[0].ports[1]})
 */
public record TargetPf(String nic, String pci, String netdev, String portName, int pfNumber, EswitchMode eswitch,
                       int numVfs, Integer mtu, List<TargetVf> vfs, String specPath) {

    public TargetPf {
        vfs = List.copyOf(vfs);
    }

    /** How people read it in a plan: {@code 0000:81:00.0 (enp129s0f0np0)}. */
    public String label() {
        return netdev == null ? pci : pci + " (" + netdev + ")";
    }
}
