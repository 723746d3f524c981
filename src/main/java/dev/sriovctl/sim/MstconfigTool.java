package dev.sriovctl.sim;

import dev.sriovctl.host.CommandResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code mstconfig [-e] -d BDF query} of mstflint: the firmware (NVCONFIG) settings of a ConnectX PF. The
 * layout is mstflint's (mlxconfig/mlxcfg_ui.cpp printOpening, printConfHeader, printSingleParam: columns
 * {@code %-16s%36s%16s%18s}, values {@code %-16s}, a leading {@code *} when next boot differs from default or
 * current, then the footnote). Values: SR-IOV on with {@code NUM_OF_VFS} = the PF's sriov_totalvfs (the kernel
 * reads its sriov_totalvfs from this firmware setting), default {@code NUM_OF_VFS} the profile's shipped value.
 * Only the SR-IOV related parameters are listed (a real query prints some hundred); Name and Description are
 * printed {@code N/A}, as mstflint does when the device information string cannot be read. Non-mlx5 devices
 * are refused (the wording of that refusal is not verified). {@code set} is not simulated: firmware changes need a reboot, which the
 * simulator does not model (use {@code sim create --total-vfs N}).
 */
final class MstconfigTool implements SimTool {

    @Override
    public boolean mutates(List<String> argv) {
        return false;
    }

    @Override
    public CommandResult run(SimHost host, List<String> argv) {
        boolean extended = false;
        String device = null;
        String command = null;
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            switch (a) {
                case "-e", "--enable_verbosity" -> extended = true;
                case "-d", "--dev" -> {
                    if (i + 1 < argv.size()) device = argv.get(++i);
                }
                case "-y", "--yes" -> { }
                default -> {
                    if (command == null && !a.startsWith("-")) command = a.toLowerCase(Locale.ROOT);
                }
            }
        }
        if (!"query".equals(command) && !"q".equals(command)) {
            return SimTool.result(argv, 1, "", "mstconfig " + command + ": not simulated (firmware changes need a reboot;"
                    + " make the host with sim create --total-vfs N)\n");
        }
        if (device == null) {
            // no -d: every device, numbered (MlxCfg::queryDevsCfg)
            StringBuilder all = new StringBuilder();
            int n = 0;
            for (CardState c : host.kernel().state.cards) {
                if (!SimKernel.profile(c).mlx5()) continue;
                for (PfState pf : c.pfs) {
                    String pci = SimKernel.pfPci(c, pf);
                    all.append(query(host.kernel().pfRef(c, pf), pci, extended, ++n));
                }
            }
            if (n == 0) return SimTool.result(argv, 1, "-E- No devices found.\n", "");
            return SimTool.result(argv, 0, all.toString(), "");
        }
        PciRef r = host.kernel().pci(device).orElse(null);
        if (r == null || !r.isPf() || !SimKernel.profile(r.card()).mlx5()) {
            // wording not verified against a real mstflint
            return SimTool.result(argv, 1, "-E- Failed to open the device\n", "");
        }
        return SimTool.result(argv, 0, query(r, device, extended, 1), "");
    }

    private static String query(PciRef r, String device, boolean extended, int index) {
        Profile p = SimKernel.profile(r.card());
        StringBuilder sb = new StringBuilder();
        sb.append("\nDevice #").append(index).append(":\n----------\n\n");
        sb.append(String.format("%-16s%-16s\n", "Device type:", deviceType(p)));
        sb.append(String.format("%-16s%-16s\n", "Name:", "N/A"));
        sb.append(String.format("%-16s%-16s\n", "Description:", "N/A"));
        sb.append(String.format("%-16s%-16s\n", "Device:", device));
        sb.append('\n');
        if (extended) sb.append(String.format("%-16s%36s%16s%18s", "Configurations:", "Default", "Current", "Next Boot"));
        else sb.append(String.format("%-16s%38s", "Configurations:", "Next Boot"));
        sb.append('\n');
        boolean differ = false;
        for (Map.Entry<String, String[]> e : params(p, r.card()).entrySet()) {
            String[] v = e.getValue(); // default, current, next
            boolean star = extended && (!v[2].equals(v[0]) || !v[2].equals(v[1]));
            differ |= star;
            sb.append(star ? "*        " : "         ").append(String.format("%-36s", e.getKey()));
            if (extended) {
                sb.append(cell(v[0])).append(space(v[0])).append(cell(v[1])).append(space(v[1]));
            }
            sb.append(cell(v[2]));
            sb.append('\n');
        }
        if (differ) sb.append("The '*' shows parameters with next value different from default/current value.\n");
        return sb.toString();
    }

    private static String cell(String v) {
        return String.format("%-16s", v);
    }

    /** PRINT_SPACE_IF_NEEDED: a separating blank after a value wider than its column. */
    private static String space(String v) {
        return v.length() > 16 ? " " : "";
    }

    /** default, current, next boot; the parameter names and value forms of mstflint's mlxconfig_host.db. */
    private static Map<String, String[]> params(Profile p, CardState card) {
        Map<String, String[]> m = new LinkedHashMap<>();
        String num = Integer.toString(card.totalVfs);
        String def = Integer.toString(p.defaultTotalVfs());
        m.put("NUM_OF_VFS", new String[] {def, num, num});
        m.put("NUM_OF_PF", new String[] {Integer.toString(p.ports()), Integer.toString(p.ports()), Integer.toString(p.ports())});
        m.put("SRIOV_EN", new String[] {"True(1)", "True(1)", "True(1)"});
        m.put("PF_LOG_BAR_SIZE", new String[] {"5", "5", "5"});
        m.put("VF_LOG_BAR_SIZE", new String[] {"1", "1", "1"});
        m.put("NUM_PF_MSIX", new String[] {"63", "63", "63"});
        m.put("NUM_VF_MSIX", new String[] {"11", "11", "11"});
        return m;
    }

    /** mstflint's dm_dev_type2str names (tools_dev_types.c). */
    private static String deviceType(Profile p) {
        return switch (p.name().substring(0, p.name().indexOf('-'))) {
            case "cx4lx" -> "ConnectX4LX";
            case "cx5" -> "ConnectX5";
            case "cx6dx" -> "ConnectX6DX";
            case "cx6lx" -> "ConnectX6LX";
            case "cx7" -> "ConnectX7";
            default -> p.model();
        };
    }
}
