package dev.sriovctl.spec;

import dev.sriovctl.observe.Inventory;

import java.util.ArrayList;
import java.util.List;

/**
 * A spec that loaded and validated against one host's inventory, for every command taking
 * {@code -f spec.yaml} ({@code plan}, {@code apply}, {@code doctor}): the same errors (all at once,
 * netplan-style, exit 2) and the same warnings everywhere.
 *
 * @param warnings the loader's and the validator's warnings, located in the file
 */
public record ValidSpec(SpecDocument document, Inventory inventory, List<SpecProblem> warnings) {

    public ValidSpec {
        warnings = List.copyOf(warnings);
    }

    /** Validates; every error is thrown at once as an {@code InputException}. */
    public static ValidSpec of(SpecLoader.Loaded loaded, Inventory inventory) {
        SpecDocument doc = loaded.orThrow();
        List<SpecProblem> problems = SpecValidator.validate(doc, inventory);
        SpecDocument.throwIfErrors(problems);
        List<SpecProblem> warnings = new ArrayList<>(loaded.problems());
        warnings.addAll(problems);
        return new ValidSpec(doc, inventory, warnings);
    }

    /** The spec resolved against the host: every PCI address and representor name it will have. */
    public Target target() {
        return TargetResolver.resolve(document.spec(), inventory);
    }
}
