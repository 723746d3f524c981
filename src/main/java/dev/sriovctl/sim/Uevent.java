package dev.sriovctl.sim;

/** A uevent the simulated kernel emitted, waiting for udev: a PCI device (by address) or a netdev (by ifindex). */
record Uevent(String action, String subsystem, String pci, int ifindex) {

    static Uevent pci(String action, String pci) {
        return new Uevent(action, "pci", pci, 0);
    }

    static Uevent net(String action, int ifindex) {
        return new Uevent(action, "net", null, ifindex);
    }
}
