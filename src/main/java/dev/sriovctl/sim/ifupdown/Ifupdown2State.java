package dev.sriovctl.sim.ifupdown;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What ifupdown2 remembers between runs (its statemanager file, /var/tmp/network/ifstatenew on a real host):
 * the configuration each interface was last brought up with. {@code ifreload} compares it with the file to
 * find interfaces removed from the configuration, and {@code ifdown} uses it rather than the file.
 * Jackson-serializable; the simulated host keeps it beside its other state.
 */
public final class Ifupdown2State {
    private final Map<String, Stanza> up;

    public Ifupdown2State() {
        this(new LinkedHashMap<>());
    }

    @JsonCreator
    public Ifupdown2State(@JsonProperty("up") Map<String, Stanza> up) {
        this.up = new LinkedHashMap<>(up == null ? Map.of() : up);
    }

    /** Interfaces that are up, with the stanza they were brought up with. */
    @JsonProperty("up")
    public Map<String, Stanza> up() {
        return up;
    }

    @JsonIgnore
    public boolean isEmpty() {
        return up.isEmpty();
    }
}
