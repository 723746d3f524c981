package dev.sriovctl.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * SR-IOV and driver binding: {@code sriov_numvfs}, VF creation and removal, {@code bind}/{@code unbind},
 * {@code driver_override}, {@code new_id}, {@code drivers_probe}. Semantics from drivers/pci/iov.c
 * ({@code sriov_numvfs_store}), drivers/base/bus.c ({@code bind_store}, {@code unbind_store}) and
 * drivers/pci/pci-driver.c ({@code new_id_store}, {@code pci_match_device}).
 */
final class Sriov {

    /** VF probe takes a while on real hardware; it moves the simulated clock, not the real one. */
    private static final long VF_PROBE_MICROS = 120_000;

    private final SimKernel k;

    Sriov(SimKernel k) {
        this.k = k;
    }

    // ---- sriov_numvfs ---------------------------------------------------------------------------

    /**
     * {@code echo N > sriov_numvfs}. drivers/pci/iov.c sriov_numvfs_store: kstrtou16 (garbage: EINVAL),
     * N > sriov_totalvfs: ERANGE, N == current: nothing, no driver: ENOENT, 0: disable,
     * non-zero while non-zero: "%d VFs already enabled. Disable before enabling %d VFs" and EBUSY
     * (Documentation/PCI/pci-iov-howto.rst: the count changes only through 0).
     */
    void writeNumVfs(PciRef pf, String raw) {
        int n = parseU16(raw);
        if (n > pf.card().totalVfs) throw new KernelError(Errno.ERANGE);
        if (n == pf.pf().numVfs) return;
        if (pf.pf().driver == null) {
            k.log.log("pci " + pf.pci() + ": Driver does not support SRIOV configuration via sysfs");
            throw new KernelError(Errno.ENOENT);
        }
        if (n == 0) {
            disable(pf);
            return;
        }
        if (pf.pf().numVfs != 0) {
            k.devLog(pf.pci(), pf.pf().numVfs + " VFs already enabled. Disable before enabling " + n + " VFs");
            throw new KernelError(Errno.EBUSY);
        }
        enable(pf, n);
    }

    /** kstrtou16(buf, 0, ...): optional '+', base prefix 0x/0, one trailing newline; overflow is ERANGE. */
    static int parseU16(String raw) {
        String s = raw.endsWith("\n") ? raw.substring(0, raw.length() - 1) : raw;
        if (s.startsWith("+")) s = s.substring(1);
        int base = 10;
        if (s.startsWith("0x") || s.startsWith("0X")) {
            base = 16;
            s = s.substring(2);
        } else if (s.length() > 1 && s.startsWith("0")) {
            base = 8;
            s = s.substring(1);
        }
        if (s.isEmpty()) throw new KernelError(Errno.EINVAL);
        long v = 0;
        for (char c : s.toCharArray()) {
            int d = Character.digit(c, base);
            if (d < 0) throw new KernelError(Errno.EINVAL);
            v = v * base + d;
            if (v > 0xffff) throw new KernelError(Errno.ERANGE);
        }
        return (int) v;
    }

    /** kstrtobool: 1/0, y/n, on/off (first characters decide). */
    static boolean parseBool(String raw) {
        String s = raw.strip().toLowerCase(Locale.ROOT);
        if (s.equals("1") || s.startsWith("y") || s.equals("on")) return true;
        if (s.equals("0") || s.startsWith("n") || s.equals("off")) return false;
        throw new KernelError(Errno.EINVAL);
    }

