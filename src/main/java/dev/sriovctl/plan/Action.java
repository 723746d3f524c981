package dev.sriovctl.plan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.sriovctl.host.Host;

/**
 * One host operation of a step: a sysfs attribute write, an argv command, a file write or a file
 * removal. Actions are data (journal-able as JSON) and know how to run themselves on any
 * {@link Host}, so an executor runs every step the same way.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "op")
@JsonSubTypes({
        @JsonSubTypes.Type(value = WriteAttribute.class, name = "write-attribute"),
        @JsonSubTypes.Type(value = RunCommand.class, name = "run"),
        @JsonSubTypes.Type(value = PutFile.class, name = "write-file"),
        @JsonSubTypes.Type(value = RemoveFile.class, name = "delete-file")})
public sealed interface Action permits WriteAttribute, RunCommand, PutFile, RemoveFile {

    /** Runs it; a refusal or failure throws {@code HostException}. */
    void apply(Host host);

    /** How a person reads it in a plan: a shell-like line (never run through a shell). */
    @com.fasterxml.jackson.annotation.JsonProperty(value = "display", access = com.fasterxml.jackson.annotation.JsonProperty.Access.READ_ONLY)
    String display();
}
