package dev.sriovctl.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sriovctl.InputException;
import dev.sriovctl.SourceLocation;
import dev.sriovctl.host.CommandResult;
import dev.sriovctl.host.Host;
import dev.sriovctl.host.HostException;
import dev.sriovctl.host.LocalHost;
import dev.sriovctl.host.SnapshotFormat;
import dev.sriovctl.observe.UdevRulesParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A simulated ConnectX host ({@code --sim DIR}): a snapshot-shaped directory whose kernel paths
 * ({@code /sys}, {@code /proc}) are served by the simulated kernel, whose other files ({@code /etc/...})
 * live under {@code fs/}, and whose commands run through {@link SimTools}. Writes and commands
 * behave as the kernel, the mlx5 driver and udev do; every mutating operation is saved at once
 * ({@code sim/state.json}), so separate processes see the same host and a process killed half-way
 * leaves the host as a real one would be left. One process at a time: {@code sim/lock}.
 */
public final class SimHost implements Host, AutoCloseable {

    private final Path dir;
    private final Path fsRoot;
    private final SimStore store;
    private final SimState state;
    private final SimKernel kernel;
    private final SysfsTree tree;
    private final Journal journal;
    private final Udev udev;
    private final SimTools tools;
    private String savedText;
    /** Whether anything may have changed since the host was opened (a read-only process skips the save). */
    private boolean dirty;
    private int depth;
    private boolean closed;
    private Runnable crasher = () -> Runtime.getRuntime().halt(137);

    private SimHost(Path dir, SimStore store, SimState state, String savedText, SimTools tools) {
        this.dir = dir;
        this.fsRoot = dir.resolve(SnapshotFormat.FS);
        this.store = store;
        this.state = state;
        this.kernel = new SimKernel(state);
        this.tree = new SysfsTree(kernel);
        this.journal = new Journal(state);
        this.udev = new Udev(this);
        this.tools = tools;
        this.savedText = savedText;
    }

    /** Opens a simulated host directory made by {@code sriovctl sim create}. */
    public static SimHost open(Path dir) {
        return open(dir, SimTools.standard());
    }

    public static SimHost open(Path dir, SimTools tools) {
        if (!Files.isDirectory(dir)) {
            throw new InputException(SourceLocation.of(dir.toString()), "simulated host not found",
                    "make one with: sriovctl sim create --profile cx6lx-2p -o " + dir);
        }
        if (!SimStore.isSim(dir)) {
            throw new InputException(SourceLocation.of(dir.toString()), "not a simulated host (no " + SimStore.STATE + ")",
                    "a captured host is opened with --snapshot; make a twin of it with: sriovctl sim create --from " + dir + " -o NEWDIR");
        }
        SimStore store = new SimStore(dir);
        store.lock();
        try {
            String text = store.readStateText();
            SimState s = SimStore.parse(text, dir.resolve(SimStore.STATE).toString());
            return new SimHost(dir, store, s, text, tools);
        } catch (RuntimeException e) {
            store.unlock();
            throw e;
        }
    }

