package dev.sriovctl.plan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.sriovctl.host.Host;

/**
 * A read-back: a fact about the host that a step needs before it runs (precondition) or that
 * proves it worked (verification). Probes are data and evaluate themselves on any {@link Host};
 * they never change anything.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "probe")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Probes.AttributeEquals.class, name = "attribute-equals"),
        @JsonSubTypes.Type(value = Probes.PathExists.class, name = "path-exists"),
        @JsonSubTypes.Type(value = Probes.PathAbsent.class, name = "path-absent"),
        @JsonSubTypes.Type(value = Probes.DriverIs.class, name = "driver-is"),
        @JsonSubTypes.Type(value = Probes.FileContentIs.class, name = "file-content-is"),
        @JsonSubTypes.Type(value = Probes.DevlinkModeIs.class, name = "devlink-mode-is"),
        @JsonSubTypes.Type(value = Probes.OvsValueIs.class, name = "ovs-value-is"),
        @JsonSubTypes.Type(value = Probes.OvsPortsInclude.class, name = "ovs-ports-include"),
        @JsonSubTypes.Type(value = Probes.OvsPortsExclude.class, name = "ovs-ports-exclude"),
        @JsonSubTypes.Type(value = Probes.VfSettingIs.class, name = "vf-setting-is"),
        @JsonSubTypes.Type(value = Probes.CommandSucceeds.class, name = "command-succeeds"),
        @JsonSubTypes.Type(value = Probes.Mounted.class, name = "mounted"),
        @JsonSubTypes.Type(value = Probes.LagStateReadable.class, name = "lag-state-readable"),
        @JsonSubTypes.Type(value = Probes.LagStateIs.class, name = "lag-state-is")})
public sealed interface Probe permits Probes.AttributeEquals, Probes.PathExists, Probes.PathAbsent, Probes.DriverIs,
        Probes.FileContentIs, Probes.DevlinkModeIs, Probes.OvsValueIs, Probes.OvsPortsInclude, Probes.OvsPortsExclude,
        Probes.VfSettingIs, Probes.CommandSucceeds, Probes.Mounted, Probes.LagStateReadable, Probes.LagStateIs {

    Observation check(Host host);

    /** How a person reads it in a plan. */
    @com.fasterxml.jackson.annotation.JsonProperty(value = "display", access = com.fasterxml.jackson.annotation.JsonProperty.Access.READ_ONLY)
    String display();
}
