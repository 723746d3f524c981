package dev.sriovctl.pve;

import dev.sriovctl.InputException;
import dev.sriovctl.SourceLocation;
import dev.sriovctl.observe.Inventory;
import dev.sriovctl.observe.Nic;
import dev.sriovctl.observe.Pf;
import dev.sriovctl.observe.Vf;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which of a host's VFs go into a mapping. By default every VF of every mlx5 PF. {@code pfs}
 * narrows to PFs given by netdev or PCI address; {@code patterns} are globs ({@code *}, {@code ?},
 * {@code [..]}) matched against a VF's PCI address ({@code 0000:81:00.*}), its representor
 * ({@code ovs-sw1pf0vf*}) or {@code PF/vfN} ({@code enp129s0f0np0/vf[0-1]}). The spec's
 * {@code proxmox.mappings[].vfs} can be turned into the same patterns.
 */
public record VfSelector(List<String> pfs, List<String> patterns) {

    public VfSelector {
        pfs = pfs == null ? List.of() : List.copyOf(pfs);
        patterns = patterns == null ? List.of() : List.copyOf(patterns);
    }

    public static VfSelector all() {
        return new VfSelector(List.of(), List.of());
    }

    public List<SelectedVf> select(Inventory inv) {
        List<Pf> chosen = new ArrayList<>();
        if (pfs.isEmpty()) {
            for (Nic nic : inv.nics()) if (nic.supported()) chosen.addAll(nic.pfs());
        } else {
            for (String p : pfs) {
                Pf pf = inv.pf(p).orElseThrow(() -> new InputException(SourceLocation.of("--pf " + p),
                        "no such PF on " + inv.source(), "PFs here: " + pfList(inv)));
                if (!chosen.contains(pf)) chosen.add(pf);
            }
        }
        List<SelectedVf> all = new ArrayList<>();
        for (Pf pf : chosen) for (Vf vf : pf.vfs()) all.add(new SelectedVf(pf, vf));
        if (patterns.isEmpty()) {
            if (all.isEmpty()) throw noVfs(inv, chosen);
            return all;
        }
        Set<SelectedVf> picked = new LinkedHashSet<>();
        for (String glob : patterns) {
            Pattern re = globToRegex(glob);
            List<SelectedVf> hit = all.stream().filter(s -> s.names().stream().anyMatch(n -> re.matcher(n).matches())).toList();
            if (hit.isEmpty()) {
                throw new InputException(SourceLocation.of("--vfs " + glob), "matches no VF on " + inv.source(),
                        all.isEmpty() ? "there are no VFs: create them first (sriovctl apply)"
                                : "VFs here: " + all.stream().map(SelectedVf::label).collect(Collectors.joining(", ")));
            }
            picked.addAll(hit);
        }
        return List.copyOf(picked);
    }

    private static InputException noVfs(Inventory inv, List<Pf> pfs) {
        String where = pfs.isEmpty() ? "no mlx5 PF was found on " + inv.source() : "the PFs " + pfs.stream().map(Pf::pci).collect(Collectors.joining(", ")) + " have no VFs";
        return new InputException(SourceLocation.of(inv.source()), "no VFs to map: " + where,
                "create the VFs first (sriovctl apply -f spec.yaml), or name PFs with --pf");
    }

    private static String pfList(Inventory inv) {
        List<Pf> all = inv.pfs();
        return all.isEmpty() ? "none" : all.stream().map(p -> p.netdev() == null ? p.pci() : p.netdev() + " (" + p.pci() + ")").collect(Collectors.joining(", "));
    }

    /** A shell-like glob as a regex: '*' any run, '?' one character, '[..]' a class ('!' negates). */
    static Pattern globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                case '[' -> {
                    int end = glob.indexOf(']', i + 2);
                    if (end < 0) {
                        re.append("\\[");
                    } else {
                        String body = glob.substring(i + 1, end);
                        if (body.startsWith("!")) body = "^" + body.substring(1);
                        re.append('[').append(body.replace("\\", "\\\\")).append(']');
                        i = end;
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
