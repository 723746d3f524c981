package dev.sriovctl.bench;

import dev.sriovctl.InputException;

/**
 * One {@code sriovctl bench} run.
 *
 * @param server       the iperf3 server's address (the client connects to it)
 * @param clientNetns  network namespace the client runs in, or null for the current one
 * @param serverNetns  when set, a one-off iperf3 server is started in this namespace for the run
 * @param device       the interface measured (its link speed is the reference, and the client binds to
 *                     it); null = the interface the route to {@code server} leaves by
 */
public record BenchRequest(String server, String clientNetns, String serverNetns, String device,
                           int streams, int seconds, int port, boolean reverse) {

    public BenchRequest {
        if (server == null || server.isBlank() || server.startsWith("-")) {
            throw new InputException(null, "--server: an address is needed", "the iperf3 server the client connects to, e.g. --server 198.18.0.2");
        }
        if (streams < 1 || streams > 128) throw new InputException(null, "--parallel " + streams + ": out of range", "valid: 1..128 streams");
        if (seconds < 1 || seconds > 3600) throw new InputException(null, "--time " + seconds + ": out of range", "valid: 1..3600 seconds");
        if (port < 1 || port > 65535) throw new InputException(null, "--port " + port + ": out of range", "valid: 1..65535");
        for (String name : new String[]{clientNetns, serverNetns, device}) {
            if (name != null && !name.matches("[A-Za-z0-9_.@:-]{1,64}")) {
                throw new InputException(null, "'" + name + "' is not a network namespace or interface name",
                        "names are letters, digits and . _ - @ :, at most 64 characters");
            }
        }
    }
}
