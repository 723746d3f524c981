package dev.sriovctl.plan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;

/**
 * One ordered change of a {@link Plan}. Every step is a verb record carrying the data it needs,
 * and exposes the same four things, so an executor runs any step generically:
 * <ol>
 * <li>{@link #precondition()}: probes that must hold before it runs (checked once; failing = nothing done);</li>
 * <li>{@link #actions()}: the host operations, in order;</li>
 * <li>{@link #verify()}: read-backs that prove it worked, retried for up to {@link #verifySeconds()};</li>
 * <li>{@link #undo()}: what restores the state before it, assuming every later step was already undone.</li>
 * </ol>
 * Adding a step = one record in this {@code permits} list, its emission in {@link Planner}, one golden case
 * (a per-VF {@code ip link} setting goes in {@link VfLinkSetting}'s list instead).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "step")
@JsonSubTypes({
        @JsonSubTypes.Type(WriteFile.class), @JsonSubTypes.Type(DeleteFile.class),
        @JsonSubTypes.Type(ReloadUdevRules.class), @JsonSubTypes.Type(TriggerUdev.class),
        @JsonSubTypes.Type(SetNumVfs.class), @JsonSubTypes.Type(WaitForVfs.class), @JsonSubTypes.Type(UnbindVf.class),
        @JsonSubTypes.Type(SetEswitchMode.class), @JsonSubTypes.Type(WaitForRepresentors.class),
        @JsonSubTypes.Type(SetVfMac.class), @JsonSubTypes.Type(SetVfVlan.class), @JsonSubTypes.Type(SetVfTrust.class),
        @JsonSubTypes.Type(SetVfSpoofchk.class), @JsonSubTypes.Type(SetVfMaxRate.class),
        @JsonSubTypes.Type(SetOvsOtherConfig.class), @JsonSubTypes.Type(RestartVswitchd.class),
        @JsonSubTypes.Type(RemoveOvsPort.class), @JsonSubTypes.Type(IfReload.class),
        @JsonSubTypes.Type(MountDebugfs.class), @JsonSubTypes.Type(WaitForLagActive.class), @JsonSubTypes.Type(LoadKernelModule.class), @JsonSubTypes.Type(BindVf.class),
        @JsonSubTypes.Type(ReloadSystemd.class), @JsonSubTypes.Type(EnableUnit.class)})
public sealed interface Step permits WriteFile, DeleteFile, ReloadUdevRules, TriggerUdev, SetNumVfs, WaitForVfs, UnbindVf,
        SetEswitchMode, WaitForRepresentors, VfLinkSetting,
        SetOvsOtherConfig, RestartVswitchd, RemoveOvsPort, IfReload, MountDebugfs, WaitForLagActive, LoadKernelModule, BindVf,
        ReloadSystemd, EnableUnit {

    /** What it changes: a PF, a VF, a file, a service. */
    String subject();

    /** The change in a few words: {@code 0 -> 4 VFs}. */
    String summary();

    /** Why: what the spec asks for and what the host has. */
    String reason();

    default List<Probe> precondition() {
        return List.of();
    }

    List<Action> actions();

    default List<Probe> verify() {
        return List.of();
    }

    /** How long verification may be retried (scaled by VF count where that matters). */
    default int verifySeconds() {
        return 10;
    }

    Undo undo();

    /**
     * What to run once more after a rollback has undone every step (in the plan's order, each distinct
     * action once): the reloads whose effect depends on what later undos changed. A rollback re-creates
     * VFs after the network configuration was already put back (reverse order), so their representors
     * must be named by the restored udev rules and brought into Open vSwitch by a last {@code ifreload}.
     */
    default List<Action> afterRollback() {
        return List.of();
    }

    /** Which boot unit redoes this step at boot (NONE: the change persists by itself). */
    BootPhase bootPhase();

    /** Whether running it interrupts traffic (a link flaps, VFs are destroyed, a daemon restarts). */
    default boolean disruptive() {
        return false;
    }

    /** The verb, as shown in plans and JSON: the record's name. */
    default String kind() {
        return getClass().getSimpleName();
    }
}
