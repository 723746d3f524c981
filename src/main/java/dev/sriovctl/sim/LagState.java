package dev.sriovctl.sim;

/** The mlx5 hardware LAG of a two-port NIC, as debugfs {@code mlx5/<pf>/lag/} shows it. */
final class LagState {
    boolean active;
    /** {@code switchdev} (VF-LAG) or {@code roce}. */
    String type;
    boolean sharedFdb;
    /** Virtual-to-physical port map: tx of port 1 goes out of {@code map1}. */
    int map1 = 1;
    int map2 = 2;
    /** The bond the LAG follows (ifindex), 0 when none. */
    int bond;
}
