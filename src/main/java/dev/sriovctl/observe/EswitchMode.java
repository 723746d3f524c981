package dev.sriovctl.observe;

/** The e-switch mode of a PF as devlink reports it. */
public enum EswitchMode {
    LEGACY, SWITCHDEV, UNKNOWN;

    /** The word devlink and the JSON contract use: legacy, switchdev, unknown. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses devlink's word; anything else is UNKNOWN. */
    public static EswitchMode of(String word) {
        if (word == null) return UNKNOWN;
        return switch (word.strip()) {
            case "legacy" -> LEGACY;
            case "switchdev" -> SWITCHDEV;
            default -> UNKNOWN;
        };
    }
}
