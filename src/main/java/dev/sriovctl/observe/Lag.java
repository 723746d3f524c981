package dev.sriovctl.observe;

/**
 * The mlx5 hardware LAG as {@code /sys/kernel/debug/mlx5/<pf>/lag/} shows it (kernel 5.19+):
 * {@code state} active|disabled, {@code type} roce|switchdev|multipath|multiport_eswitch,
 * {@code sharedFdb} from the {@code flags} file. Each field is null when its file is absent.
 */
public record Lag(String state, String type, Boolean sharedFdb, String portSelMode, String source) {
}
