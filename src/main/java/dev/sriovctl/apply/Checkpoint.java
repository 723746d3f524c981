package dev.sriovctl.apply;

import dev.sriovctl.plan.Probe;

import java.util.List;

/**
 * The state before the first step of everything the plan touches, taken in all four layers by
 * reading what the steps themselves read back: kernel (VF counts through {@code sriov_numvfs},
 * e-switch modes through devlink, VF settings through {@code ip link}, driver bindings), udev rule
 * files, ifupdown2 files and the Open vSwitch keys and ports the plan sets. After a rollback the
 * same reads must give the same answers; files replaced are also kept as backups.
 *
 * @param readings every distinct precondition/verification probe of the plan, with what it read
 * @param files    every file an action or undo of the plan writes or removes
 */
public record Checkpoint(List<Reading> readings, List<FileState> files) {

    public Checkpoint {
        readings = List.copyOf(readings);
        files = List.copyOf(files);
    }

    /** A probe and what it observed (the value read, whether or not the probe held). */
    public record Reading(Probe probe, String observed) {
    }

    /**
     * A file as it was.
     *
     * @param sha256 the digest of its content, null when it did not exist
     * @param backup where a copy of it is kept (under the journal directory), null when it did not exist
     */
    public record FileState(String path, String sha256, String backup) {
    }

    /** A reading that differs now. */
    public record Difference(String what, String before, String now) {
        @Override
        public String toString() {
            return what + ": was " + before + ", now " + now;
        }
    }
}