    /** A new, empty host directory holding {@code initial}; {@link SimBuilder} boots it. */
    static SimHost createEmpty(Path dir, SimState initial) {
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    if (s.findAny().isPresent()) {
                        throw new InputException(SourceLocation.of(dir.toString()), "exists and is not empty",
                                "give a new directory for the simulated host");
                    }
                }
            }
            Files.createDirectories(dir.resolve(SnapshotFormat.FS));
            Files.createDirectories(dir.resolve(SnapshotFormat.COMMANDS));
            Files.createDirectories(dir.resolve(SimStore.SIM));
            Files.writeString(dir.resolve(SnapshotFormat.INDEX), "[]\n", StandardCharsets.UTF_8);
            SimStore.JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(SnapshotFormat.META).toFile(),
                    new SnapshotFormat.Meta(SnapshotFormat.FORMAT, initial.hostname,
                            Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), initial.kernelRelease));
        } catch (IOException e) {
            throw new HostException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        SimStore store = new SimStore(dir);
        store.lock();
        SimHost h = new SimHost(dir, store, initial, null, SimTools.standard());
        h.dirty = true;
        h.persist();
        return h;
    }

    // ---- accessors ------------------------------------------------------------------------------

    /** The simulated kernel: the API the Open vSwitch and ifupdown2 emulations work through. */
    public SimKernel kernel() {
        return kernel;
    }

    SysfsTree tree() {
        return tree;
    }

    SimState state() {
        return state;
    }

    public Path directory() {
        return dir;
    }

    public SimTools tools() {
        return tools;
    }

    /** Opaque state of a plugged-in emulation ("ovs", "ifupdown2"), or null; persisted with the host. */
    public JsonNode extension(String key) {
        return state.extensions.get(key);
    }

    public void setExtension(String key, JsonNode value) {
        dirty = true;
        if (value == null) state.extensions.remove(key);
        else state.extensions.put(key, value);
    }

    /** The whole kernel log, oldest first. */
    public List<String> kernelLog() {
        List<String> all = store.readLines(SimStore.KMSG);
        all.addAll(kernel.log.pending());
        return all;
    }

    /** What systemd-udevd logged (failed renames, writes, programs). */
    public List<String> journalLines() {
        List<String> all = store.readLines(SimStore.JOURNAL);
        all.addAll(journal.pending());
        return all;
    }

    public VfConnectivity vfConnectivity(String vfPci) {
        return kernel.vfConnectivity(vfPci);
    }

    void journal(String message) {
        journal.log("systemd-udevd[" + (400 + state.hostname.length()) + "]", message);
    }

    /** Replaces the crash of the crash fault (tests running in-process use an exception instead). */
    void setCrasher(Runnable crasher) {
        this.crasher = crasher;
    }

    // ---- Host: reading --------------------------------------------------------------------------

    static boolean kernelPath(String path) {
        return path.equals("/sys") || path.startsWith("/sys/") || path.equals("/proc") || path.startsWith("/proc/");
    }

    @Override
    public String description() {
        return "simulated host " + dir;
    }

    @Override
    public Optional<String> hostname() {
        return Optional.ofNullable(state.hostname);
    }

    @Override
    public boolean mutable() {
        return true;
    }

    @Override
    public Optional<byte[]> readBytes(String path) {
        if (kernelPath(path)) return tree.read(path).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Path p = disk(path);
        if (p == null || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) return Optional.empty();
        try {
            return Optional.of(Files.readAllBytes(p));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<String> list(String path) {
        if (kernelPath(path)) return tree.list(path);
        Path p = disk(path);
        TreeSet<String> names = new TreeSet<>();
        if (path.equals("/")) {
            names.add("sys");
            names.add("proc");
        }
        if (p != null && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> s = Files.list(p)) {
                s.forEach(x -> names.add(x.getFileName().toString()));
            } catch (IOException ignored) {
                // unreadable: nothing listed
            }
        }
        return new ArrayList<>(names);
    }

    @Override
    public Optional<String> readLink(String path) {
        if (kernelPath(path)) return tree.readLink(path);
        Path p = disk(path);
        if (p == null || !Files.isSymbolicLink(p)) return Optional.empty();
        try {
            return Optional.of(Files.readSymbolicLink(p).toString());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean exists(String path) {
        if (kernelPath(path)) return tree.resolve(path, true) != null;
        if (path.equals("/")) return true;
        Path p = disk(path);
        return p != null && Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public boolean isDirectory(String path) {
        if (kernelPath(path)) {
            SysfsTree.Resolved r = tree.resolve(path, true);
            return r != null && r.node() instanceof SysNode.Dir;
        }
        if (path.equals("/")) return true;
        Path p = disk(path);
        return p != null && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
    }

    /** Where a non-kernel host path lives under fs/; null when it would escape it. */
    private Path disk(String path) {
        if (!path.startsWith("/")) return null;
        Path p = fsRoot;
        for (String s : path.substring(1).split("/")) {
            if (s.isEmpty() || s.equals(".")) continue;
            if (s.equals("..")) return null;
            p = p.resolve(s);
        }
        return p;
    }

    // ---- Host: writing --------------------------------------------------------------------------

    @Override
    public void writeAttribute(String path, String value) {
        Optional<Errno> err = echo(path, value);
        if (err.isPresent()) {
            String text = err.get().text();
            throw new HostException("write error: " + path + ": " + text, List.of("write", path, value), 1, text, null);
        }
    }

    /**
     * {@code echo VALUE > PATH}: what the kernel answers, or empty when the write succeeded. The
     * {@code sim write} command prints the errno the way the shell does.
     */
    public Optional<Errno> echo(String path, String value) {
        return mutation(() -> {
            String v = value.endsWith("\n") ? value : value + "\n";
            if (kernelPath(path)) {
                try {
                    writeSysfs(path, v);
                    return Optional.<Errno>empty();
                } catch (KernelError e) {
                    return Optional.of(e.errno());
                }
            }
            Path p = disk(path);
            if (p == null || p.getParent() == null || !Files.isDirectory(p.getParent())) return Optional.of(Errno.ENOENT);
            if (Files.isDirectory(p)) return Optional.of(Errno.EISDIR);
            try {
                Files.writeString(p, v, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE);
                return Optional.<Errno>empty();
            } catch (IOException e) {
                return Optional.of(Errno.EIO);
            }
        });
    }

    /** A sysfs write as the kernel handles it; throws {@link KernelError}. Used by udev ATTR{}= too. */
    void writeSysfs(String path, String value) {
        SysfsTree.Resolved r = tree.resolve(path, true);
        if (r == null) {
            int slash = path.lastIndexOf('/');
            SysfsTree.Resolved parent = slash <= 0 ? null : tree.resolve(path.substring(0, slash), true);
            // sysfs directories cannot get new files: EACCES; a missing directory: ENOENT
            throw new KernelError(parent != null && parent.node() instanceof SysNode.Dir ? Errno.EACCES : Errno.ENOENT);
        }
        if (r.node() instanceof SysNode.Dir) throw new KernelError(Errno.EISDIR);
        if (!(r.node() instanceof SysNode.Attr a) || a.write() == null) throw new KernelError(Errno.EACCES);
        if (state.faults.eioPaths.contains(r.path())) throw new KernelError(Errno.EIO);
        a.write().accept(value);
    }

    @Override
    public void writeFile(String path, byte[] content, int mode) {
        if (kernelPath(path)) {
            throw new HostException("cannot write a file under " + path + " on " + description()
                    + ": kernel attributes are written with writeAttribute");
        }
        Path p = disk(path);
        if (p == null) throw new HostException("not an absolute, normalised path: " + path);
        mutation(() -> {
            SimStore.replace(p, content);
            try {
                Files.setPosixFilePermissions(p, LocalHost.AtomicFiles.permissions(mode));
            } catch (IOException | UnsupportedOperationException ignored) {
                // the mode is not essential to the simulation
            }
            return null;
        });
    }

    /** Creates a directory among the host's files (and its parents). */
    void mkdirs(String path) {
        Path p = disk(path);
        if (p == null || kernelPath(path)) throw new HostException("cannot create " + path + " on " + description());
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new HostException("cannot create " + path + ": " + e.getMessage(), e);
        }
    }

    /** A symbolic link {@code path -> target} among the host's files ({@code systemctl enable}); replaces one there. */
    void symlink(String path, String target) {
        Path p = disk(path);
        if (p == null || kernelPath(path)) throw new HostException("cannot link " + path + " on " + description());
        mutation(() -> {
            try {
                Files.createDirectories(p.getParent());
                Files.deleteIfExists(p);
                Files.createSymbolicLink(p, Path.of(target));
            } catch (IOException e) {
                throw new HostException("cannot link " + path + ": " + e.getMessage(), e);
            }
            return null;
        });
    }

    @Override
    public void deleteFile(String path) {
        if (kernelPath(path)) throw new HostException("cannot remove " + path + " on " + description());
        Path p = disk(path);
        if (p == null) throw new HostException("not an absolute, normalised path: " + path);
        mutation(() -> {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw new HostException("cannot remove " + path + ": " + e.getMessage(), e);
            }
            return null;
        });
    }

    // ---- Host: commands -------------------------------------------------------------------------

    @Override
    public Optional<CommandResult> run(List<String> argv, Duration timeout) {
        if (argv.isEmpty()) return Optional.empty();
        Optional<SimTool> tool = tools.find(argv.get(0));
        if (tool.isEmpty() || !tool.get().available(this, argv)) return Optional.empty();
        if (depth > 0) return runNested(argv);
        Supplier<CommandResult> call = () -> {
            for (FaultState.CommandFault f : state.faults.commands) {
                if (prefixMatches(f.argvPrefix(), argv)) return new CommandResult(argv, f.exit(), "", f.stderr());
            }
            return tool.get().run(this, List.copyOf(argv));
        };
        if (!tool.get().mutates(argv)) return Optional.of(call.get());
        return Optional.of(mutation(call));
    }

    /** A command run from inside another operation (udev RUN+=): no fault checks, no counting. */
    Optional<CommandResult> runNested(List<String> argv) {
        Optional<SimTool> tool = tools.find(argv.get(0));
        if (tool.isEmpty() || !tool.get().available(this, argv)) return Optional.empty();
        depth++;
        try {
            return Optional.of(tool.get().run(this, List.copyOf(argv)));
        } finally {
            depth--;
        }
    }

    static boolean prefixMatches(List<String> prefix, List<String> argv) {
        if (prefix.size() > argv.size() || prefix.isEmpty()) return false;
        for (int i = 0; i < prefix.size(); i++) {
            String a = argv.get(i);
            String p = prefix.get(i);
            if (i == 0) {
                a = a.substring(a.lastIndexOf('/') + 1);
                p = p.substring(p.lastIndexOf('/') + 1);
            }
            if (!a.equals(p)) return false;
        }
        return true;
    }

    @Override
    public String originOf(List<String> argv) {
        return String.join(" ", argv) + " (simulated by " + dir + ")";
    }

    @Override
    public String originOfFile(String path) {
        return dir + "/fs" + path;
    }

    /** Simulated time passes; nothing sleeps. */
    @Override
    public void pause(Duration duration) {
        dirty = true;
        kernel.log.advance(duration.toNanos() / 1000);
    }

    /**
     * Runs one mutating operation: the crash fault first, then the change, then udev, then a save.
     * Nested operations (udev running a program) are part of the outer one.
     */
    private <T> T mutation(Supplier<T> op) {
        dirty = true;
        if (depth == 0) {
            if (state.faults.crashAt > 0 && state.mutations + 1 >= state.faults.crashAt) {
                state.faults.crashAt = 0;
                persist();
                crasher.run();
            }
            state.mutations++;
        }
        long before = kernel.version();
        depth++;
        boolean ok = false;
        try {
            T result = op.get();
            if (depth == 1) {
                settle();
                if (kernel.version() != before) kernelChanged();
            }
            ok = true;
            return result;
        } finally {
            depth--;
            if (depth == 0) {
                if (!ok) kernel.uevents.clear();
                persist();
            }
        }
    }

    /** Tells the emulations above the kernel (Open vSwitch) that netdevs may have changed, then lets udev run. */
    private void kernelChanged() {
        tools.kernelChanged(this);
        settle();
    }

    /** Lets udev process every pending uevent. */
    void settle() {
        try {
            udev.settle();
        } catch (UdevRuleParser.Refused e) {
            kernel.uevents.clear();
            throw new HostException("simulated udev refused " + e.getMessage());
        }
    }

    /** Checks the rules files the way {@code udevadm control --reload} loads them. */
    void loadRules() {
        udev.rules();
    }

    /** Queues "add"/"change" events for existing devices ({@code udevadm trigger}). */
    void trigger(String action, String subsystem, Map<String, String> attrMatch, List<String> sysnames) {
        if (subsystem == null || subsystem.equals("pci")) {
            List<PciRef> all = new ArrayList<>(kernel.pciDevices().values());
            all.sort(java.util.Comparator.comparing(PciRef::pci));
            for (PciRef r : all) {
                if (matchesTrigger(r.devicePath(), r.pci(), attrMatch, sysnames)) kernel.uevents.add(new Uevent(action, "pci", r.pci(), 0));
            }
        }
        if (subsystem == null || subsystem.equals("net")) {
            for (NetdevState nd : new ArrayList<>(state.netdevs)) {
                if (matchesTrigger(tree.netdevPath(nd), nd.name, attrMatch, sysnames)) kernel.uevents.add(new Uevent(action, "net", null, nd.ifindex));
            }
        }
    }

    private boolean matchesTrigger(String syspath, String name, Map<String, String> attrMatch, List<String> sysnames) {
        if (!sysnames.isEmpty() && sysnames.stream().noneMatch(p -> UdevRulesParser.globMatches(p, name))) return false;
        for (Map.Entry<String, String> e : attrMatch.entrySet()) {
            Optional<String> v = tree.read(syspath + "/" + e.getKey()).map(String::stripTrailing);
            if (v.isEmpty() || !UdevRulesParser.globMatches(e.getValue(), v.get())) return false;
        }
        return true;
    }

    // ---- faults (sriovctl sim fault) -----------------------------------------------------------

    /** A port's physical link goes down or comes back (by PF address or netdev). */
    public void setPortLink(String pfPciOrNetdev, boolean up) {
        harness(() -> kernel.setPortLink(pfPciOrNetdev, up));
    }

    /** Commands starting with {@code argvPrefix} fail with {@code exit} and {@code stderr}. */
    public void failCommand(List<String> argvPrefix, int exit, String stderr) {
        if (argvPrefix.isEmpty()) throw new InputException(SourceLocation.of("argv"), "an argv prefix is needed");
        harness(() -> state.faults.commands.add(new FaultState.CommandFault(List.copyOf(argvPrefix), exit,
                stderr.isEmpty() || stderr.endsWith("\n") ? stderr : stderr + "\n")));
    }

    /** Writes to this sysfs attribute fail with EIO ("Input/output error"). */
    public void failWrites(String sysfsPath) {
        SysfsTree.Resolved r = tree.resolve(sysfsPath, true);
        if (r == null || !(r.node() instanceof SysNode.Attr)) {
            throw new InputException(SourceLocation.of(sysfsPath), "no such attribute on " + description());
        }
        harness(() -> state.faults.eioPaths.add(r.path()));
    }

    /** The process dies (exit 137, like kill -9) when it starts mutating operation number n+1 from now. */
    public void crashAfter(long n) {
        if (n < 0) throw new InputException(SourceLocation.of("N"), "must be 0 or more");
        harness(() -> state.faults.crashAt = state.mutations + n + 1);
    }

    public void clearFaults() {
        harness(() -> {
            state.faults = new FaultState();
            for (CardState c : state.cards) {
                for (PfState pf : c.pfs) {
                    if (!pf.portUp) kernel.setPortLink(SimKernel.pfPci(c, pf), true);
                }
            }
        });
    }

    /** The faults in force, one line each. */
    public List<String> faults() {
        List<String> out = new ArrayList<>();
        for (CardState c : state.cards) {
            for (PfState pf : c.pfs) {
                if (!pf.portUp) out.add("link down: " + SimKernel.pfPci(c, pf));
            }
        }
        for (FaultState.CommandFault f : state.faults.commands) {
            out.add("command fails (exit " + f.exit() + "): " + String.join(" ", f.argvPrefix()) + " ...");
        }
        for (String p : state.faults.eioPaths) out.add("write fails with EIO: " + p);
        if (state.faults.crashAt > 0) {
            out.add("crash (exit 137) after " + (state.faults.crashAt - state.mutations - 1) + " more mutating operation(s)");
        }
        return out;
    }

    private void harness(Runnable r) {
        dirty = true;
        long before = kernel.version();
        depth++;
        try {
            r.run();
            settle();
            if (kernel.version() != before) kernelChanged();
        } finally {
            depth--;
            persist();
        }
    }

    // ---- persistence ------------------------------------------------------------------------------

    /** Saves the model and appends new log lines, when anything changed. */
    void persist() {
        String text = SimStore.text(state);
        if (text.equals(savedText) && kernel.log.pending().isEmpty() && journal.pending().isEmpty()) return;
        store.save(text, kernel.log.pending(), journal.pending());
        kernel.log.clearPending();
        journal.clearPending();
        savedText = text;
    }

    /** Saves, brings the on-disk {@code fs/} mirror up to date, and releases the lock. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            if (dirty || savedText == null) {
                persist();
                syncMirror();
            }
        } finally {
            store.unlock();
        }
    }

    /** Writes the changed part of fs/sys and fs/proc; returns how many entries were written. */
    int syncMirror() {
        String now = SimStore.text(state);
        String shown = store.readMirrorText();
        if (now.equals(shown)) return 0;
        Map<String, SimMirror.Entry> before = null;
        if (shown != null) {
            SimKernel old = new SimKernel(SimStore.parse(shown, store.file(SimStore.MIRROR).toString()));
            before = SimMirror.entries(new SysfsTree(old));
        } else {
            for (String top : SimMirror.TOPS) deleteTree(SimMirror.at(fsRoot, top));
        }
        int n = SimMirror.sync(fsRoot, before, SimMirror.entries(tree));
        store.writeMirrorText(now);
        return n;
    }

    private static void deleteTree(Path p) {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(x);
        } catch (IOException e) {
            throw new HostException("cannot clear " + p + ": " + e.getMessage(), e);
        }
    }
}
