package dev.sriovctl.verify;

import dev.sriovctl.host.CommandCatalog;
import dev.sriovctl.host.CommandResult;
import dev.sriovctl.host.Host;
import dev.sriovctl.observe.DatapathFlow;
import dev.sriovctl.observe.DpctlFlowParser;
import dev.sriovctl.observe.DpkgMd5sumsParser;
import dev.sriovctl.observe.EthtoolFeatures;
import dev.sriovctl.observe.EthtoolFeaturesParser;
import dev.sriovctl.observe.FirmwareConfig;
import dev.sriovctl.observe.IfaceStanza;
import dev.sriovctl.observe.InterfacesParser;
import dev.sriovctl.observe.Inventory;
import dev.sriovctl.observe.InventoryBuilder;
import dev.sriovctl.observe.KernelLogLine;
import dev.sriovctl.observe.KernelLogParser;
import dev.sriovctl.observe.MlxconfigQueryParser;
import dev.sriovctl.observe.PackageFile;
import dev.sriovctl.observe.ParseException;
import dev.sriovctl.observe.Pf;
import dev.sriovctl.observe.Qdisc;
import dev.sriovctl.observe.TcQdiscParser;
import dev.sriovctl.observe.UdevRule;
import dev.sriovctl.observe.UdevRulesParser;
import dev.sriovctl.observe.VswitchdLog;
import dev.sriovctl.observe.VswitchdLogParser;
import dev.sriovctl.pve.PveFacts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Everything a check may read: the host, its {@link Inventory}, the optional {@link Expectations} (a spec),
 * what Proxmox VE says ({@link PveFacts}: from the API when given, else read from /etc/pve on the host), and
 * the observations beyond discovery (kernel log, datapath flows, qdiscs,
 * firmware, udev rules, ...). Observations are read on first use and kept, so each command runs at most
 * once per doctor run; each comes back as an {@link Observed} that names its origin, or says what was missing.
 */
public final class DoctorContext {

    /** DESIGN section 5: offloaded / all datapath flows at or above this passes. */
    public static final double DEFAULT_FLOW_THRESHOLD = 0.9;

    public static final String UDEV_RULES_DIR = "/etc/udev/rules.d";
    public static final String INTERFACES = "/etc/network/interfaces";
    public static final String INTERFACES_DIR = "/etc/network/interfaces.d";
    public static final String VSWITCHD_LOG = CommandCatalog.CAPTURED_LOG_FILES.get(0);

    private final Host host;
    private final Expectations expectations;
    private final PveFacts proxmox;
    private final String pveNode;
    private Inventory inventory;
    private final Map<Object, Object> cache = new HashMap<>();

    private DoctorContext(Host host, Inventory inventory, Expectations expectations, PveFacts proxmox, String pveNode) {
        this.host = host;
        this.inventory = inventory;
        this.expectations = expectations;
        this.proxmox = proxmox;
        this.pveNode = pveNode;
    }

    /** The host judged as found: no spec; Proxmox facts read from the host's /etc/pve when it has one. */
    public static DoctorContext of(Host host) {
        return new DoctorContext(host, null, null, null, null);
    }

    public DoctorContext withExpectations(Expectations e) {
        return new DoctorContext(host, inventory, e, proxmox, pveNode);
    }

    /** Proxmox facts obtained elsewhere (the PVE API); they replace reading /etc/pve on the host. */
    public DoctorContext withProxmox(PveFacts p) {
        return new DoctorContext(host, inventory, expectations, p, pveNode);
    }

    /** This host's PVE node name ({@code --node}); default: its hostname up to the first dot. */
    public DoctorContext withPveNode(String node) {
        return new DoctorContext(host, inventory, expectations, proxmox, node);
    }

    /** Reuses an inventory already built (e.g. by apply's post-verify). */
    public DoctorContext withInventory(Inventory i) {
        return new DoctorContext(host, i, expectations, proxmox, pveNode);
    }

    public Host host() {
        return host;
    }

    public synchronized Inventory inventory() {
        if (inventory == null) inventory = InventoryBuilder.build(host);
        return inventory;
    }

