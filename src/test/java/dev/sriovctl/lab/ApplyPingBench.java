package dev.sriovctl.lab;

import dev.sriovctl.apply.ApplyOptions;
import dev.sriovctl.apply.ApplyResult;
import dev.sriovctl.apply.ConnectivityProbe;
import dev.sriovctl.apply.HostApply;
import dev.sriovctl.apply.Outcome;
import dev.sriovctl.host.CommandResult;
import dev.sriovctl.spec.SpecLoader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Benchmark (run by {@code bench/apply-ping}, not a test): ping loss across the bond of a real Open
 * vSwitch lab while an additive change lands, (a) through {@code sriovctl apply} and (b) through a
 * plain {@code ifreload -a} of the same interfaces file. The lab and the simulated NIC are the ones
 * {@link ApplyLabTest} uses: the guide's host with six VFs, of which the bridge first carries four
 * representors; the change adds the other two as ports of vmbr1. During each change two 10 ms pings
 * run: a "VM" behind representor 0 to the tor host, and the tor host to the bridge's own address
 * (the management address); both cross the LACP bond.
 *
 * <p>Usage: {@code ApplyPingBench ROUNDS OUTDIR}. Prints one line per measurement and a summary;
 * exit 0 when every measurement ran (lost pings are figures, not failures), 3 when the lab cannot run.
 */
public final class ApplyPingBench {

    static final Duration INTERVAL = Duration.ofMillis(10);
    /** Pings before and after each change, so the change sits inside the measured window. */
    static final Duration MARGIN = Duration.ofMillis(500);
    static final String INTERFACES = "/etc/network/interfaces.d/sriovctl";

    private final OvsLab lab;
    private final SimNicLab host;
    private final Path out;
    private String lastTimings = "";

    private ApplyPingBench(OvsLab lab, SimNicLab host, Path out) {
        this.lab = lab;
        this.host = host;
        this.out = out;
    }

    /** What one change cost: pings of each direction, and how long the change itself took. */
    record Measurement(String how, int round, PingLoss vmToTor, PingLoss torToBridge, long changeMs, String result) {
        String line() {
            return String.format(Locale.ROOT, "%-16s round %d: vm0->tor %s | tor->vmbr1 %s | change %d ms | %s",
                    how, round, vmToTor, torToBridge, changeMs, result);
        }
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path out = Path.of(args.length > 1 ? args[1] : "bench/out").toAbsolutePath();
        Files.createDirectories(out);
        LabTopology topology = LabTopology.guideHost(6).withIfupdown2();
        var missing = LabPrerequisites.missing(topology);
        if (missing.isPresent()) {
            System.err.println("bench/apply-ping: the OVS lab cannot run here: " + missing.get());
            System.exit(3);
        }
        Path work = Files.createTempDirectory("sriovctl-apply-bench-");
        List<Measurement> all = new ArrayList<>();
        try (OvsLab lab = OvsLab.start(topology); SimNicLab host = SimNicLab.create(work.resolve("pve1"), lab)) {
            ApplyPingBench b = new ApplyPingBench(lab, host, out);
            Path four = b.spec(work, "four-ports.yaml", "\"sw1/pf0vf[0-3]\"");
            Path six = b.spec(work, "six-ports.yaml", "sw1/pf0vf*");
            ApplyResult first = b.apply(four);
            require(first.outcome() == Outcome.CONVERGED, "first apply: " + first.message());
            System.out.println("setup: " + first.changes() + " changes, " + first.message());
            lab.awaitBondsNegotiated(Duration.ofSeconds(30), "bond1", LabTopology.TOR_BOND);
            String fourFile = Files.readString(lab.hostFile(INTERFACES));
            String sixFile = null;
            for (int round = 1; round <= rounds; round++) {
                Measurement a = b.measure("sriovctl apply", round, () -> {
                    ApplyResult r = b.apply(six);
                    require(r.outcome() == Outcome.CONVERGED, "apply of two more ports: " + r.message());
                    return r.changes() + " changes (" + String.join(", ", r.steps().stream().map(ApplyResult.StepView::step).toList())
                            + "), " + r.outcome();
                });
                all.add(a);
                System.out.println(a.line());
                System.out.println("  where the time went: " + b.lastTimings);
                if (sixFile == null) sixFile = Files.readString(lab.hostFile(INTERFACES));
                ApplyResult back = b.apply(four);
                require(back.outcome() == Outcome.CONVERGED, "apply back to four ports: " + back.message());
                lab.awaitBondsNegotiated(Duration.ofSeconds(30), "bond1", LabTopology.TOR_BOND);

                String target = sixFile;
                Measurement p = b.measure("plain ifreload", round, () -> {
                    // what an administrator does by hand: edit the file, reload
                    Files.writeString(lab.hostFile(INTERFACES), target, StandardCharsets.UTF_8);
                    CommandResult r = lab.ifupdown2().run("ifreload", List.of("-a"));
                    require(r.exitCode() <= 1, "ifreload -a: exit " + r.exitCode() + " " + r.stderr());
                    return "ifreload -a exit " + r.exitCode();
                });
                all.add(p);
                System.out.println(p.line());
                Files.writeString(lab.hostFile(INTERFACES), fourFile, StandardCharsets.UTF_8);
                lab.ifupdown2().run("ifreload", List.of("-a"));
                require(lab.vsctlOk("list-ports", "vmbr1").strip().lines().count() == 5, "back to bond1 + four ports");
                lab.awaitBondsNegotiated(Duration.ofSeconds(30), "bond1", LabTopology.TOR_BOND);
            }
        }
        summary(all);
    }

