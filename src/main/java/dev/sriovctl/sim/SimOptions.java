package dev.sriovctl.sim;

import dev.sriovctl.InputException;
import dev.sriovctl.SourceLocation;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code sim create --profile} builds.
 *
 * @param vfs      VFs per PF after boot (one number for every PF, or one per PF)
 * @param mode     e-switch mode after boot: legacy or switchdev
 * @param kernel   "6.8", "6.14", or a full release such as "6.8.12-4-pve"
 * @param systemd  udev's naming scheme version; null picks the one the kernel's Proxmox release ships
 * @param totalVfs firmware NUM_OF_VFS (sriov_totalvfs); null for the profile's default
 * @param mac      PF0's MAC of the first NIC; null for the default
 * @param switchdevBeforeVfsQuirk firmware that refuses switchdev once VFs exist
 */
public record SimOptions(String profile, int cards, List<Integer> vfs, String mode, String kernel, boolean acs,
                         boolean iommu, Integer systemd, Integer totalVfs, String hostname, String mac,
                         boolean switchdevBeforeVfsQuirk) {

    public SimOptions {
        vfs = List.copyOf(vfs);
        if (cards < 1 || cards > 8) throw new InputException(SourceLocation.of("--cards"), cards + " is out of range", "1 to 8 NICs");
        if (!mode.equals("legacy") && !mode.equals("switchdev")) {
            throw new InputException(SourceLocation.of("--mode"), "unknown mode '" + mode + "'", "valid: legacy, switchdev");
        }
    }

    /** A cx6lx-2p host like the guide's: legacy, no VFs, kernel 6.8 (Proxmox VE 8), ACS on. */
    public static SimOptions defaults(String profile) {
        return new SimOptions(profile, 1, List.of(0), "legacy", "6.8", true, true, null, null, "pve1", null, false);
    }

    public SimOptions withVfs(List<Integer> v) {
        return new SimOptions(profile, cards, v, mode, kernel, acs, iommu, systemd, totalVfs, hostname, mac, switchdevBeforeVfsQuirk);
    }

    public SimOptions withMode(String m) {
        return new SimOptions(profile, cards, vfs, m, kernel, acs, iommu, systemd, totalVfs, hostname, mac, switchdevBeforeVfsQuirk);
    }

    public SimOptions withKernel(String k) {
        return new SimOptions(profile, cards, vfs, mode, k, acs, iommu, systemd, totalVfs, hostname, mac, switchdevBeforeVfsQuirk);
    }

    public SimOptions withAcs(boolean a) {
        return new SimOptions(profile, cards, vfs, mode, kernel, a, iommu, systemd, totalVfs, hostname, mac, switchdevBeforeVfsQuirk);
    }

    public SimOptions withCards(int n) {
        return new SimOptions(profile, n, vfs, mode, kernel, acs, iommu, systemd, totalVfs, hostname, mac, switchdevBeforeVfsQuirk);
    }

    public SimOptions withTotalVfs(Integer t) {
        return new SimOptions(profile, cards, vfs, mode, kernel, acs, iommu, systemd, t, hostname, mac, switchdevBeforeVfsQuirk);
    }

    public SimOptions withSystemd(Integer s) {
        return new SimOptions(profile, cards, vfs, mode, kernel, acs, iommu, s, totalVfs, hostname, mac, switchdevBeforeVfsQuirk);
    }

    public SimOptions withQuirk(boolean q) {
        return new SimOptions(profile, cards, vfs, mode, kernel, acs, iommu, systemd, totalVfs, hostname, mac, q);
    }

    public SimOptions withHostname(String h) {
        return new SimOptions(profile, cards, vfs, mode, kernel, acs, iommu, systemd, totalVfs, h, mac, switchdevBeforeVfsQuirk);
    }

    public SimOptions withMac(String m) {
        return new SimOptions(profile, cards, vfs, mode, kernel, acs, iommu, systemd, totalVfs, hostname, m, switchdevBeforeVfsQuirk);
    }

    /** "4" or "4,0" as given to --vfs. */
    public static List<Integer> parseVfs(String text) {
        List<Integer> out = new ArrayList<>();
        for (String s : text.split(",")) {
            try {
                int n = Integer.parseInt(s.strip());
                if (n < 0) throw new NumberFormatException();
                out.add(n);
            } catch (NumberFormatException e) {
                throw new InputException(SourceLocation.of("--vfs"), "'" + text + "' is not a VF count",
                        "a number for every PF (--vfs 4) or one per PF (--vfs 4,0)");
            }
        }
        return out;
    }

    /** The VF count of PF number {@code i} (over all NICs). */
    int vfsOf(int i) {
        if (vfs.isEmpty()) return 0;
        return vfs.size() == 1 ? vfs.get(0) : i < vfs.size() ? vfs.get(i) : 0;
    }
}
