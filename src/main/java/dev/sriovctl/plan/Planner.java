package dev.sriovctl.plan;

import dev.sriovctl.host.CommandCatalog;
import dev.sriovctl.observe.Bond;
import dev.sriovctl.observe.ConfigFiles;
import dev.sriovctl.observe.ConfigFilesReader;
import dev.sriovctl.observe.EswitchMode;
import dev.sriovctl.observe.InterfacesParser;
import dev.sriovctl.observe.Inventory;
import dev.sriovctl.observe.Nic;
import dev.sriovctl.observe.OvsBridge;
import dev.sriovctl.observe.OvsPort;
import dev.sriovctl.observe.Pf;
import dev.sriovctl.observe.Vf;
import dev.sriovctl.render.BootUnitsRenderer;
import dev.sriovctl.render.InterfacesRenderer;
import dev.sriovctl.render.KernelCmdlineAdvice;
import dev.sriovctl.render.RenderedFile;
import dev.sriovctl.render.UdevRulesRenderer;
import dev.sriovctl.spec.OvsBondSpec;
import dev.sriovctl.spec.Spec;
import dev.sriovctl.spec.SwitchdevOrder;
import dev.sriovctl.spec.Target;
import dev.sriovctl.spec.TargetBond;
import dev.sriovctl.spec.TargetBridge;
import dev.sriovctl.spec.TargetMapping;
import dev.sriovctl.spec.TargetNic;
import dev.sriovctl.spec.TargetPf;
import dev.sriovctl.spec.TargetPort;
import dev.sriovctl.spec.TargetResolver;
import dev.sriovctl.spec.TargetVf;
import dev.sriovctl.spec.VfLagRule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Pairs the spec (resolved to a {@link Target}) with the host as discovered and returns the steps
 * that take the host there, only for what differs. Pure: the inventory and the current files are
 * read before; nothing here touches a host.
 *
 * <p>The order (docs/plan-order.md has the sources):
 * <ol>
 * <li>udev rules written and reloaded first, so the PF keeps its name when switchdev re-registers it
 * and representors are named as they are created;</li>
 * <li>per PF: VFs to 0 when the count or the mode changes; the e-switch mode only when it differs;
 * VFs 0 -> N and wait for the {@code virtfn} links; unbind them before switchdev (or, for the
 * switchdev-first policy, mode before VFs); wait for the representors;</li>
 * <li>renames of existing representors ({@code udevadm trigger} for just those);</li>
 * <li>VF settings (MAC, rate; VLAN/trust/spoofchk in legacy mode);</li>
 * <li>Open vSwitch other_config, with one ovs-vswitchd restart only when offload must be (re)read;</li>
 * <li>ifupdown2 files and {@code ifreload -a}, checked by reading Open vSwitch back;</li>
 * <li>for VF-LAG: mount debugfs if it is not, wait for the hardware LAG; then VF driver binding;</li>
 * <li>the spec copy and the two boot units.</li>
 * </ol>
 */
public final class Planner {

    private final Inventory inv;
    private final ConfigFiles files;
    private final Target target;
    private final PlanOptions opts;
    private final VfHolders holders;
    private final List<Step> steps = new ArrayList<>();
    private final List<FileChange> fileChanges = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();
    /** The driver each VF (by PCI address) has at the current point of the plan; absent = none. */
    private final Map<String, String> driverNow = new HashMap<>();
    /** PFs whose VFs this plan destroys and creates again. */
    private final Set<String> recreated = new LinkedHashSet<>();
    /** PFs whose VF count or mode this plan changes. */
    private final Set<String> kernelTouched = new LinkedHashSet<>();
    /** PFs whose netdev flaps: a mode change re-registers the uplink. */
    private final Set<String> linkFlaps = new LinkedHashSet<>();
    private boolean restartsVswitchd;
    /** The rendered ifupdown2 file (empty: the spec has no bridges), rendered once: the target does not change. */
    private Optional<RenderedFile> interfacesFile;
    private final List<String> guardedBridges = new ArrayList<>();

    private Planner(Inventory inv, ConfigFiles files, Target target, PlanOptions opts, VfHolders holders) {
        this.inv = inv;
        this.holders = holders;
        this.files = files;
        this.target = target;
        this.opts = opts;
        for (Pf pf : inv.pfs()) for (Vf vf : pf.vfs()) if (vf.driver() != null) driverNow.put(vf.pci(), vf.driver());
    }

    /** Plans a validated spec (see {@code SpecValidator}) for a host. */
    public static Plan plan(Inventory inventory, ConfigFiles files, Spec spec, PlanOptions options) {
        return plan(inventory, files, TargetResolver.resolve(spec, inventory), options);
    }

    public static Plan plan(Inventory inventory, ConfigFiles files, Target target, PlanOptions options) {
        return plan(inventory, files, target, options, VfHolders.none());
    }

    /** With the VMs that hold VFs (from Proxmox), so disruption findings name them. */
    public static Plan plan(Inventory inventory, ConfigFiles files, Spec spec, PlanOptions options, VfHolders holders) {
        return plan(inventory, files, TargetResolver.resolve(spec, inventory), options, holders);
    }

    public static Plan plan(Inventory inventory, ConfigFiles files, Target target, PlanOptions options, VfHolders holders) {
        Planner p = new Planner(inventory, files, target, options, holders);
        p.run();
        return new Plan(inventory.hostname(), p.steps, p.fileChanges, p.findings, target, p.guardedBridges);
    }

    private void run() {
        advice();
        udev();
        for (TargetNic nic : target.nics()) for (TargetPf pf : nic.pfs()) kernel(nic, pf);
        renames();
        vfSettings();
        ovs();
        boolean reloaded = interfaces();
        lag(reloaded);
        binding();
        boot();
        managementBridge();
    }

    // ---- findings that are advice ---------------------------------------------------------------

