package dev.sriovctl.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The rest of a simulated server: a two-socket Intel platform's root complexes, chipset devices,
 * uncore functions and two onboard I210 ports (eno1, eno2) for management, each in its IOMMU group,
 * so a fresh twin has as many groups as a real server (the VFs' groups come after them).
 * Device ids from pci.ids; the selection is illustrative, not a capture of a specific board.
 */
final class Platform {
    private Platform() {
    }

    static List<PlatformDevice> devices() {
        List<PlatformDevice> d = new ArrayList<>();
        int[] g = {0};
        add(d, g, "0000:00:00.0", "pci0000:00", "8086", "2020", "060000", null, null);
        add(d, g, "0000:00:04.0", "pci0000:00", "8086", "2021", "088000", "ioatdma", null);
        add(d, g, "0000:00:05.0", "pci0000:00", "8086", "2024", "088000", null, null);
        add(d, g, "0000:00:05.2", "pci0000:00", "8086", "2025", "088000", null, null);
        add(d, g, "0000:00:08.0", "pci0000:00", "8086", "2014", "088000", null, null);
        add(d, g, "0000:00:14.0", "pci0000:00", "8086", "a1af", "0c0330", "xhci_hcd", null);
        add(d, g, "0000:00:16.0", "pci0000:00", "8086", "a1ba", "078000", "mei_me", null);
        add(d, g, "0000:00:17.0", "pci0000:00", "8086", "a182", "010601", "ahci", null);
        add(d, g, "0000:00:1c.0", "pci0000:00", "8086", "a190", "060400", "pcieport", null);
        add(d, g, "0000:00:1c.4", "pci0000:00", "8086", "a194", "060400", "pcieport", null);
        add(d, g, "0000:00:1c.5", "pci0000:00", "8086", "a195", "060400", "pcieport", null);
        int lpc = g[0]++;
        for (String[] f : new String[][]{{"0000:00:1f.0", "a1c1", "060100", null}, {"0000:00:1f.2", "a1a1", "058000", null},
                {"0000:00:1f.4", "a1a3", "0c0500", "i801_smbus"}, {"0000:00:1f.5", "a1a4", "0c8000", null}}) {
            d.add(new PlatformDevice(f[0], "pci0000:00", "8086", f[1], "8086", "0000", f[2], f[3], lpc, null));
        }
        add(d, g, "0000:02:00.0", "pci0000:00/0000:00:1c.0", "1a03", "2000", "030000", "ast", null);
        add(d, g, "0000:05:00.0", "pci0000:00/0000:00:1c.4", "8086", "1533", "020000", "igb", "eno1");
        add(d, g, "0000:06:00.0", "pci0000:00/0000:00:1c.5", "8086", "1533", "020000", "igb", "eno2");
        // uncore functions of both sockets, one group each (as a Xeon Scalable host shows them)
        for (String bus : new String[]{"16", "64", "7e", "7f"}) {
            for (String dev : new String[]{"00.0", "00.1", "00.2", "00.4", "05.0", "08.0"}) {
                add(d, g, "0000:" + bus + ":" + dev, "pci0000:" + bus, "8086", "2088", "088000", null, null);
            }
        }
        add(d, g, "0000:17:00.0", "pci0000:16/0000:16:02.0", "144d", "a80a", "010802", "nvme", null);
        d.add(new PlatformDevice("0000:16:02.0", "pci0000:16", "8086", "2032", "8086", "0000", "060400", "pcieport", g[0]++, null));
        return d;
    }

    /** The PCIe root port a NIC sits behind: 0000:80:03.1, 0000:80:03.2, ... */
    static PlatformDevice rootPort(int card, int group) {
        String pci = String.format("0000:80:%02x.%d", 3 + (card + 1) / 8, (card + 1) % 8);
        return new PlatformDevice(pci, "pci0000:80", "8086", "2031", "8086", "0000", "060400", "pcieport", group, null);
    }

    private static void add(List<PlatformDevice> d, int[] g, String pci, String parent, String vendor, String device,
                            String cls, String driver, String netName) {
        d.add(new PlatformDevice(pci, parent, vendor, device, vendor, "0000", cls, driver, g[0]++, netName));
    }
}
