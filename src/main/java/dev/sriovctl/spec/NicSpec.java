package dev.sriovctl.spec;

import java.util.List;

/**
 * One physical card, named by the administrator (the name appears in representor names).
 *
 * @param representorName template for VF representor netdev names; see {@link RepresentorTemplate}
 * @param order           the per-device order of VF creation and switchdev (see docs/plan-order.md)
 */
public record NicSpec(String name, String representorName, SwitchdevOrder order, List<PortSpec> ports) {

    /** The guide's names: {@code ovs-sw1pf0vf0} for NIC {@code sw1}. */
    public static final String DEFAULT_REPRESENTOR_NAME = "ovs-{nic}{port}";

    public NicSpec {
        ports = List.copyOf(ports);
        representorName = representorName == null ? DEFAULT_REPRESENTOR_NAME : representorName;
        order = order == null ? SwitchdevOrder.VFS_FIRST : order;
    }
}