    private void advice() {
        List<String> cmdline = KernelCmdlineAdvice.advise(inv.iommu(), files.cmdline());
        if (!cmdline.isEmpty() && target.pfs().stream().anyMatch(p -> p.numVfs() > 0)) {
            findings.add(Finding.notice("kernel command line", cmdline.get(0), cmdline.get(1)));
        }
        if (inv.ovs() != null && inv.ovs().otherConfig().containsKey("lacp-fallback-ab")) {
            findings.add(Finding.notice("Open_vSwitch", "other_config:lacp-fallback-ab is set on the Open_vSwitch table, where Open vSwitch "
                            + "ignores it (it is a Port key); sriovctl puts it on the bond's Port instead and leaves this key alone (not its own)",
                    "ovs-vsctl remove Open_vSwitch . other_config lacp-fallback-ab"));
        }
        for (TargetBridge b : target.bridges()) {
            if (b.bond() != null && b.bond().spec() instanceof OvsBondSpec o && o.mode().equals("balance-tcp")
                    && Boolean.TRUE.equals(target.ovs().hwOffload())) {
                findings.add(Finding.notice(b.bond().name(), "an OVS balance-tcp bond hashes with dp_hash and recirculation, which TC cannot offload: "
                                + "VF traffic to the uplink likely stays in the software datapath, and a VF loses its network when its own port fails",
                        "VF-LAG (bond type vf-lag) offloads the bond and protects VFs; see docs/vf-lag.md").at(b.bond().specPath() + ".mode"));
            }
        }
        for (TargetMapping m : target.mappings()) {
            findings.add(Finding.notice("Proxmox mapping " + m.id(), m.vfs().size() + " VF" + (m.vfs().size() == 1 ? "" : "s")
                    + " for mapping '" + m.id() + "' (Proxmox mappings are applied by 'sriovctl pve', not by this plan)", null));
        }
    }

    // ---- udev ----------------------------------------------------------------------------------

    private void udev() {
        List<PriorFile> before = new ArrayList<>();
        Set<String> rendered = new LinkedHashSet<>();
        for (RenderedFile f : UdevRulesRenderer.render(target)) {
            rendered.add(f.path());
            String reason = files.content(f.path()).isEmpty()
                    ? "names the PF and its representors by PCI address and phys_port_name; nothing names them yet"
                    : "the rules on the host differ from the spec";
            if (write(f, reason)) before.add(prior(f.path(), f.mode()));
        }
        for (String name : files.list(ConfigFilesReader.UDEV_RULES_D)) {
            String path = ConfigFilesReader.UDEV_RULES_D + "/" + name;
            String content = files.content(path).orElse(null);
            if (UdevRulesRenderer.isOurs(name) && !rendered.contains(path) && RenderedFile.isManaged(content)) {
                delete(path, content, "its PF is no longer in the spec");
                before.add(prior(path, 0644));
            } else if (!UdevRulesRenderer.isOurs(name) && content != null) {
                conflictingUdevRule(path, content);
            }
        }
        if (!before.isEmpty()) {
            steps.add(new ReloadUdevRules(before, "udevd reads rule files only on reload; devices created by the next steps "
                    + "must get their names at creation"));
        }
    }

    /** The guide's kind of rule: devlink, VF counts or names by switch id from udev, for our PFs. */
    private void conflictingUdevRule(String path, String content) {
        boolean ours = target.pfs().stream().anyMatch(p -> content.contains(p.pci()))
                || inv.pfs().stream().anyMatch(p -> p.switchId() != null && content.contains(p.switchId()));
        boolean configures = content.contains("sriov_numvfs") || content.contains("eswitch") || content.contains("NAME");
        if (ours && configures) {
            findings.add(Finding.warning(path, "this rule file also sets up SR-IOV on the spec's PFs (VF counts, e-switch "
                            + "mode or names from udev, as the guide does); it runs at every boot and races sriovctl-pre.service",
                    "remove it once sriovctl manages these PFs (sriovctl never edits files it did not write)"));
        }
    }

    // ---- kernel: VFs and e-switch mode -----------------------------------------------------------

    private void kernel(TargetNic nic, TargetPf t) {
        Pf cur = inv.pf(t.pci()).orElseThrow();
        int curN = cur.numVfs() == null ? 0 : cur.numVfs();
        EswitchMode curMode = cur.eswitchMode() == null ? EswitchMode.UNKNOWN : cur.eswitchMode();
        boolean modeChange = curMode != t.eswitch();
        boolean countChange = curN != t.numVfs();
        boolean recreate = countChange || (modeChange && curN > 0);
        if (!modeChange && !recreate) return;
        kernelTouched.add(t.pci());
        if (modeChange) linkFlaps.add(t.pci());
        String label = t.label();
        String specAt = t.specPath();
        boolean held = heldByVm(cur, label, specAt);
        if (linuxBondMaster(cur) != null && modeChange) {
            findings.add(Finding.blocker(label, "PF " + label + " is a slave of Linux bond " + linuxBondMaster(cur)
                            + ": its e-switch mode cannot change while it is bonded (the driver reports the e-switch busy; netplan 32b19b8f)",
                    "ifdown " + linuxBondMaster(cur) + " first, then apply; sriovctl brings the bond back after the mode change\n"
                            + VfLagRule.SWITCHDEV_BEFORE_BOND.cite()).at(specAt));
        }
        String why = describe(cur, curN, curMode, t);
        if (recreate && curN > 0) {
            List<SetNumVfs.PriorVf> before = cur.vfs().stream().map(v -> new SetNumVfs.PriorVf(v.index(), v.pci(), v.driver(), v.mac(), v.representor())).toList();
            steps.add(new SetNumVfs(t.pci(), t.netdev(), curN, 0, why + "; a VF count changes only through 0"
                    + (modeChange ? ", and the mode changes with no VFs" : ""), true, before));
            for (Vf vf : cur.vfs()) driverNow.remove(vf.pci());
        }
        List<String> vfPcis = t.vfs().stream().map(TargetVf::pci).filter(Objects::nonNull).toList();
        boolean interrupts = held || cur.master() != null;
        if (t.eswitch() == EswitchMode.SWITCHDEV && nic.order() == SwitchdevOrder.SWITCHDEV_FIRST) {
            if (modeChange) steps.add(new SetEswitchMode(t.pci(), t.netdev(), curMode.toString(), "switchdev", List.of(),
                    why + "; switchdev-first policy for this NIC: mode before VFs", interrupts));
            createVfs(t, recreate, why);
            if (recreate && t.numVfs() > 0) waitForRepresentors(t);
            return;
        }
        if (t.eswitch() == EswitchMode.LEGACY && modeChange) {
            steps.add(new SetEswitchMode(t.pci(), t.netdev(), curMode.toString(), "legacy", List.of(), why, interrupts));
        }
        createVfs(t, recreate, why);
        if (t.eswitch() == EswitchMode.SWITCHDEV) {
            if (modeChange) {
                for (TargetVf vf : t.vfs()) {
                    if (vf.pci() == null) continue;
                    steps.add(new UnbindVf(vf.pci(), t.pci(), vf.index(), driverNow.getOrDefault(vf.pci(), "mlx5_core"),
                            "the e-switch mode changes only while no VF is bound (mlx5; NVIDIA DOCA: unbind VFs before switchdev)", false));
                    driverNow.remove(vf.pci());
                }
                steps.add(new SetEswitchMode(t.pci(), t.netdev(), curMode.toString(), "switchdev", vfPcis,
                        why + "; consensus mlx5 order: VFs first, then switchdev", interrupts));
            }
            if (t.numVfs() > 0) waitForRepresentors(t);
        }
    }

