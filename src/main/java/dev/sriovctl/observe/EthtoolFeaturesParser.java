package dev.sriovctl.observe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code ethtool -k NETDEV} (ethtool.c {@code dump_features}): a {@code Features for NAME:} line,
 * then {@code name: on|off} with optional {@code [fixed]} or {@code [requested on|off]}; sub-features are
 * tab-indented. Several outputs in one text (published sessions with prompt lines) become several
 * results: a new one starts at {@code Features for} or at a prompt line running {@code ethtool -k NAME}.
 */
public final class EthtoolFeaturesParser {
    private EthtoolFeaturesParser() {
    }

    private static final Pattern FEATURES_FOR = Pattern.compile("^Features for (\\S+):$");
    private static final Pattern PROMPT_DEVICE = Pattern.compile("ethtool\\s+(?:-k|--show-features|--show-offload)\\s+(\\S+)");
    private static final Pattern FEATURE = Pattern.compile("^([a-z0-9][a-z0-9_-]*):\\s*(.*?)\\s*$");

    public static List<EthtoolFeatures> parse(String text) {
        List<EthtoolFeatures> out = new ArrayList<>();
        String device = null;
        Map<String, EthtoolFeatures.Feature> features = new LinkedHashMap<>();
        boolean started = false;
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty()) continue;
            Matcher ff = FEATURES_FOR.matcher(line);
            boolean prompt = DpctlFlowParser.isPrompt(line);
            if (ff.matches() || prompt) {
                String next = ff.matches() ? ff.group(1) : null;
                if (prompt) {
                    Matcher pd = PROMPT_DEVICE.matcher(line);
                    if (!pd.find()) continue;
                    next = pd.group(1);
                }
                // a "Features for" right after the prompt that named the same device continues it
                if (started && !(features.isEmpty() && next.equals(device))) {
                    out.add(new EthtoolFeatures(device, features));
                    features = new LinkedHashMap<>();
                }
                device = next;
                started = true;
                continue;
            }
            Matcher f = FEATURE.matcher(line);
            if (!f.matches()) continue;
            started = true;
            features.put(f.group(1), feature(f.group(1), f.group(2)));
        }
        if (started) out.add(new EthtoolFeatures(device, features));
        return out;
    }

    private static EthtoolFeatures.Feature feature(String name, String value) {
        boolean fixed = value.endsWith("[fixed]");
        String requested = null;
        Matcher r = Pattern.compile("\\[requested (on|off)\\]$").matcher(value);
        if (r.find()) requested = r.group(1);
        String state = value.split("\\s+")[0];
        String rest = value.substring(state.length()).strip();
        // only "on"/"off", optionally followed by a bracketed note, is a state ethtool prints
        boolean clean = rest.isEmpty() || rest.startsWith("[");
        Boolean on = !clean ? null : state.equals("on") ? Boolean.TRUE : state.equals("off") ? Boolean.FALSE : null;
        return new EthtoolFeatures.Feature(name, on, fixed, requested, value);
    }
}
