package dev.sriovctl.host;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.sriovctl.InputException;
import dev.sriovctl.SourceLocation;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A captured host, read-only. A snapshot on disk is untrusted input: it is checked once when
 * opened (paths and symlinks stay inside its root, no absolute symlinks, no symlink loops, no
 * huge files, a well-formed index) and refused with an {@link InputException} naming the file.
 */
public final class SnapshotHost implements Host, AutoCloseable {

    /**
     * snapshot.json and commands/index.json are read with jackson-core's streaming parser: two small
     * fixed shapes, and no ObjectMapper to build on every start (README "Performance").
     */
    private static final JsonFactory JSON = new JsonFactory();

    private final Path root;
    private final Path fsRoot;
    private final String label;
    private final SnapshotFormat.Meta meta;
    private final Map<List<String>, SnapshotFormat.CommandEntry> commands;
    private final Path cleanupDir;

    private SnapshotHost(Path root, String label, Path cleanupDir) {
        this.root = root;
        this.fsRoot = root.resolve(SnapshotFormat.FS);
        this.label = label;
        this.cleanupDir = cleanupDir;
        this.meta = readMeta(root.resolve(SnapshotFormat.META), label);
        checkTree(fsRoot, label);
        this.commands = readIndex(root, label);
    }

    /** Opens a snapshot directory or a {@code .tar.gz} of one. */
    public static SnapshotHost open(Path path) {
        String label = path.toString();
        if (!Files.exists(path)) {
            throw new InputException(SourceLocation.of(label), "snapshot not found",
                    "give a directory made by 'sriovctl capture' (or a .tar.gz of one)");
        }
        if (Files.isDirectory(path)) {
            return new SnapshotHost(path.toAbsolutePath().normalize(), label, null);
        }
        Path extracted = SnapshotArchive.extract(path);
        try {
            return new SnapshotHost(SnapshotArchive.snapshotRoot(extracted, label), label, extracted);
        } catch (RuntimeException e) {
            SnapshotArchive.deleteTree(extracted);
            throw e;
        }
    }

    public SnapshotFormat.Meta meta() {
        return meta;
    }

    /** The directory holding snapshot.json (a temporary copy for an archive). */
    public Path root() {
        return root;
    }

    @Override
    public void close() {
        if (cleanupDir != null) SnapshotArchive.deleteTree(cleanupDir);
    }

    @Override
    public String description() {
        return "snapshot " + label;
    }

    @Override
    public Optional<String> hostname() {
        return Optional.ofNullable(meta.hostname()).filter(s -> !s.isBlank());
    }

    @Override
    public boolean mutable() {
        return false;
    }