    private void createVfs(TargetPf t, boolean recreate, String why) {
        if (!recreate || t.numVfs() == 0) return;
        steps.add(new SetNumVfs(t.pci(), t.netdev(), 0, t.numVfs(), why, false));
        steps.add(new WaitForVfs(t.pci(), t.numVfs(), "VFs appear asynchronously; nothing may touch the PF before all exist "
                + "(sriov-network-operator #1015)"));
        recreated.add(t.pci());
        // VFs are probed by mlx5_core as they appear (sriov_drivers_autoprobe, the kernel default)
        for (TargetVf vf : t.vfs()) if (vf.pci() != null) driverNow.put(vf.pci(), "mlx5_core");
    }

    private void waitForRepresentors(TargetPf t) {
        List<WaitForRepresentors.Representor> reps = new ArrayList<>();
        for (TargetVf vf : t.vfs()) if (vf.representor() != null) reps.add(new WaitForRepresentors.Representor(vf.representor(), vf.portName()));
        if (!reps.isEmpty()) {
            steps.add(new WaitForRepresentors(t.pci(), reps, "switchdev creates a representor per VF; the udev rules name each one "
                    + "as it appears"));
        }
    }

    private static String describe(Pf cur, int curN, EswitchMode curMode, TargetPf t) {
        List<String> d = new ArrayList<>();
        if (curMode != t.eswitch()) d.add("spec wants " + t.eswitch() + ", the PF is " + curMode);
        if (curN != t.numVfs()) d.add("spec wants " + t.numVfs() + " VF" + (t.numVfs() == 1 ? "" : "s") + ", the PF has " + curN);
        return String.join("; ", d);
    }

    /**
     * VFs bound to vfio-pci stand for "held by a running VM"; when Proxmox VE was read, the VMs holding
     * them are named too (qemu-server's reservations), so the administrator knows which to stop.
     */
    private boolean heldByVm(Pf cur, String label, String specAt) {
        List<String> held = cur.vfs().stream().filter(v -> "vfio-pci".equals(v.driver()) || holders.byVf().containsKey(v.pci()))
                .map(Vf::pci).toList();
        if (held.isEmpty()) return false;
        String what = held.size() == 1 ? "VF " + held.get(0) + " is" : held.size() + " VFs (" + String.join(", ", held) + ") are";
        Set<String> vms = holders.vms(held);
        String named = vms.isEmpty() ? "" : " (held by " + String.join(", ", vms) + ", from " + holders.source() + ")";
        if (opts.allowDisruption()) {
            findings.add(Finding.warning(label, what + " bound to vfio-pci (likely passed to running VMs)" + named + "; this plan destroys and "
                    + "re-creates them (allowed by --allow-disruption): the VMs lose those devices", null).at(specAt));
        } else {
            findings.add(Finding.blocker(label, what + " bound to vfio-pci (likely passed to running VMs)" + named + "; changing the VF count or the "
                    + "e-switch mode destroys every VF of the PF",
                    (vms.isEmpty() ? "stop the VMs using them" : "stop " + String.join(", ", vms) + " (qm shutdown <vmid>)")
                            + ", or re-run with --allow-disruption").at(specAt));
        }
        return true;
    }

    private String linuxBondMaster(Pf pf) {
        if (pf.master() == null) return null;
        return inv.bonds().stream().filter(b -> b.kind().equals("linux") && b.name().equals(pf.master())).map(Bond::name)
                .findFirst().orElse(null);
    }

    // ---- representor renames ----------------------------------------------------------------------

    private void renames() {
        List<TriggerUdev.Rename> renames = new ArrayList<>();
        for (TargetPf t : target.pfs()) {
            if (kernelTouched.contains(t.pci()) || t.eswitch() != EswitchMode.SWITCHDEV) continue;
            Pf cur = inv.pf(t.pci()).orElseThrow();
            for (TargetVf vf : t.vfs()) {
                Vf now = cur.vfs().stream().filter(v -> v.index() == vf.index()).findFirst().orElse(null);
                if (now == null || now.representor() == null || now.representor().equals(vf.representor())) continue;
                renames.add(new TriggerUdev.Rename(now.representor(), vf.representor(), vf.portName()));
            }
        }
        if (renames.isEmpty()) return;
        List<PriorFile> rules = new ArrayList<>();
        for (TargetPf t : target.pfs()) rules.add(prior(UdevRulesRenderer.path(t.pci()), 0644));
        steps.add(new TriggerUdev(renames, rules, "representors exist under other names than the spec's; the rules rename them "
                + "now, without a reboot"));
    }