    public Optional<Expectations> expectations() {
        return Optional.ofNullable(expectations);
    }

    /**
     * What Proxmox VE says about this node: the facts given (from the API), else read from pmxcfs on the
     * host ({@link PveFacts#fromHost}); missing says why (not a Proxmox VE node, unknown node, unreadable file).
     */
    public Observed<PveFacts> proxmox() {
        if (proxmox != null) return Observed.of(proxmox, proxmox.source());
        return memo("pve", () -> {
            try {
                return PveFacts.fromHost(host, pveNode).map(f -> Observed.of(f, f.source()))
                        .orElseGet(() -> Observed.missing("not a Proxmox VE node: /etc/pve is not on " + host.description()
                                + (host.mutable() ? "" : " (absent there, or not recorded by capture)")));
            } catch (dev.sriovctl.InputException e) {
                return Observed.missing("the Proxmox data cannot be read: " + e.getMessage());
            }
        });
    }

    public double flowThreshold() {
        return expectations != null && expectations.flowOffloadThreshold() != null
                ? expectations.flowOffloadThreshold() : DEFAULT_FLOW_THRESHOLD;
    }

    // ---- which PFs are judged ------------------------------------------------------------------

    /**
     * The PFs doctor judges: with a spec, the spec'd ones (found on the host); without, every PF of a NIC
     * sriovctl manages (mlx5).
     */
    public List<Pf> judgedPfs() {
        if (expectations != null && !expectations.pfs().isEmpty()) {
            List<Pf> out = new ArrayList<>();
            for (Expectations.PfExpectation e : expectations.pfs()) inventory().pf(e.pf()).ifPresent(out::add);
            return out;
        }
        return inventory().nics().stream().filter(n -> n.supported()).flatMap(n -> n.pfs().stream()).toList();
    }

    /** The spec's expectation for a PF (by PCI address or netdev). */
    public Optional<Expectations.PfExpectation> expectationFor(Pf pf) {
        if (expectations == null) return Optional.empty();
        return expectations.pfs().stream()
                .filter(e -> e.pf().equals(pf.pci()) || e.pf().equals(pf.netdev())).findFirst();
    }

    /** How a PF is named in results: {@code enp129s0f0np0 (0000:81:00.0)}. */
    public static String subject(Pf pf) {
        return pf.netdev() == null ? pf.pci() : pf.netdev() + " (" + pf.pci() + ")";
    }

    /** The SKIP of a check that judges PFs when there is none. */
    static CheckResult noPf(Check check, DoctorContext ctx) {
        if (ctx.expectations != null && !ctx.expectations.pfs().isEmpty()) {
            return CheckResult.skip(check.id(), "host", "none of the PFs in " + ctx.specName() + " ("
                    + ctx.expectations.pfs().stream().map(Expectations.PfExpectation::pf).collect(java.util.stream.Collectors.joining(", "))
                    + ") exists on " + ctx.host.description());
        }
        return CheckResult.skip(check.id(), "host", "no mlx5 PF on " + ctx.host.description()
                + " (no /sys/bus/pci/devices entry with vendor 0x15b3, class 0x02 and SR-IOV; see sriovctl discover)");
    }

    /** The PF a kernel message names, as a subject; else the device, else "kernel log". */
    static String deviceSubject(DoctorContext ctx, KernelLogLine line) {
        if (line.device() == null) return "kernel log";
        return ctx.inventory().pfs().stream().filter(p -> p.pci().equals(line.device())).findFirst()
                .map(DoctorContext::subject).orElse(line.device());
    }

    /** Evidence for a recognised message: the line, where it is, what it means. */
    static String quote(dev.sriovctl.observe.KernelLogSignature.Match m, String origin) {
        return "\"" + m.line().quote() + "\" (" + origin + ", line " + m.line().number() + "): " + m.signature().meaning();
    }

    /**
     * Why Open vSwitch cannot be judged, or null when ovsdb-server answered: the exact command that gave
     * nothing or failed.
     */
    public String ovsUnavailable() {
        Boolean running = inventory().ovs().running();
        if (Boolean.TRUE.equals(running)) return null;
        Observed<String> probe = output(CommandCatalog.ovsList("Open_vSwitch"));
        return probe.present() ? "Open vSwitch's database could not be read (" + probe.origin() + ")" : probe.missing();
    }

