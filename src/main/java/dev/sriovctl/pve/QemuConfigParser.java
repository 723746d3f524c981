package dev.sriovctl.pve;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a VM configuration file, {@code /etc/pve/nodes/<node>/qemu-server/<vmid>.conf}, into the
 * {@link VmConfig} the API would answer for it, so doctor can judge a node without a token.
 *
 * <p>Format (qemu-server src/PVE/QemuServer.pm {@code parse_vm_config}): {@code key: value} lines
 * ({@code ^([a-z][a-z_\-]*\d*):\s*(.+?)\s*$}); blank lines skipped; {@code #} lines are the
 * description. The main section ends at the first {@code [section]} line: {@code [PENDING]} holds
 * pending changes, with {@code delete: a,!b} naming options to remove; {@code [special:cloudinit]}
 * and {@code [special:fleecing]} hold qemu-server's own state; any other {@code [name]} is a
 * snapshot. Only the main and pending sections matter here. Lines qemu-server cannot read are
 * skipped with a warning there, and skipped here too.
 *
 * <p>The result is the "pending applied" view of {@code GET /nodes/{node}/qemu/{vmid}/config}
 * (pve-guest-common AbstractConfig.pm {@code load_current_config} without {@code current}):
 * pending values replace the main ones, then pending deletions remove options
 * ({@code parse_pending_delete}: split on ',', ';' or spaces, a leading '!' is "force"). So a
 * hostpci added to a running VM counts as taken, as the API counts it. The digest is the SHA-1 of
 * the file, as qemu-server computes it.
 */
public final class QemuConfigParser {
    private QemuConfigParser() {
    }

    private static final Pattern SECTION = Pattern.compile("^\\[([^\\]]*)]\\s*$");
    private static final Pattern OPTION = Pattern.compile("^([a-z][a-z_\\-]*\\d*):\\s*(.+?)\\s*$");
    private static final Pattern DELETE = Pattern.compile("^delete:\\s*(.*\\S)\\s*$");

    private enum Section { MAIN, PENDING, OTHER }

    public static VmConfig parse(int vmid, String node, String text) {
        Map<String, String> main = new LinkedHashMap<>();
        Map<String, String> pending = new LinkedHashMap<>();
        String delete = null;
        Section section = Section.MAIN;
        for (String line : text.split("\n")) {
            if (line.isBlank()) continue;
            Matcher s = SECTION.matcher(line);
            if (s.matches()) {
                section = s.group(1).equalsIgnoreCase("PENDING") ? Section.PENDING : Section.OTHER;
                continue;
            }
            if (section == Section.OTHER || line.startsWith("#")) continue;
            Matcher d = DELETE.matcher(line);
            if (d.matches()) {
                if (section == Section.PENDING) delete = d.group(1); // qemu-server refuses 'delete' outside [PENDING]
                continue;
            }
            Matcher o = OPTION.matcher(line);
            if (!o.matches()) continue;
            (section == Section.MAIN ? main : pending).put(o.group(1), o.group(2));
        }
        Map<String, String> applied = new LinkedHashMap<>(main);
        applied.remove("description");
        pending.remove("description");
        applied.putAll(pending);
        if (delete != null) {
            for (String key : delete.replaceAll("[,;]", " ").strip().split("\\s+")) applied.remove(key.startsWith("!") ? key.substring(1) : key);
        }
        return new VmConfig(vmid, node, applied, PciCfgParser.sha1(text));
    }

    /** The VM id of a config file name ({@code 100.conf}), or -1 when the name is not one. */
    public static int vmidOf(String fileName) {
        return fileName.matches("[1-9]\\d{2,8}\\.conf") ? Integer.parseInt(fileName.substring(0, fileName.length() - 5)) : -1;
    }
}