    // ---- VF settings ------------------------------------------------------------------------------

    private void vfSettings() {
        for (TargetPf t : target.pfs()) {
            Pf cur = inv.pf(t.pci()).orElseThrow();
            boolean fresh = recreated.contains(t.pci());
            boolean legacy = t.eswitch() == EswitchMode.LEGACY;
            for (TargetVf vf : t.vfs()) {
                Vf now = fresh ? null : cur.vfs().stream().filter(v -> v.index() == vf.index()).findFirst().orElse(null);
                if (t.netdev() == null && (vf.mac() != null || vf.maxRate() != null || vf.vlan() != null)) {
                    findings.add(Finding.warning(t.label(), "the PF has no netdev: VF settings cannot be applied", null).at(vf.specPath()));
                    continue;
                }
                String why = fresh ? "the VF is created by this plan" : "the VF has a different value";
                if (vf.mac() != null && (now == null || !vf.mac().equalsIgnoreCase(String.valueOf(now.mac())))) {
                    steps.add(new SetVfMac(t.netdev(), vf.index(), vf.mac(), now == null ? null : now.mac(), why));
                }
                if (legacy && vf.vlan() != null && (now == null || !vf.vlan().equals(now.vlan()))) {
                    steps.add(new SetVfVlan(t.netdev(), vf.index(), vf.vlan(), now == null ? null : now.vlan(), why));
                }
                if (legacy && vf.trust() != null && (now == null || !vf.trust().equals(now.trust()))) {
                    steps.add(new SetVfTrust(t.netdev(), vf.index(), vf.trust(), now == null ? null : now.trust(), why));
                }
                if (legacy && vf.spoofchk() != null && (now == null || !vf.spoofchk().equals(now.spoofchk()))) {
                    steps.add(new SetVfSpoofchk(t.netdev(), vf.index(), vf.spoofchk(), now == null ? null : now.spoofchk(), why));
                }
                if (vf.maxRate() != null && (now == null || !vf.maxRate().equals(now.maxTxRate()))) {
                    steps.add(new SetVfMaxRate(t.netdev(), vf.index(), vf.maxRate(), now == null ? null : now.maxTxRate(), why));
                }
            }
        }
    }

    // ---- Open vSwitch -------------------------------------------------------------------------------

    private void ovs() {
        Map<String, String> want = new TreeMap<>();
        if (target.ovs().hwOffload() != null) want.put("hw-offload", target.ovs().hwOffload().toString());
        if (target.ovs().tcPolicy() != null) want.put("tc-policy", target.ovs().tcPolicy());
        if (target.ovs().maxIdle() != null) want.put("max-idle", target.ovs().maxIdle().toString());
        boolean needsOvs = !want.isEmpty() || !target.bridges().isEmpty();
        if (needsOvs && (inv.ovs() == null || !Boolean.TRUE.equals(inv.ovs().running()))) {
            findings.add(Finding.warning("Open vSwitch", inv.ovs() == null || inv.ovs().running() == null
                            ? "Open vSwitch was not found (ovs-vsctl not installed or not recorded): its state cannot be compared"
                            : "ovsdb-server does not answer: Open vSwitch settings cannot be compared",
                    "apt install openvswitch-switch ifupdown2; systemctl start openvswitch-switch"));
        }
        Map<String, String> now = inv.ovs() == null ? Map.of() : inv.ovs().otherConfig();
        Map<String, String> set = new TreeMap<>();
        Map<String, String> previous = new TreeMap<>();
        List<String> absent = new ArrayList<>();
        want.forEach((k, v) -> {
            if (v.equals(now.get(k))) return;
            set.put(k, v);
            if (now.containsKey(k)) previous.put(k, now.get(k));
            else absent.add(k);
        });
        if (set.isEmpty()) return;
        List<String> d = new ArrayList<>();
        set.forEach((k, v) -> d.add(k + " is " + (now.containsKey(k) ? now.get(k) : "unset") + ", spec wants " + v));
        steps.add(new SetOvsOtherConfig(set, previous, absent, String.join("; ", d)
                + " (kept in the OVS database, which persists; no packaged file is edited)"));
        boolean offloadNow = "true".equals(now.get("hw-offload"));
        boolean offloadAfter = want.containsKey("hw-offload") ? "true".equals(want.get("hw-offload")) : offloadNow;
        boolean tcChanged = set.containsKey("tc-policy");
        if (offloadNow != offloadAfter || (tcChanged && offloadAfter)) {
            restartsVswitchd = true;
            steps.add(new RestartVswitchd(previous, absent, offloadNow != offloadAfter
                    ? "hw-offload " + (offloadAfter ? "turns on" : "turns off") + ": ovs-vswitchd reads it only at start (vswitch.xml)"
                    : "tc-policy changed while offload is on: ovs-vswitchd reads it only when it enables offload"));
        }
    }

    // ---- ifupdown2 ---------------------------------------------------------------------------------------