    void enable(PciRef pfRef, int n) {
        CardState card = pfRef.card();
        PfState pf = pfRef.pf();
        Profile p = SimKernel.profile(card);
        boolean offloads = "switchdev".equals(pf.eswitch);
        if (p.mlx5()) {
            k.devLog(pfRef.pci(), "E-Switch: Enable: mode(" + (offloads ? "OFFLOADS" : "LEGACY") + "), nvfs(" + n
                    + "), active vports(" + (n + 1) + ")");
        }
        pf.numVfs = n;
        for (int i = 0; i < n; i++) {
            VfState vf = new VfState();
            vf.index = i;
            vf.spoofchk = !p.mlx5(); // mlx5 VFs start with spoof checking off, ice VFs with it on (fixtures/ip-link)
            pf.vfs.add(vf);
        }
        k.changed(true);
        if (offloads) {
            for (VfState vf : pf.vfs) createRepresentor(card, pf, vf);
        }
        for (VfState vf : pf.vfs) {
            String pci = SimKernel.vfPci(card, pf, vf.index);
            PciRef ref = k.pci(pci).orElseThrow();
            k.log.advance(VF_PROBE_MICROS);
            k.log.log("pci " + pci + ": [" + p.vendor() + ":" + p.vfDevice() + "] type 00 class 0x020000");
            if (k.state.iommu) vf.iommuGroup = k.state.acs ? IommuGroups.allocate(k.state) : pf.iommuGroup;
            k.uevents.add(Uevent.pci("add", pci));
            String driver = pf.autoprobe ? match(ref) : null;
            if (k.state.iommu) {
                k.log.log((driver != null && driver.equals(p.vfDriver()) ? driver : "pci") + " " + pci
                        + ": Adding to iommu group " + vf.iommuGroup);
            }
            if (driver != null) attach(ref, driver);
        }
        k.changed(false);
        k.lag.evaluate(card);
    }

    void disable(PciRef pfRef) {
        CardState card = pfRef.card();
        PfState pf = pfRef.pf();
        Profile p = SimKernel.profile(card);
        int n = pf.numVfs;
        List<VfState> vfs = new ArrayList<>(pf.vfs);
        Collections.reverse(vfs);
        for (VfState vf : vfs) {
            PciRef ref = k.pci(SimKernel.vfPci(card, pf, vf.index)).orElseThrow();
            if (vf.driver != null) detach(ref);
            if (vf.representor != 0) k.removeNetdev(k.netdev(vf.representor));
            k.uevents.add(Uevent.pci("remove", ref.pci()));
        }
        if (p.mlx5()) {
            k.devLog(pfRef.pci(), "E-Switch: Disable: mode(" + ("switchdev".equals(pf.eswitch) ? "OFFLOADS" : "LEGACY")
                    + "), nvfs(" + n + "), active vports(" + (n + 1) + ")");
        }
        pf.vfs.clear();
        pf.numVfs = 0;
        k.changed(true);
        k.lag.evaluate(card);
    }

    NetdevState createRepresentor(CardState card, PfState pf, VfState vf) {
        Profile p = SimKernel.profile(card);
        String pfPci = SimKernel.pfPci(card, pf);
        NetdevState rep = k.createNetdev(NetdevKind.REP, pfPci, null,
                Ids.randomMac(card.switchId + "/rep/" + pf.function + "/" + vf.index),
                p.mlx5() ? "mlx5e_rep" : p.pfDriver(), p.maxMtu());
        rep.vf = vf.index;
        // representors are born with hw-tc-offload on (en_rep.c mlx5e_build_rep_netdev: NETIF_F_HW_TC)
        rep.hwTcOffload = p.mlx5();
        rep.txQueues = p.numRxQueues();
        rep.rxQueues = p.numRxQueues();
        vf.representor = rep.ifindex;
        if (p.mlx5()) k.devLog(pfPci, "MLX5E: StrdRq(1) RqSz(8) StrdSz(2048) RxCqeCmprss(0)");
        return rep;
    }

    // ---- drivers ------------------------------------------------------------------------------

    /** Every PCI driver the simulated machine has loaded (what /sys/bus/pci/drivers lists). */
    TreeSet<String> drivers() {
        TreeSet<String> d = new TreeSet<>();
        d.add("vfio-pci");
        for (PlatformDevice p : k.state.platform) if (p.driver() != null) d.add(p.driver());
        for (CardState c : k.state.cards) {
            Profile p = SimKernel.profile(c);
            d.add(p.pfDriver());
            d.add(p.vfDriver());
        }
        return d;
    }

