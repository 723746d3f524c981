package dev.sriovctl.spec;

import dev.sriovctl.observe.EswitchMode;

import java.util.List;

/**
 * One PF of a NIC: its e-switch mode, how many VFs it has, and what each VF gets.
 *
 * @param pf         the PF's netdev name or PCI address, as discovery shows it
 * @param mtu        the PF's own MTU (ifupdown2 {@code mtu}); null = leave to the bridge/bond
 * @param vfDriver   the driver every VF is bound to unless a VF says otherwise
 * @param vfSettings per-VF settings, by VF index
 */
public record PortSpec(String pf, EswitchMode eswitch, int vfs, Integer mtu, VfDriver vfDriver, List<VfSpec> vfSettings) {

    public PortSpec {
        eswitch = eswitch == null ? EswitchMode.SWITCHDEV : eswitch;
        vfDriver = vfDriver == null ? VfDriver.VFIO_PCI : vfDriver;
        vfSettings = vfSettings == null ? List.of() : List.copyOf(vfSettings);
    }
}
