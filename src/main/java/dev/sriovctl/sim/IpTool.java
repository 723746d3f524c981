package dev.sriovctl.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sriovctl.host.CommandResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * iproute2's {@code ip} on the simulated host: {@code link show|set|add|delete} and {@code address add|del}.
 * Messages and exit codes as iproute2 prints them: {@code Cannot find device "X"} (1), a kernel refusal
 * {@code RTNETLINK answers: <strerror>} or, with an extended ack, {@code Error: <message>.} (2), bad
 * arguments (255); extended-ack warnings ({@code Warning: mlx5_core: ...}) go to stderr with exit 0.
 */
final class IpTool implements SimTool {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Out(StringBuilder out, StringBuilder err) {
        Out() {
            this(new StringBuilder(), new StringBuilder());
        }
    }

    /** A parse error: iproute2's invarg() and friends exit with 255. */
    private static final class Usage extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Usage(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public boolean mutates(List<String> argv) {
        for (String a : argv) {
            if (a.equals("set") || a.equals("add") || a.equals("del") || a.equals("delete") || a.equals("change")) return true;
        }
        return false;
    }

    @Override
    public CommandResult run(SimHost host, List<String> argv) {
        Out o = new Out();
        int exit;
        try {
            exit = dispatch(host, argv, o);
        } catch (Usage u) {
            o.err().append(u.getMessage()).append('\n');
            exit = 255;
        } catch (KernelError e) {
            o.err().append(kernelMessage(e)).append('\n');
            exit = 2;
        } catch (CannotFind e) {
            o.err().append("Cannot find device \"").append(e.name).append("\"\n");
            exit = 1;
        }
        return SimTool.result(argv, exit, o.out().toString(), o.err().toString());
    }

    static String kernelMessage(KernelError e) {
        return e.iproute2Message();
    }

    private int dispatch(SimHost host, List<String> argv, Out o) {
        boolean details = false;
        boolean json = false;
        boolean pretty = false;
        int i = 1;
        while (i < argv.size() && argv.get(i).startsWith("-")) {
            String opt = argv.get(i++);
            switch (opt) {
                case "-d", "-details", "-detail" -> details = true;
                case "-j", "-json" -> json = true;
                case "-p", "-pretty" -> pretty = true;
                case "-s", "-stats", "-statistics" -> {
                    // statistics are not simulated
                }
                default -> throw new Usage("Option \"" + opt + "\" is unknown, try \"ip -help\".");
            }
        }
        if (i >= argv.size()) throw new Usage("Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }");
        String object = argv.get(i++);
        List<String> rest = argv.subList(i, argv.size());
        if (prefixOf(object, "link")) return link(host, rest, details, json, pretty, o);
        if (prefixOf(object, "address")) return address(host, rest, o);
        throw new Usage("Object \"" + object + "\" is unknown, try \"ip help\".");
    }

    private static boolean prefixOf(String word, String full) {
        return !word.isEmpty() && full.startsWith(word);
    }

    // ---- ip link ------------------------------------------------------------------------------------

    private int link(SimHost host, List<String> args, boolean details, boolean json, boolean pretty, Out o) {
        String cmd = args.isEmpty() ? "show" : args.get(0);
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        switch (cmd) {
            case "show", "list", "lst", "ls", "sh", "s", "l" -> {
                return show(host, rest, details, json, pretty, o);
            }
            case "set", "change" -> {
                return set(host, rest, o);
            }
            case "add" -> {
                return add(host, rest);
            }
            case "delete", "del" -> {
                String name = device(rest);
                host.kernel().deleteLink(requireDevice(host, name));
                return 0;
            }
            default -> throw new Usage("Command \"" + cmd + "\" is unknown, try \"ip link help\".");
        }
    }

    private static String device(List<String> rest) {
        if (rest.isEmpty()) throw new Usage("Not enough information: \"dev\" argument is required.");
        return rest.get(0).equals("dev") && rest.size() > 1 ? rest.get(1) : rest.get(0);
    }

    private static String requireDevice(SimHost host, String name) {
        if (host.kernel().netdev(name).isEmpty()) throw new CannotFind(name);
        return name;
    }

    /** "Cannot find device" exits 1. */
    private static final class CannotFind extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String name;

        CannotFind(String name) {
            super(null, null, false, false);
            this.name = name;
        }
    }