    /** The bonds (OVS or Linux) that have a judged PF as a member: the uplink bonds. */
    public List<dev.sriovctl.observe.Bond> uplinkBonds() {
        java.util.Set<String> pfs = new java.util.HashSet<>();
        for (Pf pf : judgedPfs()) if (pf.netdev() != null) pfs.add(pf.netdev());
        return inventory().bonds().stream()
                .filter(b -> b.members().stream().anyMatch(m -> pfs.contains(m.name()))).toList();
    }

    /** The PF whose netdev has this name, if judged. */
    public Optional<Pf> pfByNetdev(String netdev) {
        return judgedPfs().stream().filter(p -> netdev.equals(p.netdev())).findFirst();
    }

    /** Whether hardware offload is switched on in the Open_vSwitch table. */
    public boolean hwOffloadOn() {
        return "true".equals(inventory().ovs().otherConfig().get("hw-offload"));
    }

    /** The spec's name for evidence: "spec.yaml" or "the spec". */
    public String specName() {
        return expectations == null || expectations.source() == null ? "the spec" : expectations.source();
    }

    // ---- commands and files --------------------------------------------------------------------

    /** A command's stdout; missing names the command and why (not run here, not recorded, failed). */
    public Observed<String> output(List<String> argv) {
        return memo(List.of("cmd", argv), () -> {
            String cmd = String.join(" ", argv);
            Optional<CommandResult> r;
            try {
                r = host.run(argv);
            } catch (dev.sriovctl.host.HostException e) {
                return Observed.missing("'" + cmd + "' did not finish: " + e.getMessage());
            }
            if (r.isEmpty()) {
                return Observed.missing("'" + cmd + "' gave nothing on " + host.description()
                        + " (not installed there, or not recorded in the snapshot)");
            }
            if (!r.get().ok()) {
                String err = r.get().stderr().strip().lines().findFirst().orElse(r.get().stdout().strip().lines().findFirst().orElse(""));
                return Observed.missing(host.originOf(argv) + " failed with exit " + r.get().exitCode()
                        + (err.isEmpty() ? "" : ": " + err));
            }
            return Observed.of(r.get().stdout(), host.originOf(argv));
        });
    }

    /** A command's stdout, parsed; a parse failure is "missing" with the position. */
    public <T> Observed<T> parsed(List<String> argv, Function<String, T> parser) {
        return memo(List.of("parsed", argv), () -> parse(output(argv), parser));
    }

    /** A file's content; missing when it is absent on the host (or not recorded in the snapshot). */
    public Observed<String> file(String path) {
        return memo(List.of("file", path), () -> host.read(path)
                .map(t -> Observed.of(t, host.originOfFile(path)))
                .orElseGet(() -> Observed.missing(path + " is not on " + host.description()
                        + (host.mutable() ? "" : " (absent there, or not recorded by capture)"))));
    }

    /** A kernel attribute's text without the trailing newline, or null. */
    public String attribute(String path) {
        return host.read(path).map(String::strip).orElse(null);
    }

