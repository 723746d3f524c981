package dev.sriovctl.observe;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code /var/lib/dpkg/info/PACKAGE[:ARCH].md5sums}: one {@code <32 hex digits><two spaces><path>}
 * line per file, the path relative to "/" (the {@code md5sum} output format dh_md5sums writes, and that
 * {@code dpkg --verify} compares against). Conffiles are not listed there (their sums live in
 * /var/lib/dpkg/status), so these are exactly the files a package upgrade overwrites without asking.
 */
public final class DpkgMd5sumsParser {
    private DpkgMd5sumsParser() {
    }

    private static final Pattern LINE = Pattern.compile("^([0-9a-fA-F]{32}) [ *](.+)$");

    public static List<PackageFile> parse(String text) {
        List<PackageFile> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) continue;
            Matcher m = LINE.matcher(line);
            if (!m.matches()) throw new ParseException("not '<md5>  <path>': " + line, i + 1, 1);
            String path = m.group(2).startsWith(" ") ? m.group(2).substring(1) : m.group(2);
            out.add(new PackageFile(m.group(1).toLowerCase(java.util.Locale.ROOT), path.startsWith("/") ? path : "/" + path));
        }
        return out;
    }
}
