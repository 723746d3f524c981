package dev.sriovctl.sim.ovs;

import java.util.List;

/**
 * {@code ovs-vsctl show} (OVS 3.1): the Open_vSwitch UUID, then each Bridge with fail_mode and
 * datapath_type, each Port with tag and trunks, each Interface with type, options and error, and
 * ovs_version; columns holding their default value are left out; members in UUID order.
 */
final class VsctlShow {
    private VsctlShow() {
    }

    static void show(VsctlContext c) {
        StringBuilder sb = c.out;
        sb.append(c.ovs.uuid()).append('\n');
        for (OvsRow br : c.bridges()) {
            sb.append("    Bridge ").append(Datum.atomText(br.name())).append('\n');
            field(sb, 8, br, "fail_mode");
            field(sb, 8, br, "datapath_type");
            for (OvsRow port : c.db.deref(br, "ports", "Port")) {
                sb.append("        Port ").append(Datum.atomText(port.name())).append('\n');
                field(sb, 12, port, "tag");
                field(sb, 12, port, "trunks");
                for (OvsRow i : c.db.deref(port, "interfaces", "Interface")) {
                    sb.append("            Interface ").append(Datum.atomText(i.name())).append('\n');
                    for (String col : List.of("type", "options", "error", "bfd_status")) field(sb, 16, i, col);
                }
            }
        }
        field(sb, 4, c.ovs, "ovs_version");
    }

    private static void field(StringBuilder sb, int indent, OvsRow row, String column) {
        OvsSchema.ColumnType t = row.table().column(column).orElseThrow().type();
        Datum d = row.get(column);
        if (d.equals(Datum.defaultFor(t))) return;
        sb.append(" ".repeat(indent)).append(column).append(": ").append(d.toText(t)).append('\n');
    }
}