    @Override
    public Optional<byte[]> readBytes(String path) {
        Path p = resolve(path, true);
        if (p == null || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) return Optional.empty();
        // FileInputStream: for hundreds of small files, lighter to start than Files' channels
        try (InputStream in = new FileInputStream(p.toFile())) {
            return Optional.of(in.readAllBytes());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<String> list(String dir) {
        Path p = resolve(dir, true);
        if (p == null || !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) return List.of();
        try (Stream<Path> s = Files.list(p)) {
            return s.map(x -> x.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public Optional<String> readLink(String path) {
        Path p = resolve(path, false);
        if (p == null || !Files.isSymbolicLink(p)) return Optional.empty();
        try {
            return Optional.of(Files.readSymbolicLink(p).toString());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean exists(String path) {
        Path p = resolve(path, true);
        return p != null && Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public boolean isDirectory(String path) {
        Path p = resolve(path, true);
        return p != null && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void writeAttribute(String path, String value) {
        throw readOnly();
    }

    @Override
    public void writeFile(String path, byte[] content, int mode) {
        throw readOnly();
    }

    @Override
    public void deleteFile(String path) {
        throw readOnly();
    }

    private HostException readOnly() {
        return new HostException(description() + " is read-only: use --sim DIR to rehearse changes, or run on the host itself");
    }

    @Override
    public Optional<CommandResult> run(List<String> argv, Duration timeout) {
        SnapshotFormat.CommandEntry e = commands.get(List.copyOf(argv));
        if (e == null) return Optional.empty();
        return Optional.of(new CommandResult(argv, e.exit(), readCommandFile(e.stdout()), readCommandFile(e.stderr())));
    }

    @Override
    public String originOf(List<String> argv) {
        SnapshotFormat.CommandEntry e = commands.get(List.copyOf(argv));
        String cmd = String.join(" ", argv);
        return e == null ? cmd + " (not recorded in " + label + ")" : cmd + " (" + label + "/commands/" + e.stdout() + ")";
    }

    @Override
    public String originOfFile(String path) {
        return label + "/fs" + path;
    }

    @Override
    public void pause(Duration duration) {
        // a snapshot never changes: waiting is pointless
    }

    /** Every recorded argv, in index order. */
    public List<List<String>> recordedCommands() {
        return List.copyOf(commands.keySet());
    }

    private String readCommandFile(String name) {
        if (name == null || name.isEmpty()) return "";
        try {
            return Files.readString(root.resolve(SnapshotFormat.COMMANDS).resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Resolves a host path inside {@code fs/} the way the kernel's path walk would: each symlink
     * met on the way is replaced by its (relative) target; ".." never climbs above "/".
     * Returns null when the path cannot be resolved (missing, or a loop). Links are read from the
     * disk here, not from what open() saw, so a directory changed since is still walked safely.
     */
    Path resolve(String hostPath, boolean followLast) {
        try {
            return walk(fsRoot, hostPath, followLast, SnapshotHost::linkOnDisk);
        } catch (LinkProblem e) {
            return null;
        }
    }

    private static final class LinkProblem extends Exception {
        private static final long serialVersionUID = 1L;

        LinkProblem(String m) {
            super(m, null, false, false);
        }
    }

    /** Where a walk learns whether a path is a symlink: its target, or null when it is not one. */
    private interface Links {
        String target(Path path) throws LinkProblem;
    }

    private static String linkOnDisk(Path path) throws LinkProblem {
        if (!Files.isSymbolicLink(path)) return null;
        try {
            return Files.readSymbolicLink(path).toString();
        } catch (IOException e) {
            throw new LinkProblem("unreadable symlink");
        }
    }

    private static Path walk(Path fsRoot, String hostPath, boolean followLast, Links links) throws LinkProblem {
        Deque<String> pending = new ArrayDeque<>();
        pushComponents(pending, hostPath);
        Path at = fsRoot;
        int depth = 0;
        int hops = 0;
        while (!pending.isEmpty()) {
            String c = pending.pop();
            if (c.isEmpty() || c.equals(".")) continue;
            if (c.equals("..")) {
                if (depth > 0) {
                    at = at.getParent();
                    depth--;
                }
                continue;
            }
            Path candidate = at.resolve(c);
            String target = followLast || !pending.isEmpty() ? links.target(candidate) : null;
            if (target != null) {
                if (++hops > SnapshotFormat.MAX_LINK_HOPS) throw new LinkProblem("too many levels of symbolic links");
                if (target.startsWith("/")) throw new LinkProblem("absolute symlink");
                pushComponents(pending, target);
                continue;
            }
            at = candidate;
            depth++;
        }
        return at;
    }

    private static void pushComponents(Deque<String> pending, String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) pending.push(parts[i]);
    }

    private static SnapshotFormat.Meta readMeta(Path file, String label) {
        String where = label + "/" + SnapshotFormat.META;
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new InputException(SourceLocation.of(where), "missing: this is not a sriovctl snapshot",
                    "a snapshot holds snapshot.json, fs/ and commands/index.json (see docs/snapshot.md)");
        }
        SnapshotFormat.Meta meta = parseJson(file, where, SnapshotHost::meta);
        if (meta == null || !SnapshotFormat.FORMAT.equals(meta.format())) {
            throw new InputException(SourceLocation.of(where),
                    "unsupported format " + (meta == null ? "null" : "'" + meta.format() + "'"),
                    "expected \"format\": \"" + SnapshotFormat.FORMAT + "\"");
        }
        return meta;
    }

    private static Map<List<String>, SnapshotFormat.CommandEntry> readIndex(Path root, String label) {
        Path index = root.resolve(SnapshotFormat.INDEX);
        String where = label + "/" + SnapshotFormat.INDEX;
        if (!Files.exists(index, LinkOption.NOFOLLOW_LINKS)) return Map.of();
        if (!Files.isRegularFile(index, LinkOption.NOFOLLOW_LINKS)) {
            throw new InputException(SourceLocation.of(where), "not a regular file");
        }
        List<SnapshotFormat.CommandEntry> entries = parseJson(index, where, SnapshotHost::commandEntries);
        if (entries == null) {
            throw new InputException(SourceLocation.of(where), "expected a JSON array of commands, found null",
                    "e.g. [{\"argv\": [\"ovs-appctl\", \"bond/show\"], \"exit\": 0, \"stdout\": \"0007.out\", \"stderr\": \"0007.err\"}]");
        }
        Map<List<String>, SnapshotFormat.CommandEntry> byArgv = new HashMap<>();
        Map<List<String>, SnapshotFormat.CommandEntry> ordered = new LinkedHashMap<>();
        Path dir = root.resolve(SnapshotFormat.COMMANDS);
        for (int i = 0; i < entries.size(); i++) {
            SnapshotFormat.CommandEntry e = entries.get(i);
            String at = "entry " + i;
            if (e == null || e.argv() == null || e.argv().isEmpty() || e.argv().stream().anyMatch(a -> a == null)) {
                throw new InputException(SourceLocation.of(where), at + ": \"argv\" must be a non-empty array of strings");
            }
            checkOutputName(dir, e.stdout(), where, at + " (" + String.join(" ", e.argv()) + ") \"stdout\"");
            checkOutputName(dir, e.stderr(), where, at + " (" + String.join(" ", e.argv()) + ") \"stderr\"");
            if (byArgv.put(List.copyOf(e.argv()), e) != null) {
                throw new InputException(SourceLocation.of(where), at + ": argv recorded twice: " + String.join(" ", e.argv()));
            }
            ordered.put(List.copyOf(e.argv()), e);
        }
        return ordered;
    }

    private static void checkOutputName(Path dir, String name, String where, String what) {
        if (name == null || name.isEmpty()) return;
        if (name.contains("/") || name.equals("..") || name.equals(".") || name.contains("\0")) {
            throw new InputException(SourceLocation.of(where), what + ": '" + name + "' escapes commands/",
                    "output files are plain names inside commands/, e.g. 0007.out");
        }
        Path f = dir.resolve(name);
        if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
            throw new InputException(SourceLocation.of(where), what + ": commands/" + name + " is missing or not a regular file");
        }
        try {
            long size = Files.size(f);
            if (size > SnapshotFormat.MAX_FILE_BYTES) {
                throw new InputException(SourceLocation.of(where.replace(SnapshotFormat.INDEX, "commands/" + name)),
                        "file is " + size + " bytes, more than the " + SnapshotFormat.MAX_FILE_BYTES + " accepted");
            }
        } catch (IOException e) {
            throw new InputException(SourceLocation.of(where), what + ": cannot read commands/" + name);
        }
    }

    /** Reads one JSON value from the parser, positioned on its first token. */
    private interface JsonReader<T> {
        T read(JsonParser p) throws IOException;
    }

    private static <T> T parseJson(Path file, String where, JsonReader<T> reader) {
        try {
            if (Files.size(file) > SnapshotFormat.MAX_FILE_BYTES) {
                throw new InputException(SourceLocation.of(where), "file is too large");
            }
            try (JsonParser p = JSON.createParser(file.toFile())) {
                if (p.nextToken() == null) throw new JsonParseException(p, "no content");
                return reader.read(p);
            }
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String msg = e.getOriginalMessage();
            int nl = msg.indexOf('\n');
            if (nl > 0) msg = msg.substring(0, nl);
            throw new InputException(new SourceLocation(where, loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr()),
                    "malformed JSON: " + msg);
        } catch (IOException e) {
            throw new InputException(SourceLocation.of(where), "cannot read: " + e.getMessage());
        }
    }

    /** {@code snapshot.json}: an object; fields this version does not know are skipped (a later one may add some). */
    private static SnapshotFormat.Meta meta(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) return null;
        expect(p, JsonToken.START_OBJECT, "an object");
        String format = null, hostname = null, capturedAt = null, kernel = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "format" -> format = text(p, field);
                case "hostname" -> hostname = text(p, field);
                case "capturedAt" -> capturedAt = text(p, field);
                case "kernel" -> kernel = text(p, field);
                default -> p.skipChildren();
            }
        }
        return new SnapshotFormat.Meta(format, hostname, capturedAt, kernel);
    }

    /** {@code commands/index.json}: an array of entries (null for a JSON null; readIndex words that). */
    private static List<SnapshotFormat.CommandEntry> commandEntries(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) return null;
        expect(p, JsonToken.START_ARRAY, "an array of commands");
        List<SnapshotFormat.CommandEntry> entries = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) entries.add(commandEntry(p));
        return entries;
    }

    /** One entry; a null entry, argv or argv element is kept for readIndex to refuse with the entry's number. */
    private static SnapshotFormat.CommandEntry commandEntry(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) return null;
        expect(p, JsonToken.START_OBJECT, "an object for each command");
        List<String> argv = null;
        int exit = 0;
        String stdout = null, stderr = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "argv" -> argv = strings(p, field);
                case "exit" -> exit = integer(p, field);
                case "stdout" -> stdout = text(p, field);
                case "stderr" -> stderr = text(p, field);
                default -> p.skipChildren();
            }
        }
        return new SnapshotFormat.CommandEntry(argv, exit, stdout, stderr);
    }

    private static void expect(JsonParser p, JsonToken token, String what) throws JsonParseException {
        if (p.currentToken() == token) return;
        String found = switch (p.currentToken()) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> "null";
        };
        throw new JsonParseException(p, "expected " + what + ", found " + found);
    }