    /** Returns whether the plan runs {@code ifreload -a}. */
    private boolean interfaces() {
        RenderedFile rendered = interfacesFile().orElse(null);
        String path = InterfacesRenderer.PATH;
        String current = files.content(path).orElse(null);
        boolean changed = false;
        if (current != null && !RenderedFile.isManaged(current)) {
            findings.add(Finding.blocker(path, "the file exists and was not written by sriovctl (no '" + RenderedFile.HEADER + "' header)",
                    "move it away or merge it into the spec; sriovctl never edits files it did not write").about(BootPhase.NONE));
        } else if (rendered != null) {
            changed = write(rendered, current == null ? "the spec's bridges, bonds and ports in ifupdown2 stanzas; the file does not exist"
                    : "the stanzas on the host differ from the spec");
            conflicts(rendered);
        } else if (current != null) {
            delete(path, current, "the spec has no bridges any more");
            changed = true;
        }
        List<Step> removals = new ArrayList<>();
        List<String> drift = new ArrayList<>();
        List<Probe> checks = new ArrayList<>();
        for (TargetBridge b : target.bridges()) {
            bridgeChecks(b, current, checks, drift, removals);
        }
        if (!changed && drift.isEmpty() && removals.isEmpty()) return false;
        steps.addAll(removals);
        List<PriorFile> before = List.of(new PriorFile(path, current, 0644));
        String reason = changed ? "ifupdown2 applies the new stanzas" + (drift.isEmpty() ? "" : "; " + String.join("; ", drift))
                : "Open vSwitch differs from the stanzas: " + String.join("; ", drift);
        steps.add(new IfReload(target.bridges().stream().map(TargetBridge::name).toList(), checks, before, mtus(), reason));
        return true;
    }

    /**
     * The netdevs the stanzas give an MTU (PFs, bond members, representors as OVS ports) that exist now,
     * with their current MTU: the reload's undo puts them back (ifupdown2 does not when it takes an
     * interface down).
     */
    private List<IfReload.Mtu> mtus() {
        Map<String, IfReload.Mtu> out = new java.util.LinkedHashMap<>();
        // representors of PFs whose VFs this plan re-creates are new netdevs by then, with the default MTU
        Set<String> renewed = new LinkedHashSet<>();
        for (TargetPf t : target.pfs()) {
            if (kernelTouched.contains(t.pci())) for (TargetVf vf : t.vfs()) if (vf.representor() != null) renewed.add(vf.representor());
        }
        for (TargetBridge b : target.bridges()) {
            if (b.mtu() == null) continue;
            List<String> netdevs = new ArrayList<>();
            if (b.bond() != null) netdevs.addAll(b.bond().memberNetdevs());
            for (TargetPort p : b.ports()) netdevs.add(p.netdev());
            for (String n : netdevs) {
                if (renewed.contains(n)) continue;
                Integer now = currentMtu(n);
                if (now != null) out.putIfAbsent(n, new IfReload.Mtu(n, now, b.mtu()));
            }
        }
        for (TargetPf pf : target.pfs()) {
            if (pf.mtu() == null || pf.netdev() == null) continue;
            Integer now = currentMtu(pf.netdev());
            if (now != null) out.put(pf.netdev(), new IfReload.Mtu(pf.netdev(), now, pf.mtu()));
        }
        return new ArrayList<>(out.values());
    }

    /** A netdev's MTU as discovered: a PF's own, or a representor's from its Open vSwitch interface. */
    private Integer currentMtu(String netdev) {
        for (Pf p : inv.pfs()) if (netdev.equals(p.netdev())) return p.mtu();
        if (inv.ovs() == null) return null;
        for (OvsBridge b : inv.ovs().bridges()) {
            for (OvsPort p : b.ports()) {
                for (dev.sriovctl.observe.OvsInterface i : p.interfaces()) if (i.name().equals(netdev) && i.mtu() != null) return i.mtu();
            }
        }
        return null;
    }

    /** What Open vSwitch must show for a bridge, and how it differs now. */
    private void bridgeChecks(TargetBridge b, String oldFile, List<Probe> checks, List<String> drift, List<Step> removals) {
        List<String> ports = new ArrayList<>();
        if (b.bond() != null) ports.add(b.bond().name());
        for (TargetPort p : b.ports()) ports.add(p.netdev());
        checks.add(new Probes.OvsPortsInclude(b.name(), ports));
        OvsBridge now = inv.ovs() == null ? null : inv.ovs().bridges().stream().filter(x -> x.name().equals(b.name())).findFirst().orElse(null);
        boolean known = inv.ovs() != null && Boolean.TRUE.equals(inv.ovs().running());
        if (known && now == null) drift.add("bridge " + b.name() + " does not exist");
        if (now != null) {
            List<String> missing = ports.stream().filter(p -> now.port(p).isEmpty()).toList();
            if (!missing.isEmpty()) drift.add(b.name() + " lacks port" + (missing.size() == 1 ? " " : "s ") + String.join(" ", missing));
        }
        List<String> gone = oldPorts(oldFile, b.name());
        gone.removeAll(ports);
        if (!gone.isEmpty()) checks.add(new Probes.OvsPortsExclude(b.name(), gone));
        TargetBond bond = b.bond();
        if (bond != null && bond.spec() instanceof OvsBondSpec o) {
            checks.add(new Probes.OvsValueIs("Port", bond.name(), "bond_mode", null, o.mode()));
            checks.add(new Probes.OvsValueIs("Port", bond.name(), "lacp", null, o.lacp()));
            if (bond.lacpFallbackAb() != null) {
                checks.add(new Probes.OvsValueIs("Port", bond.name(), "other_config", "lacp-fallback-ab", bond.lacpFallbackAb().toString()));
            }
            OvsPort p = now == null ? null : now.port(bond.name()).orElse(null);
            if (p != null) {
                if (!o.mode().equals(p.bondMode())) drift.add(bond.name() + " bond_mode is " + p.bondMode() + ", spec wants " + o.mode());
                if (!o.lacp().equals(p.lacp())) drift.add(bond.name() + " lacp is " + p.lacp() + ", spec wants " + o.lacp());
                if (bond.lacpFallbackAb() != null && !bond.lacpFallbackAb().toString().equals(p.otherConfig().get("lacp-fallback-ab"))) {
                    drift.add(bond.name() + " other_config:lacp-fallback-ab is " + p.otherConfig().getOrDefault("lacp-fallback-ab", "unset")
                            + " on the Port, spec wants " + bond.lacpFallbackAb());
                }
            }
            Bond linux = inv.bonds().stream().filter(x -> x.kind().equals("linux") && x.name().equals(bond.name())).findFirst().orElse(null);
            if (linux != null) {
                findings.add(Finding.blocker(bond.name(), bond.name() + " is a Linux bond now (VF-LAG); turning it back into an OVS bond "
                        + "is not automated", "ifdown " + bond.name() + " (this interrupts the uplink), then apply").at(bond.specPath())
                        .about(BootPhase.NONE));
            }
        } else if (bond != null) {
            OvsPort p = now == null ? null : now.port(bond.name()).orElse(null);
            if (p != null && p.isBond()) {
                drift.add(bond.name() + " is an OVS bond, spec wants a VF-LAG Linux bond");
                removals.add(new RemoveOvsPort(b.name(), bond.name(), "the OVS bond " + bond.name() + " gives way to a Linux bond of the "
                        + "same name (VF-LAG); ifreload keeps a listed port as it is"));
            }
        }
        for (TargetPort port : b.ports()) {
            if (port.tag() == null) continue;
            checks.add(new Probes.OvsValueIs("Port", port.netdev(), "tag", null, port.tag().toString()));
            OvsPort p = now == null ? null : now.port(port.netdev()).orElse(null);
            if (p != null && !port.tag().equals(p.tag())) drift.add(port.netdev() + " tag is " + p.tag() + ", spec wants " + port.tag());
        }
    }

