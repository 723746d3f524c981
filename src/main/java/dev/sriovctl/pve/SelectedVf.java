package dev.sriovctl.pve;

import dev.sriovctl.observe.Pf;
import dev.sriovctl.observe.Vf;

import java.util.ArrayList;
import java.util.List;

/** A VF chosen for a mapping, with the PF it belongs to (for names and messages). */
public record SelectedVf(Pf pf, Vf vf) {

    /** The names a {@code --vfs} pattern is matched against: PCI address, representor, PF/vfN. */
    List<String> names() {
        List<String> n = new ArrayList<>();
        n.add(vf.pci());
        if (vf.representor() != null) n.add(vf.representor());
        if (pf.netdev() != null) n.add(pf.netdev() + "/vf" + vf.index());
        n.add(pf.pci() + "/vf" + vf.index());
        return n;
    }

    /** How a person names it: {@code 0000:81:00.2 (enp129s0f0np0 VF 0, representor ovs-sw1pf0vf0)}. */
    public String label() {
        return vf.pci() + " (" + (pf.netdev() != null ? pf.netdev() : pf.pci()) + " VF " + vf.index()
                + (vf.representor() != null ? ", representor " + vf.representor() : "") + ")";
    }
}
