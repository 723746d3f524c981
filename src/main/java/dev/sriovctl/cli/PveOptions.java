package dev.sriovctl.cli;

import dev.sriovctl.InputException;
import dev.sriovctl.SourceLocation;
import dev.sriovctl.host.Host;
import dev.sriovctl.host.HostException;
import dev.sriovctl.observe.Inventory;
import dev.sriovctl.observe.InventoryBuilder;
import dev.sriovctl.pve.ApiToken;
import dev.sriovctl.pve.Fingerprint;
import dev.sriovctl.pve.PveApi;
import dev.sriovctl.pve.PveApiException;
import dev.sriovctl.pve.PveClient;
import dev.sriovctl.pve.PveConnection;
import dev.sriovctl.pve.PveshClient;
import dev.sriovctl.pve.Secret;
import dev.sriovctl.pve.TokenId;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How {@code sriovctl pve ...} reaches the PVE API: with {@code --api} and an API token (the
 * secret from {@code --token-file} or {@value Secret#ENV}, never from the command line), or, on a
 * PVE node without them, through the local {@code pvesh} as root.
 */
public final class PveOptions {

    @Option(names = "--api", paramLabel = "HOST|URL", converter = ApiConverter.class,
            description = "The PVE API: a node's name or address (port 8006), or https://HOST:PORT. Without it, 'pve' uses pvesh on this node and 'doctor' reads /etc/pve.")
    URI api;

    @Option(names = "--token-id", paramLabel = "USER@REALM!TOKENID", converter = TokenIdConverter.class,
            description = "The API token id, e.g. sriovctl@pve!ops (see docs/proxmox.md for the privileges it needs).")
    TokenId tokenId;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "A file holding only the token secret, mode 0600. Default: the environment variable " + Secret.ENV + ".")
    Path tokenFile;

    @Option(names = "--fingerprint", paramLabel = "AA:BB:...", converter = FingerprintConverter.class,
            description = "Trust the node's certificate by its SHA-256 fingerprint ('pvenode cert info') instead of a CA; the host name is then not checked.")
    Fingerprint fingerprint;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Seconds to wait for each API answer (default 30). Reads are tried up to 3 times; writes once.")
    int timeoutSeconds = 30;

    @Option(names = {"-v", "--verbose"}, description = "Print each API request (method, path, status, time) on stderr; never the token.")
    boolean verbose;

    /** Whether an API connection was asked for (doctor reads /etc/pve on the host otherwise, never pvesh). */
    boolean given() {
        return api != null || tokenId != null || tokenFile != null;
    }

    /** Opens the API for a command; the caller's host is where pvesh would run. */
    PveApi open(Host host, Map<String, String> env, PrintWriter err) {
        if (timeoutSeconds < 1) throw new InputException(SourceLocation.of("--timeout " + timeoutSeconds), "must be at least 1 second");
        if (api == null && tokenId == null && tokenFile == null) {
            if (PveshClient.available(host)) return new PveshClient(host, Duration.ofSeconds(Math.max(60, timeoutSeconds)));
            throw new InputException(SourceLocation.of(host.description()), "no way to reach the PVE API: no --api given and pvesh is not installed here",
                    "give --api HOST --token-id USER@REALM!TOKENID and the secret in --token-file FILE (or " + Secret.ENV + "), or run on a Proxmox VE node as root");
        }
        if (api == null) throw new InputException(SourceLocation.of("--api"), "missing: --token-id and --token-file need the API address", "e.g. --api pve1.example.com");
        if (tokenId == null) throw new InputException(SourceLocation.of("--token-id"), "missing: the API needs a token id", "e.g. --token-id sriovctl@pve!ops");
        Secret secret = tokenFile != null ? Secret.fromFile(tokenFile) : Secret.fromEnvironment(env);
        PveConnection c = PveConnection.of(api, new ApiToken(tokenId, secret), fingerprint)
                .withTimeout(Duration.ofSeconds(timeoutSeconds));
        if (verbose) c = c.withTrace(line -> err.println("pve: " + line));
        return PveClient.connect(c);
    }

    /** What a {@code pve} subcommand does once its host is discovered and the API reached. */
    interface Call<T> {
        T run(PveApi api, Host host, Inventory inventory);
    }

    /**
     * Opens the selected host, discovers it, reaches the API (pvesh runs on that host) and runs the
     * call while the host is open. An API failure in the call becomes the project's error ({@link #failure}).
     */
    <T> T call(HostOptions hostOptions, CommandSpec spec, Call<T> call) {
        try (HostSelection.OpenHost open = hostOptions.selection().open()) {
            Inventory inventory = InventoryBuilder.build(open.host());
            PveApi api = open(open.host(), System.getenv(), spec.commandLine().getErr());
            try {
                return call.run(api, open.host(), inventory);
            } catch (PveApiException e) {
                throw failure(api, e);
            }
        }
    }

    /** This host's PVE node name: {@code --node}, else its short hostname; null when neither is known. */
    static String localNode(String node, Inventory inventory) {
        return node != null ? node : PveTables.shortName(inventory.hostname());
    }

    /** The project's error for an API failure: what the user must fix is exit 2, the rest exit 3. */
    static RuntimeException failure(PveApi api, PveApiException e) {
        if (e.badInput()) return new InputException(SourceLocation.of(api.describe()), e.getMessage());
        return new HostException(e.getMessage(), e);
    }

    static final class ApiConverter implements CommandLine.ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            try {
                return PveConnection.apiBase(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class TokenIdConverter implements CommandLine.ITypeConverter<TokenId> {
        @Override
        public TokenId convert(String value) {
            try {
                return TokenId.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class FingerprintConverter implements CommandLine.ITypeConverter<Fingerprint> {
        @Override
        public Fingerprint convert(String value) {
            try {
                return Fingerprint.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
