package dev.sriovctl.verify;

/**
 * {@code mstconfig -e -d <bdf> query} output in mstflint's layout (Mellanox/mstflint mlxconfig/mlxcfg_ui.cpp:
 * printOpening, printConfHeader "%-16s%36s%16s%18s", printSingleParam with a leading '*' when the next-boot
 * value differs). No real "-e" capture exists in ../shared/fixtures.
 */
final class MstconfigOutput {
    private MstconfigOutput() {
    }

    /** rows: {name, default, current, next} */
    static String query(String device, String[]... rows) {
        StringBuilder sb = new StringBuilder(String.format("%nDevice #1:%n----------%n%n%-16s%-16s%n%-16s%-16s%n%-16s%-16s%n%-16s%-16s%n%n",
                "Device type:", "ConnectX6LX", "Name:", "MCX631102AN-ADA_Ax", "Description:", "ConnectX-6 Lx EN adapter card", "Device:", device));
        sb.append(String.format("%-16s%36s%16s%18s%n", "Configurations:", "Default", "Current", "Next Boot"));
        boolean star = false;
        for (String[] r : rows) {
            boolean differs = !r[3].equals(r[1]) || !r[3].equals(r[2]);
            star |= differs;
            sb.append(String.format("%s        %-36s%-16s%-16s%-16s%n", differs ? "*" : " ", r[0], r[1], r[2], r[3]));
        }
        if (star) sb.append("The '*' shows parameters with next value different from default/current value.\n");
        return sb.toString();
    }
}