    /** The ports sriovctl's current file lists for a bridge (they are removed when no longer listed). */
    private static List<String> oldPorts(String oldFile, String bridge) {
        List<String> out = new ArrayList<>();
        if (oldFile == null) return out;
        for (InterfacesParser.Stanza s : InterfacesParser.parse(oldFile).stanzas()) {
            if (s.name().equals(bridge)) for (String v : s.option("ovs-ports")) out.addAll(List.of(v.split("\\s+")));
        }
        return out;
    }

    /** Interfaces the rendered file defines that another file defines too, and the missing source line. */
    private void conflicts(RenderedFile rendered) {
        Set<String> ours = new LinkedHashSet<>();
        for (InterfacesParser.Stanza s : InterfacesParser.parse(rendered.content()).stanzas()) ours.add(s.name());
        List<String> others = new ArrayList<>();
        if (files.content(ConfigFilesReader.INTERFACES).isPresent()) others.add(ConfigFilesReader.INTERFACES);
        for (String name : files.list(ConfigFilesReader.INTERFACES_D)) {
            String p = ConfigFilesReader.INTERFACES_D + "/" + name;
            if (!p.equals(InterfacesRenderer.PATH)) others.add(p);
        }
        for (String p : others) {
            String text = files.content(p).orElse(null);
            if (text == null) continue;
            for (InterfacesParser.Stanza s : InterfacesParser.parse(text).stanzas()) {
                if (ours.contains(s.name())) {
                    findings.add(Finding.blocker(p + ":" + s.line(), s.name() + " is defined here and in " + InterfacesRenderer.PATH
                                    + "; ifupdown2 would merge the two definitions",
                            "remove the '" + s.name() + "' stanza from " + p + " (sriovctl never edits files it did not write)").about(BootPhase.NONE));
                }
            }
        }
        String main = files.content(ConfigFilesReader.INTERFACES).orElse(null);
        if (main != null) {
            boolean sourced = InterfacesParser.parse(main).sources().stream().anyMatch(s -> s.pattern().startsWith(ConfigFilesReader.INTERFACES_D));
            if (!sourced) {
                findings.add(Finding.blocker(ConfigFilesReader.INTERFACES, "it does not include " + ConfigFilesReader.INTERFACES_D
                                + ", so ifupdown2 would never read " + InterfacesRenderer.PATH,
                        "add the line 'source " + ConfigFilesReader.INTERFACES_D + "/*' at its end (Proxmox VE keeps such lines)").about(BootPhase.NONE));
            }
        }
    }

    // ---- VF-LAG ------------------------------------------------------------------------------------

    /**
     * Waits for the hardware LAG of each VF-LAG bond before any VF is bound; VFs still bound while
     * the LAG must form are unbound before ifupdown2 creates the bond (mlx5 lag.c).
     */
    private void lag(boolean reloaded) {
        for (TargetBridge b : target.bridges()) {
            if (b.bond() == null || !b.bond().isVfLag()) continue;
            String first = b.bond().memberPcis().get(0);
            Nic card = inv.pf(first).flatMap(inv::nicOf).orElse(null);
            boolean active = card != null && card.lag() != null && "active".equals(card.lag().state());
            if (active && !(reloaded && redoesBond(b))) {
                // at boot (sriovctl-post.service) the bond came up moments ago and mlx5 forms the LAG asynchronously
                // (lag.c queues its bond work): every VF bind still waits until lag/state reads active
                if (bindsAny(b.bond().memberPcis())) {
                    debugfs();
                    steps.add(new WaitForLagActive(card.id(), first, b.bond().name(), "VF-LAG: VFs are bound below; "
                            + "binding one before the LAG is active keeps it from activating (netplan 739ce1d6, LP #1988018)"));
                }
                continue;
            }
            List<Step> unbinds = new ArrayList<>();
            List<String> held = new ArrayList<>();
            for (String pfPci : b.bond().memberPcis()) {
                TargetPf t = target.pf(pfPci).orElseThrow();
                for (TargetVf vf : t.vfs()) {
                    String drv = vf.pci() == null ? null : driverNow.get(vf.pci());
                    if (drv == null) continue;
                    boolean vm = "vfio-pci".equals(drv) || holders.byVf().containsKey(vf.pci());
                    if (vm) held.add(vf.pci());
                    unbinds.add(new UnbindVf(vf.pci(), pfPci, vf.index(), drv, "the hardware LAG forms only while no VF is bound "
                            + "(mlx5 lag.c: \"Make sure all VFs are unbound prior to VF LAG activation\")", vm));
                    driverNow.remove(vf.pci());
                }
            }
            if (!held.isEmpty()) lagDisruption(b, held);
            int at = firstIndexOf(RemoveOvsPort.class);
            if (at < 0) at = firstIndexOf(IfReload.class);
            steps.addAll(at < 0 ? steps.size() : at, unbinds);
            debugfs();
            steps.add(new WaitForLagActive(card == null ? "?" : card.id(), first, b.bond().name(), active
                    ? "ifupdown2 re-applied " + b.bond().name() + "; VFs are bound only once the LAG is active again"
                    : "VF-LAG: bind VFs only once mlx5 reports the LAG active, or it never activates (netplan 739ce1d6, LP #1988018)"));
        }
    }