    /** Whether {@code driver} would bind {@code dev} (pci_match_device: driver_override wins, then ids). */
    boolean matches(String driver, PciRef dev) {
        String override = dev.driverOverride();
        if (override != null) return override.equals(driver);
        String id = vendor(dev) + " " + device(dev);
        if (k.state.dynamicIds.getOrDefault(driver, List.of()).contains(id)) return true;
        return driver.equals(nativeDriver(dev));
    }

    /** The driver a probe picks: the override, else the device's own driver, else one with a dynamic id. */
    String match(PciRef dev) {
        String override = dev.driverOverride();
        if (override != null) return drivers().contains(override) ? override : null;
        String nat = nativeDriver(dev);
        if (nat != null) return nat;
        for (String d : drivers()) if (matches(d, dev)) return d;
        return null;
    }

    static String nativeDriver(PciRef dev) {
        if (dev.isPlatform()) return dev.platform().driver();
        Profile p = SimKernel.profile(dev.card());
        return dev.isVf() ? p.vfDriver() : p.pfDriver();
    }

    static String vendor(PciRef dev) {
        return dev.isPlatform() ? dev.platform().vendor() : SimKernel.profile(dev.card()).vendor();
    }

    static String device(PciRef dev) {
        if (dev.isPlatform()) return dev.platform().device();
        Profile p = SimKernel.profile(dev.card());
        return dev.isVf() ? p.vfDevice() : p.pfDevice();
    }

    /** {@code echo BDF > /sys/bus/pci/drivers/DRV/bind}: ENODEV unless the driver matches; EBUSY if bound. */
    void bind(String driver, String raw) {
        PciRef dev = k.pci(raw.strip()).orElseThrow(() -> new KernelError(Errno.ENODEV));
        if (!matches(driver, dev)) throw new KernelError(Errno.ENODEV);
        if (dev.driver() != null) throw new KernelError(Errno.EBUSY);
        attach(dev, driver);
    }

    /** {@code echo BDF > /sys/bus/pci/drivers/DRV/unbind}: ENODEV unless bound to that driver. */
    void unbind(String driver, String raw) {
        PciRef dev = k.pci(raw.strip()).orElseThrow(() -> new KernelError(Errno.ENODEV));
        if (!driver.equals(dev.driver())) throw new KernelError(Errno.ENODEV);
        detach(dev);
    }

    /** {@code echo DRV > driver_override}: one trailing newline dropped; empty clears it. */
    void setOverride(PciRef dev, String raw) {
        String v = raw.endsWith("\n") ? raw.substring(0, raw.length() - 1) : raw;
        if (v.length() >= 4096) throw new KernelError(Errno.EINVAL);
        String value = v.isEmpty() ? null : v;
        if (dev.isVf()) dev.vf().driverOverride = value;
        else if (dev.isPf()) dev.pf().driverOverride = value;
        else throw new KernelError(Errno.EACCES);
        k.changed(false);
    }

    /** {@code echo "15b3 101e" > new_id}: adds a dynamic id and binds every unbound device it matches. */
    void newId(String driver, String raw) {
        String[] f = raw.strip().split("\\s+");
        if (f.length < 2 || !f[0].matches("[0-9a-fA-F]{1,4}") || !f[1].matches("[0-9a-fA-F]{1,4}")) {
            throw new KernelError(Errno.EINVAL);
        }
        String id = String.format(Locale.ROOT, "%04x %04x", Integer.parseInt(f[0], 16), Integer.parseInt(f[1], 16));
        List<String> ids = k.state.dynamicIds.computeIfAbsent(driver, x -> new ArrayList<>());
        if (ids.contains(id)) throw new KernelError(Errno.EEXIST);
        ids.add(id);
        k.changed(false);
        for (PciRef dev : new ArrayList<>(k.pciDevices().values())) {
            if (dev.driver() == null && !dev.isPlatform() && matches(driver, dev)) attach(dev, driver);
        }
    }

