package dev.sriovctl.verify;

import java.util.List;
import java.util.Optional;

/**
 * Every doctor check, one line each, in the order the table shows them. IDs never change once shipped;
 * docs/checks.md lists the same ids (a test keeps them in step).
 */
public final class CheckCatalog {
    private CheckCatalog() {
    }

    private static final List<Check> ALL = List.of(
            new IommuEnabledCheck(),
            new VfIommuIsolatedCheck(),
            new SriovCapableCheck(),
            new FirmwareSriovCheck(),
            new SriovEnableErrorsCheck(),
            new VfCountCheck(),
            new VfsInUseCheck(),
            new EswitchSwitchdevCheck(),
            new RepresentorsNamedCheck(),
            new SwitchIdConsistentCheck(),
            new NetdevRenameConflictCheck(),
            new OvsRunningCheck(),
            new OvsHwOffloadCheck(),
            new OvsTcPolicyCheck(),
            new OvsOffloadActiveCheck(),
            new OvsCtlUnpatchedCheck(),
            new RepresentorsInBridgeCheck(),
            new MtuConsistentCheck(),
            new BondMembersUpCheck(),
            new LacpNegotiatedCheck(),
            new BondOffloadableCheck(),
            new LacpFallbackPlacementCheck(),
            new VfBondProtectionCheck(),
            new VfLagActiveCheck(),
            new HwTcOffloadCheck(),
            new IngressQdiscCheck(),
            new FlowsOffloadedCheck(),
            new PveMappingMatchesCheck(),
            new VfSingleAssignmentCheck());

    public static List<Check> all() {
        return ALL;
    }

    public static Optional<Check> byId(String id) {
        return ALL.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