    /**
     * Whether this plan's {@code ifreload -a} can take the VF-LAG bond apart: its stanza or a member's changes, or a
     * member's link flaps. ifreload brings every auto interface up again, but an unchanged Linux bond keeps its
     * slaves (ifupdown2 bond addon; Debian ships {@code ifreload_down_changed=0}, notes/proxmox-api-and-vf-lag.md
     * §5), so mlx5 keeps the LAG and the VFs VMs use need not be unbound for, say, a representor's VLAN tag.
     */
    private boolean redoesBond(TargetBridge b) {
        if (b.bond().memberPcis().stream().anyMatch(linkFlaps::contains)) return true;
        Set<String> names = new LinkedHashSet<>();
        names.add(b.bond().name());
        names.addAll(b.bond().memberNetdevs());
        return stanzasChange(s -> names.contains(s.name()));
    }

    /**
     * One finding for the VFs VMs hold that the LAG needs unbound: which VFs, which VMs (from Proxmox when read),
     * and that apply needs --allow-disruption (a blocker without it; a warning with it).
     */
    private void lagDisruption(TargetBridge b, List<String> held) {
        List<String> each = new ArrayList<>();
        Set<String> vms = holders.vms(held);
        for (String pci : held) {
            String vm = holders.byVf().get(pci);
            each.add(pci + " (" + (vm != null ? vm : "bound to vfio-pci: likely a VM") + ")");
        }
        String who = holders.source() == null ? " (Proxmox VE was not read: VMs are not named)" : " (VMs from " + holders.source() + ")";
        String message = "the hardware LAG of " + b.bond().name() + " forms only while every VF is unbound: this plan unbinds "
                + held.size() + " VF" + (held.size() == 1 ? "" : "s") + " that VMs use: " + String.join(", ", each) + who
                + "; they lose their network until the LAG is active and apply binds them again";
        String stop = vms.isEmpty() ? "stop the VMs using these VFs" : "stop " + String.join(", ", vms) + " (qm shutdown <vmid>)";
        if (opts.allowDisruption()) {
            findings.add(Finding.warning(b.bond().name(), message + " (allowed by --allow-disruption)", null).at(b.bond().specPath()));
        } else {
            findings.add(Finding.blocker(b.bond().name(), message, stop + ", or re-run with --allow-disruption; "
                    + VfLagRule.VFS_UNBOUND.cite()).at(b.bond().specPath()));
        }
    }

    /** Whether {@link #binding()} will bind a VF of these PFs (to another driver than the one it has at this point). */
    private boolean bindsAny(List<String> pfPcis) {
        for (String pfPci : pfPcis) {
            for (TargetVf vf : target.pf(pfPci).orElseThrow().vfs()) {
                if (vf.pci() != null && !vf.driver().driverName().equals(driverNow.get(vf.pci()))) return true;
            }
        }
        return false;
    }

    /**
     * Mounts debugfs when /proc/mounts shows it unmounted: the wait reads mlx5's lag/state there. Where
     * /proc/mounts is unknown (a snapshot), nothing is planned; the wait then refuses with the reason.
     */
    private void debugfs() {
        String mounts = files.content(ConfigFilesReader.MOUNTS).orElse(null);
        if (mounts == null || Probes.Mounted.isMounted(mounts, "debugfs", CommandCatalog.DEBUGFS)) return;
        if (steps.stream().anyMatch(s -> s instanceof MountDebugfs)) return;
        steps.add(new MountDebugfs("debugfs is not mounted, and mlx5 shows the hardware LAG's state only there"
                + " (" + CommandCatalog.DEBUGFS + "/mlx5/<pf>/lag/state)"));
    }

    private int firstIndexOf(Class<? extends Step> kind) {
        for (int i = 0; i < steps.size(); i++) if (kind.isInstance(steps.get(i))) return i;
        return -1;
    }

    // ---- VF drivers ----------------------------------------------------------------------------------

    private void binding() {
        List<Step> binds = new ArrayList<>();
        boolean vfioLoaded = inv.pfs().stream().flatMap(p -> p.vfs().stream()).anyMatch(v -> "vfio-pci".equals(v.driver()));
        boolean needVfio = false;
        for (TargetPf t : target.pfs()) {
            for (TargetVf vf : t.vfs()) {
                if (vf.pci() == null) {
                    findings.add(Finding.warning(t.label(), "the PF reports no SR-IOV offset/stride: VF " + vf.index() + "'s address is unknown "
                            + "before it exists, so its driver is bound on the next apply", null).at(t.specPath()));
                    continue;
                }
                String drv = driverNow.get(vf.pci());
                String want = vf.driver().driverName();
                if (want.equals(drv)) continue;
                boolean vm = "vfio-pci".equals(drv);
                if (vm && !recreated.contains(t.pci()) && !opts.allowDisruption()) {
                    findings.add(Finding.blocker(vf.pci(), "VF " + vf.pci() + " is bound to vfio-pci (likely a running VM); the spec binds it to " + want,
                            "stop the VM, or re-run with --allow-disruption").at(vf.specPath()));
                }
                needVfio |= want.equals("vfio-pci");
                binds.add(new BindVf(vf.pci(), t.pci(), vf.index(), want, drv, drv == null ? "the VF has no driver; the spec wants " + want
                        : "the VF is bound to " + drv + "; the spec wants " + want, vm));
            }
        }
        if (needVfio && !vfioLoaded) steps.add(new LoadKernelModule("vfio-pci", "VFs are bound to vfio-pci below"));
        steps.addAll(binds);
    }

