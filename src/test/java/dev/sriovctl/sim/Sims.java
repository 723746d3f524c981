package dev.sriovctl.sim;

import dev.sriovctl.host.CommandResult;

import java.nio.file.Path;
import java.util.List;

/** Helpers for simulator tests: build a host in a temporary folder, run its commands. */
final class Sims {
    private Sims() {
    }

    /** A fresh cx6lx-2p host like the guide's (legacy, no VFs, kernel 6.8). */
    static SimHost guideLike(Path tmp) {
        return SimBuilder.create(tmp.resolve("host"), SimOptions.defaults("cx6lx-2p"));
    }

    static SimHost create(Path tmp, SimOptions o) {
        return SimBuilder.create(tmp.resolve("host"), o);
    }

    static CommandResult run(SimHost h, String... argv) {
        return h.run(List.of(argv)).orElseThrow(() -> new AssertionError("no simulated command " + argv[0]));
    }

    static String read(SimHost h, String path) {
        return h.read(path).map(String::strip).orElse(null);
    }

    /** Writes like echo; returns the errno text or "ok". */
    static String echo(SimHost h, String path, String value) {
        return h.echo(path, value).map(Errno::text).orElse("ok");
    }

    static String numvfs(String pf) {
        return "/sys/bus/pci/devices/" + pf + "/sriov_numvfs";
    }

    /** The netdev names under a PCI device's net/ directory. */
    static List<String> net(SimHost h, String pci) {
        return h.list("/sys/bus/pci/devices/" + pci + "/net");
    }

    static String log(SimHost h) {
        return String.join("\n", h.kernelLog());
    }
}
