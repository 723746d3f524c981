package dev.sriovctl.ansible;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The {@code sriovctl} executable the Ansible modules run in the tests: a shell script starting this
 * build's classes on the test's own JVM, with the launcher's options (packaging/sriovctl: C1 only,
 * serial GC) and a class-data-sharing archive trained once by a {@code plan} on a simulated host.
 * A JVM starts for every module call, so the archive matters: on a loaded 2-core machine it cut a
 * {@code plan} from about 5 s to about 3 s. CDS only archives classes from jars, so the compiled
 * classes are packed into one first (the shaded jar does not exist yet in Maven's test phase).
 */
final class SriovctlLauncher {
    private SriovctlLauncher() {
    }

    static final String OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss1m -XX:-UsePerfData";

    /** Writes DIR/bin/sriovctl and its archive; {@code trainSim} and {@code trainSpec} are what the training run plans. */
    static Path create(Path dir, Path trainSim, Path trainSpec) {
        try {
            Path bin = Files.createDirectories(dir.resolve("bin"));
            List<String> classpath = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                Path p = Path.of(entry);
                if (Files.isDirectory(p)) {
                    if (p.getFileName().toString().equals("classes")) classpath.add(0, packClasses(p, dir.resolve("sriovctl-classes.jar")).toString());
                } else if (entry.endsWith(".jar")) {
                    classpath.add(entry);
                }
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String cp = String.join(":", classpath);
            Path jsa = dir.resolve("sriovctl.jsa");
            Path script = bin.resolve("sriovctl");
            Files.writeString(script, "#!/bin/sh\n# sriovctl of this build, for the Ansible tests (SriovctlLauncher)\n"
                    + "exec " + java + " " + OPTIONS + " -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off -XX:SharedArchiveFile=" + jsa
                    + " -cp " + cp + " dev.sriovctl.cli.Main \"$@\"\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            List<String> train = new ArrayList<>(List.of(java));
            train.addAll(List.of(OPTIONS.split(" ")));
            train.addAll(List.of("-XX:ArchiveClassesAtExit=" + jsa, "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-cp", cp, "dev.sriovctl.cli.Main",
                    "plan", "--sim", trainSim.toString(), "-f", trainSpec.toString(), "-o", "json"));
            Process p = new ProcessBuilder(train).redirectErrorStream(true).redirectOutput(dir.resolve("cds-training.log").toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) p.destroyForcibly();
            // without the archive the script still works (-Xshare:auto), only slower
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path packClasses(Path classes, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out); Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                if (!Files.isRegularFile(f)) continue;
                j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, j);
                j.closeEntry();
            }
        }
        return jar;
    }
}
