package dev.sriovctl.plan;

import dev.sriovctl.host.CommandCatalog;

import java.util.List;

/**
 * The shape the per-VF setting steps share: {@code ip link set dev PF vf N KEY VALUE}, read back as
 * {@link Probes.VfSettingIs} on the same key, undone by setting the value found before (nothing to
 * undo when it was unknown), redone by the pre-network boot unit. Each step record keeps its own typed
 * fields (the journal stores them) and says only its key and how its values print.
 */
sealed interface VfLinkSetting extends Step permits SetVfMac, SetVfVlan, SetVfTrust, SetVfSpoofchk, SetVfMaxRate {

    String pfNetdev();

    int vf();

    /** The {@code ip link} key, also the probe's field: mac, vlan, trust, spoofchk, max_tx_rate. */
    String key();

    /** The word in the plan's summary; the key unless it reads badly there. */
    default String label() {
        return key();
    }

    /** The wanted value as {@code ip link} takes it. */
    String wanted();

    /** The value found before, as {@code ip link} takes it; null when unknown. */
    String found();

    @Override
    default String subject() {
        return pfNetdev() + " vf " + vf();
    }

    @Override
    default String summary() {
        return label() + " " + (found() == null ? "" : found() + " -> ") + wanted();
    }

    @Override
    default List<Action> actions() {
        return List.of(command(wanted()));
    }

    @Override
    default List<Probe> verify() {
        return List.of(new Probes.VfSettingIs(pfNetdev(), vf(), key(), wanted()));
    }

    @Override
    default Undo undo() {
        return found() == null ? Undo.nothing("the previous value was unknown") : Undo.of(command(found()));
    }

    @Override
    default BootPhase bootPhase() {
        return BootPhase.PRE;
    }

    private RunCommand command(String value) {
        return RunCommand.of(30, CommandCatalog.ipLinkSetVf(pfNetdev(), vf(), key(), value));
    }

    /** How {@code ip link} spells a flag. */
    static String onOff(Boolean flag) {
        return flag == null ? null : flag ? "on" : "off";
    }

    /** A number as {@code ip link} takes it; null stays null. */
    static String number(Integer n) {
        return n == null ? null : n.toString();
    }
}
