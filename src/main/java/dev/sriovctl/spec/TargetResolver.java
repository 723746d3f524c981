package dev.sriovctl.spec;

import dev.sriovctl.observe.EswitchMode;
import dev.sriovctl.observe.Inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves a validated spec against an inventory into the {@link Target} state: PFs by PCI
 * address, VF PCI addresses from the PF's SR-IOV offset and stride, representor names from the
 * NIC's template, bridge ports from patterns. Pure; call {@link SpecValidator} first (a spec that
 * does not validate is refused here with an IllegalStateException).
 */
public final class TargetResolver {
    private TargetResolver() {
    }

    public static Target resolve(Spec spec, Inventory inventory) {
        SpecReferences refs = new SpecReferences(spec, inventory);
        Map<String, TargetVf> byPortName = new LinkedHashMap<>(); // "<pci>#<index>"
        List<TargetNic> nics = new ArrayList<>();
        for (int n = 0; n < spec.nics().size(); n++) {
            NicSpec nic = spec.nics().get(n);
            List<TargetPf> pfs = new ArrayList<>();
            String slot = null;
            String model = null;
            int physical = 0;
            for (SpecReferences.PortRef ref : refs.ports()) {
                if (ref.nicIndex() != n) continue;
                if (ref.pf() == null) throw new IllegalStateException("unresolved PF " + ref.port().pf() + ": validate first");
                slot = ref.card() == null ? null : ref.card().id();
                model = ref.card() == null ? null : ref.card().model();
                physical = ref.card() == null ? 0 : ref.card().pfs().size();
                TargetPf pf = pf(nic, ref);
                pf.vfs().forEach(v -> byPortName.put(pf.pci() + "#" + v.index(), v));
                pfs.add(pf);
            }
            nics.add(new TargetNic(nic.name(), slot, model, nic.order(), physical, pfs));
        }
        List<TargetBridge> bridges = new ArrayList<>();
        for (int b = 0; b < spec.bridges().size(); b++) {
            bridges.add(bridge(spec, refs, spec.bridges().get(b), "bridges[" + b + "]", byPortName));
        }
        List<TargetMapping> mappings = new ArrayList<>();
        for (MappingSpec m : spec.proxmox().mappings()) {
            List<TargetVf> vfs = new ArrayList<>();
            for (String pattern : m.vfs()) {
                for (SpecReferences.VfRef v : refs.vfs(pattern)) {
                    TargetVf t = byPortName.get(v.port().pf().pci() + "#" + v.index());
                    if (t != null && !vfs.contains(t)) vfs.add(t);
                }
            }
            mappings.add(new TargetMapping(m.id(), m.description(), vfs));
        }
        return new Target(nics, spec.ovs(), bridges, mappings, spec.source());
    }

    private static TargetPf pf(NicSpec nic, SpecReferences.PortRef ref) {
        PortSpec port = ref.port();
        boolean switchdev = port.eswitch() == EswitchMode.SWITCHDEV;
        RepresentorTemplate template = new RepresentorTemplate(nic.representorName());
        List<TargetVf> vfs = new ArrayList<>();
        for (int i = 0; i < port.vfs(); i++) {
            final int index = i;
            VfSpec s = port.vfSettings().stream().filter(v -> v.vf() == index).findFirst().orElse(null);
            String portName = "pf" + ref.pfNumber() + "vf" + i;
            String rep = switchdev ? template.expand(nic.name(), portName, ref.pf().netdev(), ref.pfNumber(), i) : null;
            VfDriver driver = s != null && s.driver() != null ? s.driver() : port.vfDriver();
            int settingsIndex = s == null ? -1 : port.vfSettings().indexOf(s);
            vfs.add(new TargetVf(i, SpecReferences.vfPci(ref.pf(), i), portName, rep, driver,
                    s == null ? null : s.mac(), s == null ? null : s.vlan(), s == null ? null : s.trust(),
                    s == null ? null : s.spoofchk(), s == null ? null : s.maxRate(),
                    settingsIndex < 0 ? ref.path() : ref.path() + ".vf-settings[" + settingsIndex + "]"));
        }
        return new TargetPf(nic.name(), ref.pf().pci(), ref.pf().netdev(), ref.portName(), ref.pfNumber(),
                port.eswitch(), port.vfs(), port.mtu(), vfs, ref.path());
    }

    private static TargetBridge bridge(Spec spec, SpecReferences refs, BridgeSpec b, String path,
                                       Map<String, TargetVf> vfs) {
        TargetBond bond = null;
        if (b.bond() != null) {
            List<String> netdevs = new ArrayList<>();
            List<String> pcis = new ArrayList<>();
            for (String m : b.bond().members()) {
                SpecReferences.PortRef ref = refs.member(m)
                        .orElseThrow(() -> new IllegalStateException("unresolved bond member " + m + ": validate first"));
                netdevs.add(ref.pf().netdev());
                pcis.add(ref.pf().pci());
            }
            Boolean fallback = null;
            if (b.bond() instanceof OvsBondSpec o) {
                fallback = o.lacpFallbackAb() != null ? o.lacpFallbackAb() : spec.ovs().lacpFallbackAb();
            }
            bond = new TargetBond(b.bond(), netdevs, pcis, fallback, path + ".bond");
        }
        List<TargetPort> ports = new ArrayList<>();
        for (String pattern : b.ports()) {
            if (refs.looksLikePf(pattern)) {
                refs.member(pattern).ifPresent(ref -> add(ports, new TargetPort(ref.pf().netdev(), TargetPort.Kind.PF,
                        null, ref.pf().pci(), null)));
                continue;
            }
            for (SpecReferences.VfRef v : refs.representors(pattern)) {
                TargetVf t = vfs.get(v.port().pf().pci() + "#" + v.index());
                add(ports, new TargetPort(t.representor(), TargetPort.Kind.REPRESENTOR, t.vlan(), v.port().pf().pci(), v.index()));
            }
        }
        return new TargetBridge(b.name(), b.mtu(), b.address(), b.gateway(), bond, ports, b.otherConfig(), path);
    }

    private static void add(List<TargetPort> ports, TargetPort port) {
        if (ports.stream().noneMatch(p -> p.netdev().equals(port.netdev()))) ports.add(port);
    }
}