    // ---- boot units ------------------------------------------------------------------------------------

    private void boot() {
        boolean unitsChanged = false;
        for (RenderedFile f : BootUnitsRenderer.render(target, opts.sriovctlPath())) {
            boolean isUnit = f.path().endsWith(".service");
            String reason = f.path().equals(BootUnitsRenderer.SPEC_COPY) ? "the boot units apply this copy of the spec at boot"
                    : "boot unit: " + (f.path().endsWith(BootUnitsRenderer.PRE_UNIT) ? "VFs, switchdev and names before networking"
                    : "LAG wait, VF binding and checks after networking and Open vSwitch");
            if (write(f, reason) && isUnit) unitsChanged = true;
        }
        if (unitsChanged) steps.add(new ReloadSystemd("unit files changed"));
        for (String unit : List.of(BootUnitsRenderer.PRE_UNIT, BootUnitsRenderer.POST_UNIT)) {
            if (!files.exists(BootUnitsRenderer.wantsLink(unit))) {
                steps.add(new EnableUnit(unit, "the unit is not enabled: without it the host loses this configuration at reboot"));
            }
        }
    }

    // ---- management bridge ------------------------------------------------------------------------------

    /** Warns when the plan touches a bridge that carries an address an administrator may be using. */
    private void managementBridge() {
        for (TargetBridge b : target.bridges()) {
            String address = currentAddress(b.name());
            boolean exists = inv.ovs() != null && inv.ovs().bridges().stream().anyMatch(x -> x.name().equals(b.name()));
            if (address == null && b.address() != null && exists) address = b.address();
            if (address == null || !touches(b)) continue;
            guardedBridges.add(b.name());
            if (opts.confirmWithin() != null) continue;
            findings.add(Finding.warning(b.name(), "this plan changes " + b.name() + ", which carries " + address
                            + ": if that is how you reach this host, a mistake cuts you off",
                    "apply with --confirm-within 120s: unless you confirm, the change rolls back by itself")
                    .at(b.address() != null ? b.specPath() + ".address" : b.specPath() + ".name"));
        }
    }

    private String currentAddress(String bridge) {
        List<String> paths = new ArrayList<>();
        paths.add(ConfigFilesReader.INTERFACES);
        for (String n : files.list(ConfigFilesReader.INTERFACES_D)) paths.add(ConfigFilesReader.INTERFACES_D + "/" + n);
        for (String p : paths) {
            String text = files.content(p).orElse(null);
            if (text == null) continue;
            for (InterfacesParser.Stanza s : InterfacesParser.parse(text).stanzas()) {
                if (s.name().equals(bridge) && !s.option("address").isEmpty()) return s.option("address").get(0);
            }
        }
        return null;
    }

    private boolean touches(TargetBridge b) {
        if (restartsVswitchd) return true;
        Set<String> uplinks = new LinkedHashSet<>();
        if (b.bond() != null) uplinks.addAll(b.bond().memberPcis());
        for (TargetPort p : b.ports()) if (p.kind() == TargetPort.Kind.PF) uplinks.add(p.pfPci());
        if (uplinks.stream().anyMatch(linkFlaps::contains)) return true;
        // the stanzas that make up the bridge: itself, its bond, the bond's members and its ports
        Set<String> names = new LinkedHashSet<>();
        names.add(b.name());
        if (b.bond() != null) {
            names.add(b.bond().name());
            names.addAll(b.bond().memberNetdevs());
        }
        return stanzasChange(s -> names.contains(s.name()) || s.option("ovs-bridge").contains(b.name()))
                || steps.stream().anyMatch(s -> s instanceof RemoveOvsPort r && r.bridge().equals(b.name()));
    }

    private Optional<RenderedFile> interfacesFile() {
        if (interfacesFile == null) interfacesFile = Optional.ofNullable(InterfacesRenderer.render(target));
        return interfacesFile;
    }

    /** Whether the stanzas {@code which} selects differ between the host's ifupdown2 file and the rendered one. */
    private boolean stanzasChange(Predicate<InterfacesParser.Stanza> which) {
        String before = files.content(InterfacesRenderer.PATH).orElse("");
        String after = interfacesFile().map(RenderedFile::content).orElse("");
        return !stanzas(before, which).equals(stanzas(after, which));
    }

    private static Map<String, Map<String, List<String>>> stanzas(String text, Predicate<InterfacesParser.Stanza> which) {
        Map<String, Map<String, List<String>>> out = new TreeMap<>();
        for (InterfacesParser.Stanza s : InterfacesParser.parse(text).stanzas()) {
            if (which.test(s)) out.put(s.name(), new TreeMap<>(s.options()));
        }
        return out;
    }

    // ---- files ------------------------------------------------------------------------------------------

    /** Plans a file write when it differs; returns whether it does. */
    private boolean write(RenderedFile f, String reason) {
        String current = files.content(f.path()).orElse(null);
        if (f.content().equals(current)) return false;
        if (current != null && !RenderedFile.isManaged(current)) {
            findings.add(Finding.blocker(f.path(), "the file exists and was not written by sriovctl (no '" + RenderedFile.HEADER + "' header)",
                    "move it away; sriovctl never edits files it did not write").about(BootPhase.NONE));
            return false;
        }
        steps.add(new WriteFile(f.path(), f.content(), f.mode(), current, reason));
        fileChanges.add(new FileChange(f.path(), current, f.content(), f.mode()));
        return true;
    }

    private void delete(String path, String current, String reason) {
        steps.add(new DeleteFile(path, current, reason));
        fileChanges.add(new FileChange(path, current, null, 0644));
    }

    private PriorFile prior(String path, int mode) {
        return new PriorFile(path, files.content(path).orElse(null), mode);
    }
}
