package dev.sriovctl.spec;

/**
 * A VF as it should be.
 *
 * @param pci         the VF's PCI address from the PF's SR-IOV offset and stride (or discovery); null when unknown
 * @param portName    its representor's phys_port_name, {@code pf0vf3}
 * @param representor the representor netdev name after templating; null in legacy mode (no representors)
 * @param vlan        in switchdev the tag of the representor's OVS port; in legacy the VF's own VLAN
 */
public record TargetVf(int index, String pci, String portName, String representor, VfDriver driver, String mac,
                       Integer vlan, Boolean trust, Boolean spoofchk, Integer maxRate, String specPath) {
}
