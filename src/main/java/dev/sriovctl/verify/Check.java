package dev.sriovctl.verify;

import java.util.List;

/**
 * One check of the doctor catalogue. Its id never changes once shipped (DESIGN section 5); the class
 * is named after it ({@code iommu-enabled} is {@code IommuEnabledCheck}). A check only reads: it gets
 * everything through the {@link DoctorContext} and returns one result per subject it judged (at least one).
 */
public interface Check {

    /** The stable id, e.g. {@code ovs-hw-offload}. */
    String id();

    CheckArea area();

    /** One line: what holds when the check passes. */
    String holdsWhen();

    /** One line: what it reads (files, commands). */
    String reads();

    List<CheckResult> run(DoctorContext ctx);
}
