package dev.sriovctl.spec;

import dev.sriovctl.observe.EswitchMode;
import dev.sriovctl.observe.Inventory;
import dev.sriovctl.observe.Nic;
import dev.sriovctl.observe.PciAddress;
import dev.sriovctl.observe.Pf;
import dev.sriovctl.observe.Vf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How spec references meet the hardware: {@code pf:} values, bond members ({@code sw1/p0}, a
 * netdev or a PCI address) and VF patterns ({@code sw1/pf0vf*}). Shared by the validator (which
 * reports what does not resolve) and the resolver (which relies on it resolving).
 */
final class SpecReferences {

    /** A port listed in the spec, with its PF when the host has it. */
    record PortRef(NicSpec nic, int nicIndex, PortSpec port, int portIndex, Pf pf, Nic card) {
        String path() {
            return "nics[" + nicIndex + "].ports[" + portIndex + "]";
        }

        /** {@code p0}: the PF's phys_port_name, or its position on the card when the kernel does not say. */
        String portName() {
            if (pf.portName() != null && pf.portName().matches("p\\d+")) return pf.portName();
            return "p" + card.pfs().indexOf(pf);
        }

        int pfNumber() {
            return PciAddress.parse(pf.pci()).function();
        }
    }

    /** A VF a pattern names: its port and index. */
    record VfRef(PortRef port, int index) {
        String portName() {
            return "pf" + port.pfNumber() + "vf" + index;
        }
    }

    private final Spec spec;
    private final Inventory inventory;
    private final List<PortRef> ports = new ArrayList<>();

    SpecReferences(Spec spec, Inventory inventory) {
        this.spec = spec;
        this.inventory = inventory;
        for (int n = 0; n < spec.nics().size(); n++) {
            NicSpec nic = spec.nics().get(n);
            for (int p = 0; p < nic.ports().size(); p++) {
                PortSpec port = nic.ports().get(p);
                Pf pf = port.pf() == null ? null : pf(port.pf()).orElse(null);
                ports.add(new PortRef(nic, n, port, p, pf, pf == null ? null : inventory.nicOf(pf).orElse(null)));
            }
        }
    }

    List<PortRef> ports() {
        return ports;
    }

    /** A PF by netdev name or PCI address (short {@code 81:00.0} accepted). */
    Optional<Pf> pf(String ref) {
        Optional<Pf> direct = inventory.pf(ref);
        if (direct.isPresent()) return direct;
        if (PciAddress.isValid(ref)) return inventory.pf(PciAddress.parse(ref).toString());
        return Optional.empty();
    }

    /** The listed port a bond member or bridge port names, if any. */
    Optional<PortRef> member(String ref) {
        int slash = ref.indexOf('/');
        if (slash > 0) {
            String nic = ref.substring(0, slash);
            String port = ref.substring(slash + 1);
            return ports.stream().filter(p -> p.pf() != null && nic.equals(p.nic().name()) && port.equals(p.portName())).findFirst();
        }
        Optional<Pf> pf = pf(ref);
        return pf.flatMap(f -> ports.stream().filter(p -> p.pf() == f).findFirst());
    }

    /** Whether a reference is written as a PF reference ({@code sw1/p0}, a netdev or a PCI address). */
    boolean looksLikePf(String ref) {
        int slash = ref.indexOf('/');
        if (slash > 0) return ref.substring(slash + 1).matches("p\\d+");
        return pf(ref).isPresent();
    }

    /** The NIC name a pattern or member reference starts with, or null. */
    static String nicOf(String ref) {
        int slash = ref.indexOf('/');
        return slash > 0 ? ref.substring(0, slash) : null;
    }

    boolean hasNic(String name) {
        return spec.nics().stream().anyMatch(n -> name.equals(n.name()));
    }

    /** The VFs (with representors or not) that a {@code nic/glob} pattern names, in PF then VF order. */
    List<VfRef> vfs(String pattern) {
        String nic = nicOf(pattern);
        if (nic == null) return List.of();
        Pattern glob = glob(pattern.substring(pattern.indexOf('/') + 1));
        List<VfRef> out = new ArrayList<>();
        for (PortRef p : ports) {
            if (p.pf() == null || !nic.equals(p.nic().name())) continue;
            for (int i = 0; i < p.port().vfs(); i++) {
                VfRef v = new VfRef(p, i);
                if (glob.matcher(v.portName()).matches()) out.add(v);
            }
        }
        return out;
    }

    /** Only the VFs that will have representors (their PF in switchdev). */
    List<VfRef> representors(String pattern) {
        return vfs(pattern).stream().filter(v -> v.port().port().eswitch() == EswitchMode.SWITCHDEV).toList();
    }

    /** Shell-style glob ({@code * ? [..]}) as a regex; everything else is literal. */
    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        boolean inClass = false;
        for (char c : glob.toCharArray()) {
            if (inClass) {
                if (c == ']') inClass = false;
                re.append(c == '!' && re.charAt(re.length() - 1) == '[' ? '^' : c);
                continue;
            }
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                case '[' -> {
                    inClass = true;
                    re.append('[');
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (inClass) return Pattern.compile(Pattern.quote(glob));
        return Pattern.compile(re.toString());
    }

    /** The PCI address VF {@code index} of a PF has (or will have): SR-IOV offset and stride, else discovery. */
    static String vfPci(Pf pf, int index) {
        if (pf.sriovOffset() != null && pf.sriovStride() != null) {
            return PciAddress.parse(pf.pci()).plusRoutingId(pf.sriovOffset() + pf.sriovStride() * index).toString();
        }
        return pf.vfs().stream().filter(v -> v.index() == index).map(Vf::pci).findFirst().orElse(null);
    }

    /** How the inventory's PFs are listed in hints: {@code enp129s0f0np0 (0000:81:00.0)}. */
    String knownPfs() {
        List<String> all = new ArrayList<>();
        for (Pf p : inventory.pfs()) all.add(p.netdev() == null ? p.pci() : p.netdev() + " (" + p.pci() + ")");
        return all.isEmpty() ? "none: discovery found no SR-IOV capable PF on this host" : String.join(", ", all);
    }
}