    private static <T> Observed<T> parse(Observed<String> text, Function<String, T> parser) {
        if (!text.present()) return Observed.missing(text.missing());
        try {
            return Observed.of(parser.apply(text.value()), text.origin());
        } catch (ParseException e) {
            return Observed.missing("cannot read " + text.origin()
                    + (e.line() > 0 ? " at line " + e.line() : "") + ": " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private synchronized <T> T memo(Object key, Supplier<T> compute) {
        if (cache.containsKey(key)) return (T) cache.get(key);
        T v = compute.get();
        cache.put(key, v);
        return v;
    }

    // ---- observations ------------------------------------------------------------------------------

    public Observed<List<KernelLogLine>> kernelLog() {
        return parsed(CommandCatalog.dmesg(), KernelLogParser::parse);
    }

    /** The boot journal of udev and ifupdown2 (renames, netlink warnings of 'ip link set ... master'). */
    public Observed<List<KernelLogLine>> bootJournal() {
        return parsed(CommandCatalog.bootJournal(), KernelLogParser::parse);
    }

    public Observed<List<DatapathFlow>> datapathFlows() {
        return parsed(CommandCatalog.ovsDumpFlows(), DpctlFlowParser::parse);
    }

    public Observed<List<Qdisc>> qdiscs() {
        return parsed(CommandCatalog.tcQdiscShow(), TcQdiscParser::parse);
    }

    public Observed<List<FirmwareConfig>> firmware(String pfPci) {
        return parsed(CommandCatalog.mstconfigQuery(pfPci), MlxconfigQueryParser::parse);
    }

    public Observed<EthtoolFeatures> features(String netdev) {
        return parsed(CommandCatalog.ethtoolFeatures(netdev), EthtoolFeaturesParser::parse).map(l -> l.stream()
                .filter(f -> netdev.equals(f.device())).findFirst()
                .orElse(l.isEmpty() ? new EthtoolFeatures(netdev, Map.of()) : l.get(l.size() - 1)));
    }

    public Observed<VswitchdLog> vswitchdLog() {
        return memo("vswitchd-log", () -> parse(file(VSWITCHD_LOG), VswitchdLogParser::parse));
    }

    /** Every rule of every file in /etc/udev/rules.d, in file-name order (udev's order). */
    public Observed<List<UdevRule>> udevRules() {
        return memo("udev", () -> {
            if (!host.isDirectory(UDEV_RULES_DIR)) {
                return Observed.missing(UDEV_RULES_DIR + " is not on " + host.description()
                        + (host.mutable() ? "" : " (not recorded by capture)"));
            }
            List<UdevRule> rules = new ArrayList<>();
            for (String name : host.list(UDEV_RULES_DIR)) {
                if (!name.endsWith(".rules")) continue;
                String path = UDEV_RULES_DIR + "/" + name;
                host.read(path).ifPresent(t -> rules.addAll(UdevRulesParser.parse(path, t)));
            }
            return Observed.of(rules, host.originOfFile(UDEV_RULES_DIR));
        });
    }

    /** The stanzas of /etc/network/interfaces and every file in interfaces.d. */
    public Observed<List<IfaceStanza>> interfaces() {
        return memo("interfaces", () -> {
            Observed<String> main = file(INTERFACES);
            if (!main.present()) return Observed.missing(main.missing());
            List<IfaceStanza> out = new ArrayList<>(InterfacesParser.stanzas(INTERFACES, main.value()));
            for (String name : host.list(INTERFACES_DIR)) {
                String path = INTERFACES_DIR + "/" + name;
                host.read(path).ifPresent(t -> out.addAll(InterfacesParser.stanzas(path, t)));
            }
            return Observed.of(out, main.origin() + (host.list(INTERFACES_DIR).isEmpty() ? "" : " and " + INTERFACES_DIR + "/*"));
        });
    }

    /** The files of the installed Open vSwitch packages, by package, from dpkg's md5sums. */
    public Observed<Map<String, List<PackageFile>>> ovsPackageFiles() {
        return memo("ovs-packages", () -> {
            List<String> sums = host.list(CommandCatalog.DPKG_INFO).stream().filter(CommandCatalog::isOvsPackageSums).toList();
            if (sums.isEmpty()) {
                return Observed.missing("no " + CommandCatalog.DPKG_INFO + "/openvswitch-*.md5sums on " + host.description()
                        + " (Open vSwitch not installed from Debian packages, or not recorded by capture)");
            }
            Map<String, List<PackageFile>> out = new java.util.TreeMap<>();
            for (String name : sums) {
                String path = CommandCatalog.DPKG_INFO + "/" + name;
                Observed<List<PackageFile>> files = parse(file(path), DpkgMd5sumsParser::parse);
                if (!files.present()) return Observed.missing(files.missing());
                out.put(name.substring(0, name.length() - ".md5sums".length()), files.value());
            }
            return Observed.of(out, host.originOfFile(CommandCatalog.DPKG_INFO) + "/openvswitch-*.md5sums");
        });
    }
}
