package dev.sriovctl.plan;

/**
 * When a step is redone at boot: PRE by sriovctl-pre.service (before networking: VFs, switchdev,
 * VF settings, VFs left unbound), POST by sriovctl-post.service (after networking and Open vSwitch:
 * LAG wait, driver binding). NONE: the change persists by itself (files, OVS database).
 */
public enum BootPhase {
    PRE, POST, NONE;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
