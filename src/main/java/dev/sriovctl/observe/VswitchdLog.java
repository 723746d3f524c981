package dev.sriovctl.observe;

/**
 * What the ovs-vswitchd log says about the running process (the part after its last start).
 *
 * @param startLine      the line where the last process started ({@code |00001|vlog|INFO|opened log file}), or null when the log holds no start
 * @param flowApiLine    the {@code netdev: Flow API Enabled} line after that start, or null
 * @param policy         the tc-policy in effect from {@code tc: Using policy 'X'} after that start, or null
 * @param policyLine     that line, or null
 * @param version        from {@code ovs-vswitchd (Open vSwitch) X}, or null
 */
public record VswitchdLog(String startLine, String flowApiLine, String policy, String policyLine, String version) {

    public boolean flowApiEnabled() {
        return flowApiLine != null;
    }
}
