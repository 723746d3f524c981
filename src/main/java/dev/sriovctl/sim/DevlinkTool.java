package dev.sriovctl.sim;

import dev.sriovctl.host.CommandResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * iproute2's {@code devlink dev [show]} and {@code devlink dev eswitch show|set} on the simulated host.
 * Output as devlink/devlink.c pr_out_eswitch prints it: text {@code pci/0000:81:00.0: mode switchdev
 * inline-mode none encap-mode basic} (fixtures/devlink/eswitch-show-*), JSON
 * {@code {"dev":{"pci/0000:81:00.0":{"mode":"switchdev","inline-mode":"none","encap-mode":"basic"}}}};
 * ice reports the mode only. Refusals print the extended ack and the errno:
 * {@code Error: mlx5_core: Can't change mode, E-Switch is busy.} / {@code kernel answers: Device or resource busy}
 * (LNST-project/lnst#304), exit 1.
 */
final class DevlinkTool implements SimTool {

    @Override
    public boolean mutates(List<String> argv) {
        return argv.contains("set");
    }

    @Override
    public CommandResult run(SimHost host, List<String> argv) {
        boolean json = false;
        boolean pretty = false;
        List<String> words = new ArrayList<>();
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            switch (a) {
                case "-j", "--json" -> json = true;
                case "-p", "--pretty" -> pretty = true;
                case "-jp", "-pj" -> {
                    json = true;
                    pretty = true;
                }
                default -> {
                    if (a.startsWith("-")) return SimTool.result(argv, 1, "", "devlink: invalid option -- '" + a.replace("-", "") + "'\n");
                    words.add(a);
                }
            }
        }
        if (words.isEmpty() || !words.get(0).equals("dev")) {
            return SimTool.result(argv, 1, "", "Object \"" + (words.isEmpty() ? "" : words.get(0)) + "\" not found\n");
        }
        List<String> rest = words.subList(1, words.size());
        if (rest.isEmpty() || rest.get(0).equals("show") || rest.get(0).equals("list")) {
            return devShow(host, argv, rest.isEmpty() ? List.of() : rest.subList(1, rest.size()), json, pretty);
        }
        if (!rest.get(0).equals("eswitch")) return SimTool.result(argv, 1, "", "Command \"" + rest.get(0) + "\" not found\n");
        List<String> es = rest.subList(1, rest.size());
        if (es.isEmpty() || es.get(0).equals("show")) return eswitchShow(host, argv, es.isEmpty() ? List.of() : es.subList(1, es.size()), json, pretty);
        if (es.get(0).equals("set")) return eswitchSet(host, argv, es.subList(1, es.size()));
        return SimTool.result(argv, 1, "", "Command \"" + es.get(0) + "\" not found\n");
    }

    /** Devlink instances: PFs with their driver (mlx5_core, ice) bound. */
    private static List<PciRef> instances(SimHost host) {
        List<PciRef> out = new ArrayList<>();
        for (CardState c : host.state().cards) {
            for (PfState pf : c.pfs) {
                if (SimKernel.profile(c).pfDriver().equals(pf.driver)) out.add(host.kernel().pfRef(c, pf));
            }
        }
        return out;
    }

    private static PciRef handle(SimHost host, String dev) {
        if (!dev.startsWith("pci/")) return null;
        for (PciRef r : instances(host)) if (r.pci().equals(dev.substring(4))) return r;
        return null;
    }

    private CommandResult devShow(SimHost host, List<String> argv, List<String> args, boolean json, boolean pretty) {
        List<PciRef> list = instances(host);
        if (!args.isEmpty()) {
            PciRef r = handle(host, args.get(0));
            if (r == null) return notFound(argv, args.get(0));
            list = List.of(r);
        }
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (PciRef r : list) out.put("pci/" + r.pci(), new LinkedHashMap<>());
        if (json) return SimTool.result(argv, 0, JsonText.devs(out, pretty), "");
        StringBuilder sb = new StringBuilder();
        for (String d : out.keySet()) sb.append(d).append('\n');
        return SimTool.result(argv, 0, sb.toString(), "");
    }

    private CommandResult eswitchShow(SimHost host, List<String> argv, List<String> args, boolean json, boolean pretty) {
        List<PciRef> list = instances(host);
        if (!args.isEmpty()) {
            PciRef r = handle(host, args.get(0));
            if (r == null) return notFound(argv, args.get(0));
            list = List.of(r);
        }
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (PciRef r : list) {
            Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put("mode", r.pf().eswitch);
            if (r.pf().inlineMode != null) attrs.put("inline-mode", r.pf().inlineMode);
            if (r.pf().encapMode != null) attrs.put("encap-mode", r.pf().encapMode);
            out.put("pci/" + r.pci(), attrs);
        }
        if (json) return SimTool.result(argv, 0, JsonText.devs(out, pretty), "");
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Map<String, String>> e : out.entrySet()) {
            sb.append(e.getKey()).append(':');
            for (Map.Entry<String, String> a : e.getValue().entrySet()) sb.append(' ').append(a.getKey()).append(' ').append(a.getValue());
            sb.append('\n');
        }
        return SimTool.result(argv, 0, sb.toString(), "");
    }

    private CommandResult eswitchSet(SimHost host, List<String> argv, List<String> args) {
        if (args.isEmpty()) return SimTool.result(argv, 1, "", "Devlink identification (\"bus_name/dev_name\") expected\n");
        String dev = args.get(0);
        if (!dev.contains("/")) {
            return SimTool.result(argv, 1, "", "Wrong devlink identification string format.\nDevlink identification (\"bus_name/dev_name\") expected\n");
        }
        String mode = null;
        String inline = null;
        String encap = null;
        for (int i = 1; i < args.size(); i++) {
            String key = args.get(i);
            if (i + 1 >= args.size()) return SimTool.result(argv, 1, "", "Option \"" + key + "\" requires an argument\n");
            String v = args.get(++i);
            switch (key) {
                case "mode" -> {
                    if (!v.equals("legacy") && !v.equals("switchdev")) return SimTool.result(argv, 1, "", "Unknown eswitch mode \"" + v + "\"\n");
                    mode = v;
                }
                case "inline-mode" -> {
                    if (!List.of("none", "link", "network", "transport").contains(v)) {
                        return SimTool.result(argv, 1, "", "Unknown inline mode \"" + v + "\"\n");
                    }
                    inline = v;
                }
                case "encap-mode", "encap" -> {
                    if (!v.equals("none") && !v.equals("basic")) return SimTool.result(argv, 1, "", "Unknown encap mode \"" + v + "\"\n");
                    encap = v;
                }
                default -> {
                    return SimTool.result(argv, 1, "", "Unknown option \"" + key + "\"\n");
                }
            }
        }
        if (mode == null && inline == null && encap == null) {
            return SimTool.result(argv, 1, "", "At least one of \"mode\", \"inline-mode\" or \"encap-mode\" is required.\n");
        }
        if (handle(host, dev) == null) return notFound(argv, dev);
        try {
            host.kernel().setEswitch(dev.substring(4), mode, inline, encap);
        } catch (KernelError e) {
            StringBuilder err = new StringBuilder();
            if (e.extack() != null) err.append("Error: ").append(e.extack()).append(e.extack().endsWith(".") ? "" : ".").append('\n');
            err.append("kernel answers: ").append(e.errno().text()).append('\n');
            return SimTool.result(argv, 1, "", err.toString());
        }
        return SimTool.result(argv, 0, "", "");
    }

    private static CommandResult notFound(List<String> argv, String dev) {
        return SimTool.result(argv, 1, "", "kernel answers: No such device\n");
    }
}