    interface Change {
        String run() throws Exception;
    }

    /** The guide's spec on the lab's addresses (as ApplyLabTest), six VFs, the bridge carrying {@code ports}. */
    private Path spec(Path work, String name, String ports) throws IOException {
        String guide = Files.readString(Path.of("examples/guide-host.yaml"), StandardCharsets.UTF_8);
        String text = guide.replace("address: 192.168.1.2/24", "address: " + LabTopology.BRIDGE_ADDRESS + "/" + LabTopology.PREFIX_LENGTH)
                .replace("mode: balance-tcp}", "mode: balance-tcp, lacp-time: fast}")
                .replace("vfs: 4", "vfs: 6")
                .replace("ports: [sw1/pf0vf*]", "ports: [" + ports + "]");
        require(text.contains("vfs: 6") && text.contains("ports: [" + ports + "]") && text.contains(LabTopology.BRIDGE_ADDRESS),
                "examples/guide-host.yaml no longer has the lines this benchmark edits");
        Path p = work.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    /**
     * Apply as {@code sriovctl apply -f SPEC --probe ping:TOR} runs it: the probe turns the guard on
     * without a confirmation window (the bridge carries the address, so the guard would otherwise be on
     * by default and wait 120 s for {@code --confirm}).
     */
    private ApplyResult apply(Path spec) {
        ApplyOptions options = ApplyOptions.defaults().withProbes(List.of(ConnectivityProbe.parse("ping:" + LabTopology.TOR_ADDRESS)));
        long t0 = System.nanoTime();
        HostApply.Prepared p = HostApply.prepare(host, () -> SpecLoader.read(spec), spec.toString(), options, l -> { }, Clock.systemUTC());
        long t1 = System.nanoTime();
        List<String> timed = new ArrayList<>();
        long[] last = {t1};
        ApplyResult r = HostApply.execute(p, l -> {
            long now = System.nanoTime();
            timed.add((now - last[0]) / 1_000_000 + " ms to: " + l);
            last[0] = now;
        }, null);
        long t2 = System.nanoTime();
        lastTimings = "prepare (recovery check, discovery, plan) " + (t1 - t0) / 1_000_000 + " ms, execute " + (t2 - t1) / 1_000_000
                + " ms: " + String.join(" | ", timed);
        return r;
    }

    private Measurement measure(String how, int round, Change change) throws Exception {
        String tag = how.replace(' ', '-') + "-" + round;
        List<String> vmArgv = pingArgv(LabTopology.TOR_ADDRESS);
        List<String> torArgv = pingArgv(LabTopology.BRIDGE_ADDRESS);
        Process vm = lab.startInNamespace(lab.vmNamespace(0), vmArgv, "ping-" + tag + "-vm0.txt");
        Process tor = lab.startInNamespace(lab.torNamespace(), torArgv, "ping-" + tag + "-tor.txt");
        LabProcesses.sleep(MARGIN);
        long t0 = System.nanoTime();
        String result = change.run();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        LabProcesses.sleep(MARGIN);
        PingLoss a = stop(vm, "ping-" + tag + "-vm0.txt");
        PingLoss b = stop(tor, "ping-" + tag + "-tor.txt");
        return new Measurement(how, round, a, b, ms, result);
    }

    /** A ping without -q: every reply is printed, so a loss is a missing icmp_seq (see {@link PingLoss}). */
    private static List<String> pingArgv(String address) {
        return List.of("ping", "-n", "-i", String.format(Locale.ROOT, "%.3f", INTERVAL.toMillis() / 1000.0), "-W", "1", address);
    }

    /** SIGINT (ping prints its summary), then the log is kept in OUTDIR. */
    private PingLoss stop(Process p, String log) throws Exception {
        LabProcesses.run(List.of("kill", "-INT", Long.toString(p.pid())), Map.of(), Duration.ofSeconds(5));
        if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly();
        Path file = lab.dir().resolve("tmp").resolve(log);
        String text = Files.readString(file);
        Files.writeString(out.resolve("apply-ping-" + log), text);
        return PingLoss.parse(text, INTERVAL);
    }

    private static void summary(List<Measurement> all) {
        System.out.println();
        for (String how : List.of("sriovctl apply", "plain ifreload")) {
            List<Measurement> m = all.stream().filter(x -> x.how().equals(how)).toList();
            int sent = m.stream().mapToInt(x -> x.vmToTor().sent() + x.torToBridge().sent()).sum();
            int lost = m.stream().mapToInt(x -> x.vmToTor().lost() + x.torToBridge().lost()).sum();
            long longest = m.stream().mapToLong(x -> Math.max(x.vmToTor().longestGapMs(), x.torToBridge().longestGapMs())).max().orElse(0);
            long[] change = m.stream().mapToLong(Measurement::changeMs).sorted().toArray();
            System.out.printf(Locale.ROOT, "summary %-16s %d rounds: %d of %d pings lost (both directions), longest gap %d ms, change median %d ms%n",
                    how, m.size(), lost, sent, longest, change.length == 0 ? 0 : change[(change.length - 1) / 2]);
        }
    }

    static void require(boolean ok, String what) {
        if (!ok) throw new IllegalStateException(what);
    }
}
