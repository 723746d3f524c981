package dev.sriovctl.verify;

/** The groups of the doctor table, in the order a setup is built. */
public enum CheckArea {
    IOMMU("IOMMU and PCI"),
    SRIOV("SR-IOV and firmware"),
    ESWITCH("E-switch and representors"),
    OVS("Open vSwitch"),
    BOND("Bond and LACP"),
    OFFLOAD("Hardware offload"),
    PROXMOX("Proxmox");

    private final String title;

    CheckArea(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
