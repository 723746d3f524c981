package dev.sriovctl.observe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code mstconfig -e -d <bdf> query} (and mlxconfig's identical layout). The format is the one
 * mstflint prints (mlxconfig/mlxcfg_ui.cpp {@code printOpening}, {@code printConfHeader},
 * {@code printSingleParam}): per {@code Device #N:} a header block ({@code Device type:}, {@code Name:},
 * {@code Description:}, {@code Device:}), then {@code Configurations:} followed by the column titles
 * (Default, Current and Next Boot with {@code -e}; only Next Boot without it; Next Boot and New for
 * {@code set}), then one line per parameter, marked with a leading {@code *} when its next-boot value
 * differs. Values never contain spaces ({@code True(1)}, {@code ETH(2)}, {@code N/A}, {@code Array[0..7]}),
 * so they are read right to left against the columns. Output filtered by grep (no header) is read as
 * a single Next Boot column (only indented {@code NAME VALUE} lines count there). Prompt and message lines ({@code -I-}, {@code -E-}, {@code Apply new ...}) are ignored.
 */
public final class MlxconfigQueryParser {
    private MlxconfigQueryParser() {
    }

    public static List<FirmwareConfig> parse(String text) {
        List<FirmwareConfig> out = new ArrayList<>();
        Block b = null;
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("-") || DpctlFlowParser.isPrompt(line) || line.startsWith("Apply new")
                    || line.startsWith("Applying") || line.startsWith("The '*'") || line.startsWith("Device Firmware does not")) {
                continue;
            }
            if (line.matches("Device #\\d+:")) {
                if (b != null) out.add(b.build());
                b = new Block();
                continue;
            }
            if (b == null) b = new Block();
            if (line.startsWith("Device type:")) b.type = value(line);
            else if (line.startsWith("Device:")) b.device = value(line);
            else if (line.startsWith("Name:") || line.startsWith("Description:")) continue;
            else if (line.startsWith("Configurations:")) b.columns = columns(line.substring("Configurations:".length()));
            else if (b.columns != null || (Character.isWhitespace(raw.charAt(0)) && line.split("\\s+").length == 2)) b.param(line);
        }
        if (b != null && (!b.params.isEmpty() || b.device != null)) out.add(b.build());
        return out;
    }

    private static String value(String line) {
        return line.substring(line.indexOf(':') + 1).strip();
    }

    private static List<String> columns(String titles) {
        List<String> cols = new ArrayList<>();
        String t = titles.strip();
        for (String c : List.of("Default", "Current", "Next Boot", "New")) {
            if (t.contains(c)) cols.add(c);
        }
        // keep print order
        cols.sort((x, y) -> Integer.compare(t.indexOf(x), t.indexOf(y)));
        return cols;
    }

    private static final class Block {
        String device, type;
        List<String> columns;
        final Map<String, FirmwareConfig.Param> params = new LinkedHashMap<>();

        void param(String line) {
            boolean changed = line.startsWith("*");
            String l = changed ? line.substring(1).strip() : line;
            String[] words = l.split("\\s+");
            if (words.length < 2 || !words[0].matches("[A-Z][A-Z0-9_]*(\\[\\d+\\])?")) return;
            List<String> cols = columns == null ? List.of("Next Boot") : columns;
            String[] values = new String[cols.size()];
            // right-aligned: the last word is the last column; a cut line leaves the leading columns
            int n = Math.min(cols.size(), words.length - 1);
            for (int i = 0; i < n; i++) values[cols.size() - 1 - i] = words[words.length - 1 - i];
            String def = null, cur = null, next = null;
            for (int i = 0; i < cols.size(); i++) {
                switch (cols.get(i)) {
                    case "Default" -> def = values[i];
                    case "Current" -> cur = values[i];
                    case "Next Boot" -> next = values[i];
                    default -> {
                        // "New" (set output): not a state of the device
                    }
                }
            }
            params.put(words[0], new FirmwareConfig.Param(words[0], def, cur, next, changed));
        }

        FirmwareConfig build() {
            return new FirmwareConfig(device, type, columns == null ? List.of("Next Boot") : columns, params);
        }
    }
}
