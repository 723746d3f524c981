package dev.sriovctl.pve;

import dev.sriovctl.InputException;
import dev.sriovctl.SourceLocation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code /etc/pve/mapping/pci.cfg}, the file behind {@code /cluster/mapping/pci}, so checks
 * can run offline on a captured host. Format (pve-common SectionConfig.pm; pve-guest-common
 * Mapping/PCI.pm {@code parse_section_header}): a section starts with the id alone on a line,
 * properties follow as indented {@code key value} lines, an array as one line per element,
 * sections are separated by blank lines, '#' starts a comment. The digest is the SHA-1 of the
 * file, as pmxcfs reports it.
 */
public final class PciCfgParser {
    private PciCfgParser() {
    }

    private static final Pattern HEADER = Pattern.compile("^(\\S+)\\s*$");
    private static final Pattern PROPERTY = Pattern.compile("^\\s+(\\S+)(?:\\s+(.*?))?\\s*$");

    public static List<PciMapping> parse(String text, String file) {
        List<PciMapping> out = new ArrayList<>();
        String digest = sha1(text);
        String id = null;
        String description = null;
        boolean mdev = false;
        List<String> map = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("#")) continue;
            if (line.isBlank()) {
                if (id != null) out.add(new PciMapping(id, description, mdev, map, digest));
                id = null;
                description = null;
                mdev = false;
                map = new ArrayList<>();
                continue;
            }
            if (id == null) {
                Matcher h = HEADER.matcher(line);
                if (!h.matches()) throw new InputException(new SourceLocation(file, i + 1, 1), "expected a mapping id alone on the line");
                id = h.group(1);
                continue;
            }
            Matcher p = PROPERTY.matcher(line);
            if (!p.matches()) throw new InputException(new SourceLocation(file, i + 1, 1), "expected an indented 'key value' line in mapping '" + id + "'");
            String value = p.group(2) == null ? "" : p.group(2);
            switch (p.group(1)) {
                case "map" -> map.add(value);
                case "description" -> description = value;
                case "mdev" -> mdev = value.equals("1");
                default -> { } // other keys (live-migration-capable) do not matter here
            }
        }
        if (id != null) out.add(new PciMapping(id, description, mdev, map, digest));
        return out;
    }

    /** The SHA-1 of a pmxcfs file, hex, as PVE reports it as the digest (mapping/pci.cfg, qemu-server/<vmid>.conf). */
    static String sha1(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            for (byte b : d) sb.append(String.format("%02x", b & 0xff));
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
