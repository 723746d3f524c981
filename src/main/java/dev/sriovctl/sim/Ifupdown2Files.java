package dev.sriovctl.sim;

/** The ifupdown2 configuration files of a simulated Proxmox VE host. */
final class Ifupdown2Files {
    private Ifupdown2Files() {
    }

    static final String INTERFACES = "/etc/network/interfaces";
    static final String INTERFACES_D = "/etc/network/interfaces.d";

    /**
     * /etc/network/interfaces as the Proxmox VE installer writes it: loopback, the management port in manual
     * mode under the Linux bridge vmbr0 (address, gateway, STP off, forward delay 0), and the source line
     * for interfaces.d (the layout of proxmox/pve-docs' "Default Configuration using a Bridge").
     */
    static String proxmoxDefault(String port, String cidr, String gateway) {
        return "auto lo\n"
                + "iface lo inet loopback\n"
                + "\n"
                + "iface " + port + " inet manual\n"
                + "\n"
                + "auto vmbr0\n"
                + "iface vmbr0 inet static\n"
                + "\taddress " + cidr + "\n"
                + "\tgateway " + gateway + "\n"
                + "\tbridge-ports " + port + "\n"
                + "\tbridge-stp off\n"
                + "\tbridge-fd 0\n"
                + "\n"
                + "source " + INTERFACES_D + "/*\n";
    }
}