    private int show(SimHost host, List<String> rest, boolean details, boolean json, boolean pretty, Out o) {
        SimKernel k = host.kernel();
        String name = null;
        String master = null;
        for (int j = 0; j < rest.size(); j++) {
            String a = rest.get(j);
            if (a.equals("dev") && j + 1 < rest.size()) name = rest.get(++j);
            else if (a.equals("master") && j + 1 < rest.size()) master = rest.get(++j);
            else if (a.equals("up")) continue;
            else name = a;
        }
        List<NetdevState> links = new ArrayList<>(k.state.netdevs);
        links.sort(Comparator.comparingInt(n -> n.ifindex));
        if (name != null) {
            String n = name;
            links.removeIf(x -> !x.name.equals(n));
            if (links.isEmpty()) {
                o.err().append("Device \"").append(name).append("\" does not exist.\n");
                return 1;
            }
        }
        if (master != null) {
            NetdevState m = k.netdev(master).orElse(null);
            if (m == null) {
                o.err().append("Device \"").append(master).append("\" does not exist.\n");
                return 1;
            }
            links.removeIf(x -> x.master != m.ifindex);
        }
        if (json) {
            try {
                var arr = IpLinkView.json(k, host.tree(), links, details);
                o.out().append(pretty ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(arr) : JSON.writeValueAsString(arr))
                        .append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            for (NetdevState n : links) o.out().append(IpLinkView.text(k, host.tree(), n, details));
        }
        return 0;
    }

    private int set(SimHost host, List<String> args, Out o) {
        SimKernel k = host.kernel();
        String name = null;
        Boolean up = null;
        Integer mtu = null;
        String newName = null;
        String mac = null;
        String master = null;
        boolean nomaster = false;
        Integer vf = null;
        Map<String, String> vfSettings = new LinkedHashMap<>();
        for (int j = 0; j < args.size(); j++) {
            String a = args.get(j);
            switch (a) {
                case "dev" -> name = arg(args, ++j, "dev");
                case "up" -> up = true;
                case "down" -> up = false;
                case "mtu" -> mtu = number(arg(args, ++j, "mtu"), "mtu");
                case "name" -> {
                    newName = arg(args, ++j, "name");
                    if (!NetNaming.valid(newName)) {
                        throw new Usage("Error: argument \"" + newName + "\" is wrong: \"name\" not a valid ifname");
                    }
                }
                case "address" -> mac = lladdr(arg(args, ++j, "address"));
                case "master" -> master = arg(args, ++j, "master");
                case "nomaster" -> nomaster = true;
                case "vf" -> {
                    vf = number(arg(args, ++j, "vf"), "vf");
                    j = parseVf(args, j + 1, vfSettings) - 1;
                }
                default -> {
                    if (name == null) name = a;
                    else throw new Usage("Error: either \"dev\" is duplicate, or \"" + a + "\" is a garbage.");
                }
            }
        }
        if (name == null) throw new Usage("Not enough information: \"dev\" argument is required.");
        if (k.netdev(name).isEmpty()) {
            o.err().append("Cannot find device \"").append(name).append("\"\n");
            return 1;
        }
        if (master != null && k.netdev(master).isEmpty()) {
            o.err().append("Device \"").append(master).append("\" does not exist.\n");
            return 1;
        }
        // the order of rtnetlink's do_setlink: name, address, mtu, master, VF settings, then flags (up/down)
        String cur = name;
        if (newName != null) {
            k.rename(cur, newName);
            cur = newName;
        }
        if (mac != null) k.setMac(cur, mac);
        if (mtu != null) k.setMtu(cur, mtu);
        if (nomaster) k.release(cur);
        if (master != null) {
            for (String w : k.enslave(cur, master)) o.err().append("Warning: ").append(w).append(w.endsWith(".") ? "" : ".").append('\n');
        }
        if (vf != null) {
            for (Map.Entry<String, String> e : vfSettings.entrySet()) k.setVf(cur, vf, e.getKey(), e.getValue());
        }
        if (up != null) k.setLinkUp(cur, up);
        return 0;
    }

    /** iplink_parse_vf: the VF keywords after {@code vf N}; returns the index of the first unused word. */
    private static int parseVf(List<String> args, int j, Map<String, String> out) {
        while (j < args.size()) {
            String a = args.get(j);
            switch (a) {
                case "mac" -> out.put("mac", lladdr(arg(args, ++j, "mac")));
                case "vlan" -> {
                    int vlan = number(arg(args, ++j, "vlan"), "vlan");
                    int qos = 0;
                    if (j + 1 < args.size() && args.get(j + 1).equals("qos")) {
                        j += 2;
                        qos = number(arg(args, j, "qos"), "qos");
                    }
                    if (j + 1 < args.size() && args.get(j + 1).equals("proto")) j += 2;
                    out.put("vlan", vlan + ":" + qos);
                }
                case "rate", "max_tx_rate" -> out.put("max_tx_rate", String.valueOf(number(arg(args, ++j, a), a)));
                case "min_tx_rate" -> out.put("min_tx_rate", String.valueOf(number(arg(args, ++j, a), a)));
                case "spoofchk", "trust", "query_rss" -> {
                    String v = arg(args, ++j, a);
                    if (!v.equals("on") && !v.equals("off")) throw new Usage("Error: argument \"" + v + "\" is wrong: Invalid \"" + a + "\" value");
                    if (!a.equals("query_rss")) out.put(a, v);
                }
                case "state" -> {
                    String v = arg(args, ++j, "state");
                    if (!v.equals("auto") && !v.equals("enable") && !v.equals("disable")) {
                        throw new Usage("Error: argument \"" + v + "\" is wrong: Invalid \"state\" value");
                    }
                    out.put("state", v);
                }
                default -> {
                    return j;
                }
            }
            j++;
        }
        return j;
    }

    private static String arg(List<String> args, int j, String what) {
        if (j >= args.size()) throw new Usage("Command line is not complete. Try option \"help\"");
        return args.get(j);
    }

    private static int number(String v, String what) {
        try {
            int n = Integer.parseInt(v);
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new Usage("Error: argument \"" + v + "\" is wrong: Invalid \"" + what + "\" value");
        }
    }

    private static String lladdr(String v) {
        if (!v.matches("[0-9a-fA-F]{1,2}(:[0-9a-fA-F]{1,2}){5}")) throw new Usage("\"" + v + "\" is invalid lladdr.");
        return v;
    }

    /** {@code ip link add [name] NAME type bond [mode M] [miimon N] [xmit_hash_policy P] [lacp_rate R]}. */
    private int add(SimHost host, List<String> args) {
        String name = null;
        String type = null;
        Map<String, String> options = new LinkedHashMap<>();
        int j = 0;
        while (j < args.size()) {
            String a = args.get(j);
            if (a.equals("name")) {
                name = arg(args, ++j, "name");
            } else if (a.equals("type")) {
                type = arg(args, ++j, "type");
                j++;
                while (j < args.size()) {
                    String key = args.get(j);
                    options.put(key, arg(args, ++j, key));
                    j++;
                }
                break;
            } else if (name == null) {
                name = a;
            } else {
                throw new Usage("Error: either \"dev\" is duplicate, or \"" + a + "\" is a garbage.");
            }
            j++;
        }
        if (name == null) throw new Usage("Not enough information: \"dev\" argument is required.");
        if (type == null) throw new Usage("Not enough information: \"type\" argument is required.");
        if (!type.equals("bond")) throw new KernelError(Errno.EOPNOTSUPP, "Unknown device type");
        if (!NetNaming.valid(name)) throw new Usage("Error: argument \"" + name + "\" is wrong: \"name\" not a valid ifname");
        String mode = options.remove("mode");
        host.kernel().createBond(name, mode, options, List.of());
        return 0;
    }

    // ---- ip address ---------------------------------------------------------------------------------

    private int address(SimHost host, List<String> args, Out o) {
        String cmd = args.isEmpty() ? "show" : args.get(0);
        if (!cmd.equals("add") && !cmd.equals("del") && !cmd.equals("delete")) {
            throw new Usage("Command \"" + cmd + "\" is unknown, try \"ip address help\".");
        }
        String cidr = null;
        String dev = null;
        for (int j = 1; j < args.size(); j++) {
            if (args.get(j).equals("dev")) dev = arg(args, ++j, "dev");
            else if (cidr == null) cidr = args.get(j);
        }
        if (cidr == null || dev == null) throw new Usage("Not enough information: \"dev\" argument is required.");
        if (host.kernel().netdev(dev).isEmpty()) {
            o.err().append("Cannot find device \"").append(dev).append("\"\n");
            return 1;
        }
        if (!cidr.contains("/")) cidr = cidr + (cidr.contains(":") ? "/128" : "/32");
        if (cmd.equals("add")) host.kernel().addAddress(dev, cidr);
        else host.kernel().removeAddress(dev, cidr);
        return 0;
    }

}
