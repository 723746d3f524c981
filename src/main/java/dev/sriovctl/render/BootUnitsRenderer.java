package dev.sriovctl.render;

import dev.sriovctl.spec.SpecSource;
import dev.sriovctl.spec.Target;
import dev.sriovctl.spec.TargetPf;

import java.util.ArrayList;
import java.util.List;

/**
 * The two boot units of DESIGN section 7 and the spec copy they read. Like the systems before
 * (sriov-network-operator's sriov-config / -post-network services, netplan's sriov-apply and
 * sriov-rebind, os-net-config's sriov_config / sriov_bind):
 * <ul>
 * <li>{@code sriovctl-pre.service}: before network-pre.target, after udev has named the PFs:
 * VF counts, switchdev, names; VFs are left unbound.</li>
 * <li>{@code sriovctl-post.service}: after networking (ifupdown2) and Open vSwitch have brought up
 * bridges and bonds: waits for the hardware LAG, binds VFs, runs doctor.</li>
 * </ul>
 * They hand over through {@link #RESULT_FILE}. Open vSwitch settings need no unit: they persist in
 * the OVS database (no edit of the packaged ovs-ctl, unlike the guide).
 */
public final class BootUnitsRenderer {
    private BootUnitsRenderer() {
    }

    public static final String UNIT_DIR = "/etc/systemd/system";
    public static final String PRE_UNIT = "sriovctl-pre.service";
    public static final String POST_UNIT = "sriovctl-post.service";
    /** Both units are enabled into this target. */
    public static final String WANTED_BY = "multi-user.target";
    public static final String SPEC_COPY = "/etc/sriovctl/spec.yaml";
    /** Written by the pre phase, read by the post phase; /run is per boot. */
    public static final String RESULT_FILE = "/run/sriovctl/boot-pre.json";
    public static final String DEFAULT_SRIOVCTL = "/usr/bin/sriovctl";

    public static String unitPath(String unit) {
        return UNIT_DIR + "/" + unit;
    }

    /** The symlink {@code systemctl enable} creates for a unit. */
    public static String wantsLink(String unit) {
        return UNIT_DIR + "/" + WANTED_BY + ".wants/" + unit;
    }

    public static List<RenderedFile> render(Target target, String sriovctl) {
        List<RenderedFile> out = new ArrayList<>();
        out.add(specCopy(target.source()));
        out.add(pre(target, sriovctl));
        out.add(post(sriovctl));
        return out;
    }

    /** The two lines the spec copy starts with. */
    static final String SPEC_COPY_HEADER = RenderedFile.HEADER + ": the spec 'sriovctl apply' last applied; the boot units\n"
            + "# (sriovctl-pre.service, sriovctl-post.service) apply it at boot. Edit your own copy and run apply again.\n";

    /**
     * The spec 'apply' last applied, for the boot units. Applying the copy itself (as the boot units
     * do) renders the same copy: an existing header is not added twice.
     */
    static RenderedFile specCopy(SpecSource source) {
        String text = source == null || source.text() == null ? "" : source.text();
        if (text.startsWith(SPEC_COPY_HEADER)) text = text.substring(SPEC_COPY_HEADER.length());
        String content = SPEC_COPY_HEADER + text + (text.endsWith("\n") || text.isEmpty() ? "" : "\n");
        return new RenderedFile(SPEC_COPY, content, 0644);
    }

    private static RenderedFile pre(Target target, String sriovctl) {
        List<String> devices = new ArrayList<>();
        for (TargetPf pf : target.pfs()) {
            if (pf.netdev() != null) devices.add(deviceUnit(pf.netdev()));
        }
        String dev = String.join(" ", devices);
        StringBuilder sb = new StringBuilder();
        sb.append(RenderedFile.HEADER).append(": do not edit. 'sriovctl apply' writes this unit.\n");
        sb.append("# Boot phase 1: VF counts, e-switch modes and names, before any network configuration. VFs are left\n");
        sb.append("# unbound: a VF-LAG forms only while no VF is bound (mlx5 lag.c). Hands over to sriovctl-post.service\n");
        sb.append("# through ").append(RESULT_FILE).append(".\n");
        sb.append("[Unit]\n");
        sb.append("Description=sriovctl: SR-IOV VFs, switchdev and representor names\n");
        sb.append("Documentation=man:sriovctl(1)\n");
        sb.append("DefaultDependencies=no\n");
        sb.append("Wants=network-pre.target").append(dev.isEmpty() ? "" : " " + dev).append('\n');
        sb.append("After=systemd-udev-settle.service systemd-udev-trigger.service").append(dev.isEmpty() ? "" : " " + dev).append('\n');
        sb.append("Before=network-pre.target networking.service openvswitch-switch.service ovs-vswitchd.service\n");
        sb.append("ConditionPathExists=").append(SPEC_COPY).append('\n');
        sb.append("\n[Service]\n");
        sb.append("Type=oneshot\n");
        sb.append("RemainAfterExit=yes\n");
        sb.append("ExecStart=").append(sriovctl).append(" apply --boot-phase pre -f ").append(SPEC_COPY).append('\n');
        sb.append("\n[Install]\n");
        sb.append("WantedBy=").append(WANTED_BY).append('\n');
        return new RenderedFile(unitPath(PRE_UNIT), sb.toString(), 0644);
    }

    private static RenderedFile post(String sriovctl) {
        StringBuilder sb = new StringBuilder();
        sb.append(RenderedFile.HEADER).append(": do not edit. 'sriovctl apply' writes this unit.\n");
        sb.append("# Boot phase 2, after ifupdown2 and Open vSwitch brought up bridges and bonds: waits for the hardware\n");
        sb.append("# LAG (VF-LAG), binds the VFs to their drivers, runs the doctor checks. Reads ").append(RESULT_FILE).append(".\n");
        sb.append("[Unit]\n");
        sb.append("Description=sriovctl: bind VFs after networking and Open vSwitch\n");
        sb.append("Documentation=man:sriovctl(1)\n");
        sb.append("Wants=").append(PRE_UNIT).append('\n');
        sb.append("After=").append(PRE_UNIT).append(" networking.service openvswitch-switch.service\n");
        sb.append("ConditionPathExists=").append(SPEC_COPY).append('\n');
        sb.append("\n[Service]\n");
        sb.append("Type=oneshot\n");
        sb.append("RemainAfterExit=yes\n");
        sb.append("ExecStart=").append(sriovctl).append(" apply --boot-phase post -f ").append(SPEC_COPY).append('\n');
        sb.append("\n[Install]\n");
        sb.append("WantedBy=").append(WANTED_BY).append('\n');
        return new RenderedFile(unitPath(POST_UNIT), sb.toString(), 0644);
    }

    /** The device unit of a netdev: {@code sys-subsystem-net-devices-<escaped>.device}. */
    static String deviceUnit(String netdev) {
        return escapePath("/sys/subsystem/net/devices/" + netdev) + ".device";
    }

    /** systemd-escape --path: '/' becomes '-', other bytes outside [A-Za-z0-9:_.] become \xNN. */
    static String escapePath(String path) {
        String p = path.replaceAll("^/+|/+$", "").replaceAll("/+", "/");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '/') sb.append('-');
            else if ((c == '.' && i == 0) || !(Character.isLetterOrDigit(c) && c < 128 || c == ':' || c == '_' || c == '.')) {
                for (byte b : String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8)) sb.append(String.format("\\x%02x", b));
            } else sb.append(c);
        }
        return sb.toString();
    }
}