    /** {@code echo BDF > /sys/bus/pci/drivers_probe}: binds the matching driver if unbound. */
    void probe(String raw) {
        PciRef dev = k.pci(raw.strip()).orElseThrow(() -> new KernelError(Errno.ENODEV));
        if (dev.driver() != null) return;
        String driver = match(dev);
        if (driver != null) attach(dev, driver);
    }

    void setAutoprobe(PciRef pf, String raw) {
        pf.pf().autoprobe = parseBool(raw);
        k.changed(false);
    }

    /** Binds a driver: a netdev driver creates the device's netdev and prints what it prints. */
    void attach(PciRef dev, String driver) {
        if (dev.isPlatform()) return;
        Profile p = SimKernel.profile(dev.card());
        if (dev.isVf()) {
            VfState vf = dev.vf();
            vf.driver = driver;
            k.changed(false);
            if (!driver.equals(p.vfDriver())) return;
            String mac = vf.mac.equals("00:00:00:00:00:00") ? null : vf.mac;
            if (p.mlx5()) {
                String fw = dev.card().firmware.split(" ")[0];
                k.devLog(driver, dev.pci(), "enabling device (0000 -> 0002)");
                k.devLog(driver, dev.pci(), "firmware version: " + fw);
                k.devLog(driver, dev.pci(), "Rate limit: 127 rates are supported, range: 0Mbps to 97656Mbps");
                if (mac == null) {
                    mac = Ids.randomMac(dev.pci() + "/vf-random/" + k.state.clockMicros);
                    k.devLog(driver, dev.pci(), "Assigned random MAC address " + mac);
                }
                k.devLog(driver, dev.pci(), "MLX5E: StrdRq(1) RqSz(8) StrdSz(2048) RxCqeCmprss(0)");
                k.devLog(driver, dev.pci(), "Supported tc offload range - chains: 1, prios: 1");
            } else if (mac == null) {
                mac = Ids.randomMac(dev.pci() + "/vf-random/" + k.state.clockMicros);
            }
            NetdevState nd = k.createNetdev(NetdevKind.VF, dev.pci(), null, mac, driver, p.maxMtu());
            nd.vf = vf.index;
            nd.txQueues = p.mlx5() ? 96 : 16;
            nd.rxQueues = p.mlx5() ? 11 : 16;
            vf.netdev = nd.ifindex;
            return;
        }
        PfState pf = dev.pf();
        pf.driver = driver;
        k.changed(false);
        if (!driver.equals(p.pfDriver())) return;
        if (p.mlx5()) k.devLog(driver, dev.pci(), "firmware version: " + dev.card().firmware.split(" ")[0]);
        NetdevState nd = k.createNetdev(NetdevKind.PF, dev.pci(), null, Ids.macPlus(dev.card().mac, pf.function),
                driver, p.maxMtu());
        nd.txQueues = p.numTxQueues();
        nd.rxQueues = p.numRxQueues();
        pf.netdev = nd.ifindex;
        if (p.mlx5()) k.devLog(driver, dev.pci(), "MLX5E: StrdRq(1) RqSz(8) StrdSz(2048) RxCqeCmprss(0)");
        k.lag.evaluate(dev.card());
    }

    /** Unbinds: the netdev goes; a PF driver takes its VFs and representors with it (SR-IOV disabled on remove). */
    void detach(PciRef dev) {
        if (dev.isPlatform()) return;
        if (dev.isVf()) {
            VfState vf = dev.vf();
            if (vf.netdev != 0) k.removeNetdev(k.netdev(vf.netdev));
            vf.netdev = 0;
            vf.driver = null;
            k.changed(false);
            return;
        }
        PfState pf = dev.pf();
        if (pf.numVfs > 0 && SimKernel.profile(dev.card()).pfDriver().equals(pf.driver)) disable(dev);
        if (pf.netdev != 0) k.removeNetdev(k.netdev(pf.netdev));
        pf.netdev = 0;
        pf.driver = null;
        pf.eswitch = "legacy";
        k.changed(false);
        k.lag.evaluate(dev.card());
    }
}