    /** A string, or a number or boolean taken as its text (as data binding did); null for null. */
    private static String text(JsonParser p, String field) throws IOException {
        if (!p.currentToken().isScalarValue()) expect(p, JsonToken.VALUE_STRING, "a string for \"" + field + "\"");
        return p.getValueAsString();
    }

    /** An array of strings, or null. */
    private static List<String> strings(JsonParser p, String field) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) return null;
        expect(p, JsonToken.START_ARRAY, "an array of strings for \"" + field + "\"");
        List<String> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) out.add(text(p, field));
        return out;
    }

    /** An integer; 0 for null. */
    private static int integer(JsonParser p, String field) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) return 0;
        expect(p, JsonToken.VALUE_NUMBER_INT, "an integer for \"" + field + "\"");
        return p.getIntValue();
    }

    /**
     * Checks every entry of fs/ once: sizes, file types, symlinks relative, inside the root and
     * loop-free. One pass over the tree reads each entry's attributes and each link's target; the
     * loop check then walks each link through the links found, without touching the disk again.
     */
    private static void checkTree(Path fsRoot, String label) {
        if (!Files.exists(fsRoot, LinkOption.NOFOLLOW_LINKS)) return;
        if (!Files.isDirectory(fsRoot, LinkOption.NOFOLLOW_LINKS)) {
            throw new InputException(SourceLocation.of(label + "/fs"), "not a directory");
        }
        Map<Path, String> links = new LinkedHashMap<>(); // walk order: the first bad link is named
        int[] count = {0};
        try {
            Files.walkFileTree(fsRoot, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (++count[0] > SnapshotFormat.MAX_ENTRIES) {
                        throw new InputException(SourceLocation.of(label + "/fs"),
                                "more than " + SnapshotFormat.MAX_ENTRIES + " entries");
                    }
                    if (attrs.isSymbolicLink()) {
                        links.put(file, checkLink(fsRoot, file, label));
                    } else if (attrs.isRegularFile()) {
                        if (attrs.size() > SnapshotFormat.MAX_FILE_BYTES) {
                            throw new InputException(SourceLocation.of(where(fsRoot, file, label)),
                                    "file is " + attrs.size() + " bytes, more than the " + SnapshotFormat.MAX_FILE_BYTES
                                            + " a snapshot may hold",
                                    "sysfs attributes and command outputs are small; this is not a real capture");
                        }
                    } else if (!attrs.isDirectory()) {
                        throw new InputException(SourceLocation.of(where(fsRoot, file, label)), "not a regular file, directory or symlink");
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new InputException(SourceLocation.of(label + "/fs"), "cannot read: " + e.getMessage());
        }
        for (Map.Entry<Path, String> link : links.entrySet()) {
            try {
                walk(fsRoot, hostPath(fsRoot, link.getKey()), true, links::get);
            } catch (LinkProblem e) {
                throw new InputException(SourceLocation.of(where(fsRoot, link.getKey(), label)),
                        "symlink loop (" + e.getMessage() + ") -> " + link.getValue());
            }
        }
    }

    /** The entry's path on the host ("/sys/..."). */
    private static String hostPath(Path fsRoot, Path file) {
        return "/" + fsRoot.relativize(file);
    }

    /** The entry as a message names it ("SNAPSHOT/fs/sys/..."). */
    private static String where(Path fsRoot, Path file, String label) {
        return label + "/" + fsRoot.getParent().relativize(file);
    }

    /** A link's target, once checked to be relative and to stay under "/" (lexically: loops are checked later). */
    private static String checkLink(Path fsRoot, Path link, String label) {
        String target;
        try {
            target = Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            throw new InputException(SourceLocation.of(where(fsRoot, link, label)), "unreadable symlink");
        }
        if (target.startsWith("/")) {
            throw new InputException(SourceLocation.of(where(fsRoot, link, label)), "absolute symlink -> " + target,
                    "snapshots keep sysfs links relative, as the kernel makes them (e.g. ../../../devices/...)");
        }
        // Lexically: the target, taken from the link's directory, must stay under "/".
        Deque<String> parts = new ArrayDeque<>();
        String hostPath = hostPath(fsRoot, link);
        String parent = hostPath.substring(0, hostPath.lastIndexOf('/'));
        for (String s : (parent + "/" + target).split("/")) {
            if (s.isEmpty() || s.equals(".")) continue;
            if (s.equals("..")) {
                if (parts.isEmpty()) {
                    throw new InputException(SourceLocation.of(where(fsRoot, link, label)), "symlink escapes the snapshot root -> " + target,
                            "links must point inside fs/");
                }
                parts.removeLast();
            } else {
                parts.addLast(s);
            }
        }
        return target;
    }
}
